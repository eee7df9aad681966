// Internal helpers shared by the bridge's translation units. Not part of the C API.
#ifndef VTKBRIDGE_INTERNAL_H
#define VTKBRIDGE_INTERNAL_H

#include "vtkbridge.h"

#include <vtkObjectBase.h>

#include <string>

namespace vtkb {

/// Counts a handle leaving the bridge; the Swift side gives it back through vtkb_release.
void countHandle();

/// Hands a freshly created object (reference count 1) to the caller.
template <class T> inline vtkb_object give(T *obj) {
  if (!obj) return nullptr;
  countHandle();
  return reinterpret_cast<vtkb_object>(static_cast<vtkObjectBase *>(obj));
}

/// Hands an object the caller did not create: takes a new reference first.
template <class T> inline vtkb_object share(T *obj) {
  if (!obj) return nullptr;
  obj->Register(nullptr);
  return give(obj);
}

/// The object behind a handle, unchecked (every handle is a vtkObjectBase).
inline vtkObjectBase *object(vtkb_object h) { return reinterpret_cast<vtkObjectBase *>(h); }

/// Records a failure for vtkb_last_error / vtkb_last_error_function and returns code.
vtkb_status fail(vtkb_status code, const char *function, std::string message);

/// Records why `actual` (the argument `param` of `function`) is not the `expected` class:
/// VTKB_ERR_NULL_HANDLE or VTKB_ERR_WRONG_CLASS.
vtkb_status badHandle(const char *function, const std::string &param, const char *expected, vtkObjectBase *actual);

/// Down-casts a handle to T (SafeDownCast, i.e. IsA). On failure `out` is null and the failure is
/// recorded. Use it through VTKB_CAST.
template <class T>
inline vtkb_status cast(vtkb_object h, T *&out, const char *function, const char *param, const char *expected) {
  out = T::SafeDownCast(object(h));
  return out ? VTKB_OK : badHandle(function, param, expected, object(h));
}

} // namespace vtkb

/// Declares `T *var` holding the handle `handle` down-cast to T, or returns the failure status
/// from the enclosing bridge function (which names itself, the argument and both classes). The one
/// way a bridge function turns a handle into an object.
#define VTKB_CAST(T, var, handle)                                                                 \
  T *var = nullptr;                                                                               \
  if (const vtkb_status vtkb_cast_status = vtkb::cast<T>(handle, var, __func__, #handle, #T))     \
  return vtkb_cast_status

#endif
