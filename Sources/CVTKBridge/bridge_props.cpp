// Props, actors, the three LOD props and the frustum coverage culler.
#include "bridge_internal.h"

#include <vtkActor.h>
#include <vtkFrustumCoverageCuller.h>
#include <vtkLODActor.h>
#include <vtkLODProp3D.h>
#include <vtkMapper.h>
#include <vtkMapperCollection.h>
#include <vtkNew.h>
#include <vtkPolyDataAlgorithm.h>
#include <vtkProperty.h>
#include <vtkQuadricClustering.h>
#include <vtkQuadricLODActor.h>
#include <vtkRenderer.h>

#include <string>
#include <vector>

using vtkb::give;
using vtkb::share;

extern "C" {

// MARK: Actors and props

vtkb_object vtkb_actor_new(void) { return give(vtkActor::New()); }

vtkb_status vtkb_actor_set_mapper(vtkb_object actor, vtkb_object mapper) {
  VTKB_CAST(vtkActor, a, actor);
  VTKB_CAST(vtkMapper, m, mapper);
  a->SetMapper(m);
  return VTKB_OK;
}

vtkb_status vtkb_actor_mapper(vtkb_object actor, vtkb_object *out) {
  VTKB_CAST(vtkActor, a, actor);
  *out = share(a->GetMapper());
  return VTKB_OK;
}

vtkb_status vtkb_actor_set_color(vtkb_object actor, double r, double g, double b) {
  VTKB_CAST(vtkActor, a, actor);
  a->GetProperty()->SetColor(r, g, b);
  return VTKB_OK;
}

vtkb_status vtkb_actor_set_opacity(vtkb_object actor, double alpha) {
  VTKB_CAST(vtkActor, a, actor);
  a->GetProperty()->SetOpacity(alpha);
  return VTKB_OK;
}

vtkb_status vtkb_actor_set_lighting(vtkb_object actor, int on) {
  VTKB_CAST(vtkActor, a, actor);
  a->GetProperty()->SetLighting(on != 0);
  return VTKB_OK;
}

vtkb_status vtkb_actor_set_representation(vtkb_object actor, int rep) {
  VTKB_CAST(vtkActor, a, actor);
  a->GetProperty()->SetRepresentation(rep);
  return VTKB_OK;
}

vtkb_status vtkb_actor_set_point_size(vtkb_object actor, double size) {
  VTKB_CAST(vtkActor, a, actor);
  a->GetProperty()->SetPointSize(size);
  return VTKB_OK;
}

vtkb_status vtkb_prop3d_set_position(vtkb_object prop, double x, double y, double z) {
  VTKB_CAST(vtkProp3D, p, prop);
  p->SetPosition(x, y, z);
  return VTKB_OK;
}

vtkb_status vtkb_prop3d_set_scale(vtkb_object prop, double s) {
  VTKB_CAST(vtkProp3D, p, prop);
  p->SetScale(s);
  return VTKB_OK;
}

vtkb_status vtkb_prop3d_bounds(vtkb_object prop, double out[6]) {
  VTKB_CAST(vtkProp3D, p, prop);
  const double *b = p->GetBounds();
  for (int i = 0; i < 6; i++) out[i] = b ? b[i] : 0.0;
  return VTKB_OK;
}

vtkb_status vtkb_prop_set_visibility(vtkb_object prop, int on) {
  VTKB_CAST(vtkProp, p, prop);
  p->SetVisibility(on);
  return VTKB_OK;
}

vtkb_status vtkb_prop_visibility(vtkb_object prop, int *out) {
  VTKB_CAST(vtkProp, p, prop);
  *out = p->GetVisibility();
  return VTKB_OK;
}

vtkb_status vtkb_prop_allocated_render_time(vtkb_object prop, double *out) {
  VTKB_CAST(vtkProp, p, prop);
  *out = p->GetAllocatedRenderTime();
  return VTKB_OK;
}

vtkb_status vtkb_prop_estimated_render_time(vtkb_object prop, double *out) {
  VTKB_CAST(vtkProp, p, prop);
  *out = p->GetEstimatedRenderTime();
  return VTKB_OK;
}

vtkb_status vtkb_prop_render_time_multiplier(vtkb_object prop, double *out) {
  VTKB_CAST(vtkProp, p, prop);
  *out = p->GetRenderTimeMultiplier();
  return VTKB_OK;
}

// MARK: vtkLODActor

vtkb_object vtkb_lod_actor_new(void) { return give(vtkLODActor::New()); }

vtkb_status vtkb_lod_actor_add_lod_mapper(vtkb_object actor, vtkb_object mapper) {
  VTKB_CAST(vtkLODActor, a, actor);
  VTKB_CAST(vtkMapper, m, mapper);
  a->AddLODMapper(m);
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_set_cloud_points(vtkb_object actor, int n) {
  VTKB_CAST(vtkLODActor, a, actor);
  a->SetNumberOfCloudPoints(n);
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_cloud_points(vtkb_object actor, int *out) {
  VTKB_CAST(vtkLODActor, a, actor);
  *out = a->GetNumberOfCloudPoints();
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_lod_mapper_count(vtkb_object actor, int *out) {
  VTKB_CAST(vtkLODActor, a, actor);
  *out = a->GetLODMappers()->GetNumberOfItems();
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_lod_mapper(vtkb_object actor, int index, vtkb_object *out) {
  VTKB_CAST(vtkLODActor, a, actor);
  *out = share(vtkMapper::SafeDownCast(a->GetLODMappers()->GetItemAsObject(index)));
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_set_medium_res_filter(vtkb_object actor, vtkb_object filter) {
  VTKB_CAST(vtkLODActor, a, actor);
  VTKB_CAST(vtkPolyDataAlgorithm, f, filter);
  a->SetMediumResFilter(f);
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_set_low_res_filter(vtkb_object actor, vtkb_object filter) {
  VTKB_CAST(vtkLODActor, a, actor);
  VTKB_CAST(vtkPolyDataAlgorithm, f, filter);
  a->SetLowResFilter(f);
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_medium_res_filter(vtkb_object actor, vtkb_object *out) {
  VTKB_CAST(vtkLODActor, a, actor);
  *out = share(a->GetMediumResFilter());
  return VTKB_OK;
}

vtkb_status vtkb_lod_actor_low_res_filter(vtkb_object actor, vtkb_object *out) {
  VTKB_CAST(vtkLODActor, a, actor);
  *out = share(a->GetLowResFilter());
  return VTKB_OK;
}

// MARK: vtkLODProp3D

vtkb_object vtkb_lod_prop3d_new(void) { return give(vtkLODProp3D::New()); }

vtkb_status vtkb_lod_prop3d_add_lod(vtkb_object prop, vtkb_object mapper, double time, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  VTKB_CAST(vtkMapper, m, mapper);
  *out = p->AddLOD(m, time);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_count(vtkb_object prop, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetNumberOfLODs();
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_automatic(vtkb_object prop, int on) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  p->SetAutomaticLODSelection(on);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_automatic(vtkb_object prop, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetAutomaticLODSelection();
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_selected(vtkb_object prop, int id) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  p->SetSelectedLODID(id);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_selected(vtkb_object prop, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetSelectedLODID();
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_last_rendered(vtkb_object prop, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetLastRenderedLODID();
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_level(vtkb_object prop, int id, double level) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  p->SetLODLevel(id, level);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_level(vtkb_object prop, int id, double *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetLODLevel(id);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_estimated_time(vtkb_object prop, int id, double *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetLODEstimatedRenderTime(id);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_enable(vtkb_object prop, int id, int on) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  if (on) p->EnableLOD(id);
  else p->DisableLOD(id);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_automatic_pick(vtkb_object prop, int on) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  p->SetAutomaticPickLODSelection(on);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_selected_pick(vtkb_object prop, int id) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  p->SetSelectedPickLODID(id);
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_pick_lod(vtkb_object prop, int *out) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  *out = p->GetPickLODID();
  return VTKB_OK;
}

vtkb_status vtkb_lod_prop3d_set_color(vtkb_object prop, int id, double r, double g, double b) {
  VTKB_CAST(vtkLODProp3D, p, prop);
  vtkProperty *property = nullptr;
  p->GetLODProperty(id, &property);
  if (!property) {
    vtkNew<vtkProperty> fresh;
    p->SetLODProperty(id, fresh);
    property = fresh;
  }
  property->SetColor(r, g, b);
  return VTKB_OK;
}

// MARK: vtkQuadricLODActor

vtkb_object vtkb_quadric_lod_actor_new(void) { return give(vtkQuadricLODActor::New()); }

vtkb_status vtkb_quadric_lod_actor_set_defer(vtkb_object actor, int on) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  a->SetDeferLODConstruction(on);
  return VTKB_OK;
}

vtkb_status vtkb_quadric_lod_actor_set_static(vtkb_object actor, int on) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  a->SetStatic(on);
  return VTKB_OK;
}

vtkb_status vtkb_quadric_lod_actor_set_collapse_ratio(vtkb_object actor, double r) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  a->SetCollapseDimensionRatio(r);
  return VTKB_OK;
}

vtkb_status vtkb_quadric_lod_actor_collapse_ratio(vtkb_object actor, double *out) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  *out = a->GetCollapseDimensionRatio();
  return VTKB_OK;
}

vtkb_status vtkb_quadric_lod_actor_set_data_configuration(vtkb_object actor, int c) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  a->SetDataConfiguration(c);
  return VTKB_OK;
}

vtkb_status vtkb_quadric_lod_actor_lod_filter(vtkb_object actor, vtkb_object *out) {
  VTKB_CAST(vtkQuadricLODActor, a, actor);
  *out = share(a->GetLODFilter());
  return VTKB_OK;
}

// MARK: Cullers

vtkb_object vtkb_frustum_coverage_culler_new(void) { return give(vtkFrustumCoverageCuller::New()); }

vtkb_status vtkb_coverage_culler_set_min(vtkb_object culler, double v) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  c->SetMinimumCoverage(v);
  return VTKB_OK;
}

vtkb_status vtkb_coverage_culler_set_max(vtkb_object culler, double v) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  c->SetMaximumCoverage(v);
  return VTKB_OK;
}

vtkb_status vtkb_coverage_culler_min(vtkb_object culler, double *out) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  *out = c->GetMinimumCoverage();
  return VTKB_OK;
}

vtkb_status vtkb_coverage_culler_max(vtkb_object culler, double *out) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  *out = c->GetMaximumCoverage();
  return VTKB_OK;
}

vtkb_status vtkb_coverage_culler_set_sorting(vtkb_object culler, int style) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  c->SetSortingStyle(style);
  return VTKB_OK;
}

vtkb_status vtkb_coverage_culler_sorting(vtkb_object culler, int *out) {
  VTKB_CAST(vtkFrustumCoverageCuller, c, culler);
  *out = c->GetSortingStyle();
  return VTKB_OK;
}

vtkb_status vtkb_culler_cull(vtkb_object culler, vtkb_object renderer, vtkb_object *props, int *count) {
  VTKB_CAST(vtkCuller, c, culler);
  VTKB_CAST(vtkRenderer, r, renderer);
  const int n = *count;
  std::vector<vtkProp *> list(n);
  for (int i = 0; i < n; i++) {
    list[i] = vtkProp::SafeDownCast(vtkb::object(props[i]));
    if (!list[i])
      return vtkb::badHandle(__func__, "props[" + std::to_string(i) + "]", "vtkProp", vtkb::object(props[i]));
  }
  int length = n;
  int initialized = 0;
  c->Cull(r, list.data(), length, initialized);
  // The culler compacts the list and may reorder it (sorting styles).
  for (int k = 0; k < length; k++) props[k] = reinterpret_cast<vtkb_object>(static_cast<vtkObjectBase *>(list[k]));
  *count = length;
  return VTKB_OK;
}

} // extern "C"
