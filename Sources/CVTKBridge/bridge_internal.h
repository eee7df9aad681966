// Internal helpers shared by the bridge's translation units. Not part of the C API.
#ifndef VTKBRIDGE_INTERNAL_H
#define VTKBRIDGE_INTERNAL_H

#include "vtkbridge.h"

#include <vtkObjectBase.h>

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

/// The object behind a handle, down-cast to T (nullptr when it is not a T).
template <class T> inline T *as(vtkb_object h) {
  return T::SafeDownCast(reinterpret_cast<vtkObjectBase *>(h));
}

} // namespace vtkb

#endif
