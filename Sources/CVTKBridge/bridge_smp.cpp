// vtkSMPTools and the filters chapter 19 times under it.
#include "bridge_internal.h"

#include <vtkFlyingEdges3D.h>
#include <vtkObject.h>
#include <vtkRTAnalyticSource.h>
#include <vtkSMPTools.h>

#include <string>

using vtkb::give;

namespace {
/// GetBackend returns a pointer into a string VTK may rebuild; keep our own copy per thread.
thread_local std::string backendName;
} // namespace

extern "C" {

const char *vtkb_smp_backend(void) {
  const char *name = vtkSMPTools::GetBackend();
  backendName = name ? name : "";
  return backendName.c_str();
}

vtkb_status vtkb_smp_set_backend(const char *name) {
  if (!name) return vtkb::fail(VTKB_ERR_FAILED, __func__, "no back end name given");
  if (!vtkSMPTools::SetBackend(name)) {
    return vtkb::fail(VTKB_ERR_FAILED, __func__,
                      std::string("vtkSMPTools::SetBackend(\"") + name + "\") returned false: not built in");
  }
  return VTKB_OK;
}

void vtkb_smp_initialize(int threads) { vtkSMPTools::Initialize(threads); }

int vtkb_smp_estimated_threads(void) { return vtkSMPTools::GetEstimatedNumberOfThreads(); }

void vtkb_smp_set_nested(int on) { vtkSMPTools::SetNestedParallelism(on != 0); }

int vtkb_smp_nested(void) { return vtkSMPTools::GetNestedParallelism() ? 1 : 0; }

int vtkb_smp_is_parallel_scope(void) { return vtkSMPTools::IsParallelScope() ? 1 : 0; }

vtkb_status vtkb_object_modified(vtkb_object obj) {
  VTKB_CAST(vtkObject, o, obj);
  o->Modified();
  return VTKB_OK;
}

vtkb_object vtkb_wavelet_source_new(int half_extent) {
  vtkRTAnalyticSource *s = vtkRTAnalyticSource::New();
  s->SetWholeExtent(-half_extent, half_extent, -half_extent, half_extent, -half_extent, half_extent);
  return give(s);
}

vtkb_object vtkb_flying_edges3d_new(double value) {
  vtkFlyingEdges3D *f = vtkFlyingEdges3D::New();
  f->SetValue(0, value);
  return give(f);
}

} // extern "C"
