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

#include <chrono>
#include <unordered_map>
#include <vector>

using vtkb::as;
using vtkb::give;
using vtkb::share;

extern "C" {

// MARK: Actors and props

vtkb_object vtkb_actor_new(void) { return give(vtkActor::New()); }

void vtkb_actor_set_mapper(vtkb_object actor, vtkb_object mapper) {
  as<vtkActor>(actor)->SetMapper(as<vtkMapper>(mapper));
}

vtkb_object vtkb_actor_mapper(vtkb_object actor) { return share(as<vtkActor>(actor)->GetMapper()); }

void vtkb_actor_set_color(vtkb_object actor, double r, double g, double b) {
  as<vtkActor>(actor)->GetProperty()->SetColor(r, g, b);
}

void vtkb_actor_set_opacity(vtkb_object actor, double a) { as<vtkActor>(actor)->GetProperty()->SetOpacity(a); }

void vtkb_actor_set_lighting(vtkb_object actor, int on) {
  as<vtkActor>(actor)->GetProperty()->SetLighting(on != 0);
}

void vtkb_actor_set_representation(vtkb_object actor, int rep) {
  as<vtkActor>(actor)->GetProperty()->SetRepresentation(rep);
}

void vtkb_actor_set_point_size(vtkb_object actor, double size) {
  as<vtkActor>(actor)->GetProperty()->SetPointSize(size);
}

void vtkb_prop3d_set_position(vtkb_object prop, double x, double y, double z) {
  as<vtkProp3D>(prop)->SetPosition(x, y, z);
}

void vtkb_prop3d_set_scale(vtkb_object prop, double s) { as<vtkProp3D>(prop)->SetScale(s); }

void vtkb_prop3d_bounds(vtkb_object prop, double out[6]) {
  const double *b = as<vtkProp3D>(prop)->GetBounds();
  for (int i = 0; i < 6; i++) out[i] = b ? b[i] : 0.0;
}

void vtkb_prop_set_visibility(vtkb_object prop, int on) { as<vtkProp>(prop)->SetVisibility(on); }
int vtkb_prop_visibility(vtkb_object prop) { return as<vtkProp>(prop)->GetVisibility(); }
double vtkb_prop_allocated_render_time(vtkb_object prop) { return as<vtkProp>(prop)->GetAllocatedRenderTime(); }
double vtkb_prop_estimated_render_time(vtkb_object prop) { return as<vtkProp>(prop)->GetEstimatedRenderTime(); }
double vtkb_prop_render_time_multiplier(vtkb_object prop) { return as<vtkProp>(prop)->GetRenderTimeMultiplier(); }

// MARK: vtkLODActor

vtkb_object vtkb_lod_actor_new(void) { return give(vtkLODActor::New()); }

void vtkb_lod_actor_add_lod_mapper(vtkb_object actor, vtkb_object mapper) {
  as<vtkLODActor>(actor)->AddLODMapper(as<vtkMapper>(mapper));
}

void vtkb_lod_actor_set_cloud_points(vtkb_object actor, int n) { as<vtkLODActor>(actor)->SetNumberOfCloudPoints(n); }
int vtkb_lod_actor_cloud_points(vtkb_object actor) { return as<vtkLODActor>(actor)->GetNumberOfCloudPoints(); }

int vtkb_lod_actor_lod_mapper_count(vtkb_object actor) {
  return as<vtkLODActor>(actor)->GetLODMappers()->GetNumberOfItems();
}

vtkb_object vtkb_lod_actor_lod_mapper(vtkb_object actor, int index) {
  return share(vtkMapper::SafeDownCast(as<vtkLODActor>(actor)->GetLODMappers()->GetItemAsObject(index)));
}

void vtkb_lod_actor_set_medium_res_filter(vtkb_object actor, vtkb_object filter) {
  as<vtkLODActor>(actor)->SetMediumResFilter(as<vtkPolyDataAlgorithm>(filter));
}

void vtkb_lod_actor_set_low_res_filter(vtkb_object actor, vtkb_object filter) {
  as<vtkLODActor>(actor)->SetLowResFilter(as<vtkPolyDataAlgorithm>(filter));
}

vtkb_object vtkb_lod_actor_medium_res_filter(vtkb_object actor) {
  return share(as<vtkLODActor>(actor)->GetMediumResFilter());
}

vtkb_object vtkb_lod_actor_low_res_filter(vtkb_object actor) {
  return share(as<vtkLODActor>(actor)->GetLowResFilter());
}

// MARK: vtkLODProp3D

vtkb_object vtkb_lod_prop3d_new(void) { return give(vtkLODProp3D::New()); }

int vtkb_lod_prop3d_add_lod(vtkb_object prop, vtkb_object mapper, double time) {
  return as<vtkLODProp3D>(prop)->AddLOD(as<vtkMapper>(mapper), time);
}

int vtkb_lod_prop3d_count(vtkb_object prop) { return as<vtkLODProp3D>(prop)->GetNumberOfLODs(); }
void vtkb_lod_prop3d_set_automatic(vtkb_object prop, int on) { as<vtkLODProp3D>(prop)->SetAutomaticLODSelection(on); }
int vtkb_lod_prop3d_automatic(vtkb_object prop) { return as<vtkLODProp3D>(prop)->GetAutomaticLODSelection(); }
void vtkb_lod_prop3d_set_selected(vtkb_object prop, int id) { as<vtkLODProp3D>(prop)->SetSelectedLODID(id); }
int vtkb_lod_prop3d_selected(vtkb_object prop) { return as<vtkLODProp3D>(prop)->GetSelectedLODID(); }
int vtkb_lod_prop3d_last_rendered(vtkb_object prop) { return as<vtkLODProp3D>(prop)->GetLastRenderedLODID(); }
void vtkb_lod_prop3d_set_level(vtkb_object prop, int id, double level) { as<vtkLODProp3D>(prop)->SetLODLevel(id, level); }
double vtkb_lod_prop3d_level(vtkb_object prop, int id) { return as<vtkLODProp3D>(prop)->GetLODLevel(id); }
double vtkb_lod_prop3d_estimated_time(vtkb_object prop, int id) {
  return as<vtkLODProp3D>(prop)->GetLODEstimatedRenderTime(id);
}
void vtkb_lod_prop3d_enable(vtkb_object prop, int id, int on) {
  if (on) as<vtkLODProp3D>(prop)->EnableLOD(id);
  else as<vtkLODProp3D>(prop)->DisableLOD(id);
}
void vtkb_lod_prop3d_set_automatic_pick(vtkb_object prop, int on) {
  as<vtkLODProp3D>(prop)->SetAutomaticPickLODSelection(on);
}
void vtkb_lod_prop3d_set_selected_pick(vtkb_object prop, int id) { as<vtkLODProp3D>(prop)->SetSelectedPickLODID(id); }
int vtkb_lod_prop3d_pick_lod(vtkb_object prop) { return as<vtkLODProp3D>(prop)->GetPickLODID(); }

void vtkb_lod_prop3d_set_color(vtkb_object prop, int id, double r, double g, double b) {
  vtkLODProp3D *p = as<vtkLODProp3D>(prop);
  vtkProperty *property = nullptr;
  p->GetLODProperty(id, &property);
  if (!property) {
    vtkNew<vtkProperty> fresh;
    p->SetLODProperty(id, fresh);
    property = fresh;
  }
  property->SetColor(r, g, b);
}

// MARK: vtkQuadricLODActor

vtkb_object vtkb_quadric_lod_actor_new(void) { return give(vtkQuadricLODActor::New()); }
void vtkb_quadric_lod_actor_set_defer(vtkb_object actor, int on) {
  as<vtkQuadricLODActor>(actor)->SetDeferLODConstruction(on);
}
void vtkb_quadric_lod_actor_set_static(vtkb_object actor, int on) { as<vtkQuadricLODActor>(actor)->SetStatic(on); }
void vtkb_quadric_lod_actor_set_collapse_ratio(vtkb_object actor, double r) {
  as<vtkQuadricLODActor>(actor)->SetCollapseDimensionRatio(r);
}
double vtkb_quadric_lod_actor_collapse_ratio(vtkb_object actor) {
  return as<vtkQuadricLODActor>(actor)->GetCollapseDimensionRatio();
}
void vtkb_quadric_lod_actor_set_data_configuration(vtkb_object actor, int c) {
  as<vtkQuadricLODActor>(actor)->SetDataConfiguration(c);
}
vtkb_object vtkb_quadric_lod_actor_lod_filter(vtkb_object actor) {
  return share(as<vtkQuadricLODActor>(actor)->GetLODFilter());
}

// MARK: Cullers

vtkb_object vtkb_frustum_coverage_culler_new(void) { return give(vtkFrustumCoverageCuller::New()); }
void vtkb_coverage_culler_set_min(vtkb_object c, double v) { as<vtkFrustumCoverageCuller>(c)->SetMinimumCoverage(v); }
void vtkb_coverage_culler_set_max(vtkb_object c, double v) { as<vtkFrustumCoverageCuller>(c)->SetMaximumCoverage(v); }
double vtkb_coverage_culler_min(vtkb_object c) { return as<vtkFrustumCoverageCuller>(c)->GetMinimumCoverage(); }
double vtkb_coverage_culler_max(vtkb_object c) { return as<vtkFrustumCoverageCuller>(c)->GetMaximumCoverage(); }
void vtkb_coverage_culler_set_sorting(vtkb_object c, int style) {
  as<vtkFrustumCoverageCuller>(c)->SetSortingStyle(style);
}
int vtkb_coverage_culler_sorting(vtkb_object c) { return as<vtkFrustumCoverageCuller>(c)->GetSortingStyle(); }

int vtkb_culler_cull(vtkb_object culler, vtkb_object renderer, const vtkb_object *props, int n, int *kept,
                     double *seconds) {
  std::vector<vtkProp *> list(n);
  std::unordered_map<vtkProp *, int> position;
  position.reserve(n);
  for (int i = 0; i < n; i++) {
    list[i] = as<vtkProp>(props[i]);
    position[list[i]] = i;
  }
  int length = n;
  int initialized = 0;
  const auto start = std::chrono::steady_clock::now();
  as<vtkCuller>(culler)->Cull(as<vtkRenderer>(renderer), list.data(), length, initialized);
  const auto end = std::chrono::steady_clock::now();
  if (seconds) *seconds = std::chrono::duration<double>(end - start).count();
  // The culler compacts the list and may reorder it (sorting styles): map survivors back.
  for (int k = 0; k < length; k++) kept[k] = position[list[k]];
  return length;
}

} // extern "C"
