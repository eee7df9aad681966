// Sources, filters, poly data and mappers.
#include "bridge_internal.h"

#include <vtkDataObject.h>

#include <vtkAlgorithmOutput.h>
#include <vtkCellArray.h>
#include <vtkConeSource.h>
#include <vtkCubeSource.h>
#include <vtkDecimatePro.h>
#include <vtkMaskPoints.h>
#include <vtkNew.h>
#include <vtkOutlineFilter.h>
#include <vtkParametricFunctionSource.h>
#include <vtkParametricTorus.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkQuadricClustering.h>
#include <vtkQuadricDecimation.h>
#include <vtkSphereSource.h>
#include <vtkTriangleFilter.h>
#include <vtkTrivialProducer.h>

using vtkb::give;
using vtkb::share;

namespace {

/// VTK has no setter for TimeToDraw. A derived class may name its protected member, and a
/// pointer to that member works on any vtkAbstractMapper: standard C++, no layout guessing.
struct TimeToDrawAccess : vtkAbstractMapper {
  static double vtkAbstractMapper::*member() { return &TimeToDrawAccess::TimeToDraw; }
};
} // namespace

extern "C" {

// MARK: Algorithms

vtkb_status vtkb_algorithm_set_input(vtkb_object filter, vtkb_object upstream) {
  VTKB_CAST(vtkAlgorithm, f, filter);
  VTKB_CAST(vtkAlgorithm, u, upstream);
  f->SetInputConnection(u->GetOutputPort());
  return VTKB_OK;
}

vtkb_status vtkb_algorithm_update(vtkb_object algo) {
  VTKB_CAST(vtkAlgorithm, a, algo);
  a->Update();
  return VTKB_OK;
}

vtkb_status vtkb_algorithm_output_polydata(vtkb_object algo, vtkb_object *out) {
  VTKB_CAST(vtkAlgorithm, a, algo);
  *out = share(vtkPolyData::SafeDownCast(a->GetOutputDataObject(0)));
  return VTKB_OK;
}

vtkb_object vtkb_sphere_source_new(double radius, double cx, double cy, double cz, int theta, int phi) {
  vtkSphereSource *s = vtkSphereSource::New();
  s->SetRadius(radius);
  s->SetCenter(cx, cy, cz);
  s->SetThetaResolution(theta);
  s->SetPhiResolution(phi);
  return give(s);
}

vtkb_object vtkb_cone_source_new(double height, double radius, int resolution, const double center[3],
                                 const double direction[3]) {
  vtkConeSource *s = vtkConeSource::New();
  s->SetHeight(height);
  s->SetRadius(radius);
  s->SetResolution(resolution);
  s->SetCenter(center[0], center[1], center[2]);
  s->SetDirection(direction[0], direction[1], direction[2]);
  return give(s);
}

vtkb_object vtkb_cube_source_new(double lx, double ly, double lz, double cx, double cy, double cz) {
  vtkCubeSource *s = vtkCubeSource::New();
  s->SetXLength(lx);
  s->SetYLength(ly);
  s->SetZLength(lz);
  s->SetCenter(cx, cy, cz);
  return give(s);
}

vtkb_object vtkb_torus_source_new(double ring_radius, double cross_radius, int u, int v) {
  vtkNew<vtkParametricTorus> torus;
  torus->SetRingRadius(ring_radius);
  torus->SetCrossSectionRadius(cross_radius);
  vtkParametricFunctionSource *s = vtkParametricFunctionSource::New();
  s->SetParametricFunction(torus);
  s->SetUResolution(u);
  s->SetVResolution(v);
  return give(s);
}

vtkb_object vtkb_triangle_filter_new(void) { return give(vtkTriangleFilter::New()); }

vtkb_object vtkb_quadric_decimation_new(double target_reduction, int volume_preservation) {
  vtkQuadricDecimation *f = vtkQuadricDecimation::New();
  f->SetTargetReduction(target_reduction);
  f->SetVolumePreservation(volume_preservation);
  return give(f);
}

vtkb_object vtkb_decimate_pro_new(double target_reduction, int preserve_topology, double feature_angle) {
  vtkDecimatePro *f = vtkDecimatePro::New();
  f->SetTargetReduction(target_reduction);
  f->SetPreserveTopology(preserve_topology);
  f->SetFeatureAngle(feature_angle);
  return give(f);
}

vtkb_object vtkb_quadric_clustering_new(int nx, int ny, int nz) {
  vtkQuadricClustering *f = vtkQuadricClustering::New();
  f->SetNumberOfDivisions(nx, ny, nz);
  return give(f);
}

vtkb_object vtkb_mask_points_new(int max_points) {
  vtkMaskPoints *f = vtkMaskPoints::New();
  f->SetMaximumNumberOfPoints(max_points);
  f->RandomModeOn();
  f->GenerateVerticesOn();
  f->SingleVertexPerCellOn();
  return give(f);
}

vtkb_object vtkb_outline_filter_new(void) { return give(vtkOutlineFilter::New()); }

vtkb_object vtkb_triangle_mesh_producer_new(const double *xyz, int64_t npoints, const int64_t *triangles,
                                           int64_t ntriangles) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(npoints);
  for (int64_t i = 0; i < npoints; i++) points->SetPoint(i, xyz + 3 * i);
  vtkNew<vtkCellArray> polys;
  polys->AllocateExact(ntriangles, 3 * ntriangles);
  for (int64_t t = 0; t < ntriangles; t++) {
    vtkIdType ids[3] = {triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]};
    polys->InsertNextCell(3, ids);
  }
  vtkNew<vtkPolyData> pd;
  pd->SetPoints(points);
  pd->SetPolys(polys);
  vtkTrivialProducer *p = vtkTrivialProducer::New();
  p->SetOutput(pd);
  return give(p);
}

// MARK: Poly data

vtkb_status vtkb_polydata_points(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfPoints();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_cells(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfCells();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_polys(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfPolys();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_verts(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfVerts();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_lines(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfLines();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_strips(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetNumberOfStrips();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_vertex_points(vtkb_object pd, int64_t *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  *out = p->GetVerts()->GetNumberOfConnectivityIds();
  return VTKB_OK;
}

vtkb_status vtkb_polydata_bounds(vtkb_object pd, double out[6]) {
  VTKB_CAST(vtkPolyData, p, pd);
  p->GetBounds(out);
  return VTKB_OK;
}

vtkb_status vtkb_polydata_copy_points(vtkb_object pd, double *out) {
  VTKB_CAST(vtkPolyData, p, pd);
  const vtkIdType n = p->GetNumberOfPoints();
  for (vtkIdType i = 0; i < n; i++) p->GetPoint(i, out + 3 * i);
  return VTKB_OK;
}

vtkb_status vtkb_polydata_copy_triangles(vtkb_object pd, int64_t *out, int64_t *written) {
  VTKB_CAST(vtkPolyData, p, pd);
  vtkCellArray *polys = p->GetPolys();
  int64_t n = 0;
  vtkIdType npts = 0;
  const vtkIdType *pts = nullptr;
  for (polys->InitTraversal(); polys->GetNextCell(npts, pts);) {
    if (npts != 3) continue;
    out[3 * n] = pts[0];
    out[3 * n + 1] = pts[1];
    out[3 * n + 2] = pts[2];
    n++;
  }
  *written = n;
  return VTKB_OK;
}

vtkb_status vtkb_data_object_memory_kib(vtkb_object data, int64_t *out) {
  VTKB_CAST(vtkDataObject, d, data);
  *out = static_cast<int64_t>(d->GetActualMemorySize());
  return VTKB_OK;
}

// MARK: Mappers

vtkb_object vtkb_polydata_mapper_new(void) { return give(vtkPolyDataMapper::New()); }

vtkb_status vtkb_mapper_set_input(vtkb_object mapper, vtkb_object algo) {
  VTKB_CAST(vtkMapper, m, mapper);
  VTKB_CAST(vtkAlgorithm, a, algo);
  m->SetInputConnection(a->GetOutputPort());
  return VTKB_OK;
}

vtkb_status vtkb_mapper_set_static(vtkb_object mapper, int on) {
  VTKB_CAST(vtkMapper, m, mapper);
  m->SetStatic(on);
  return VTKB_OK;
}

vtkb_status vtkb_mapper_set_scalar_visibility(vtkb_object mapper, int on) {
  VTKB_CAST(vtkMapper, m, mapper);
  m->SetScalarVisibility(on);
  return VTKB_OK;
}

vtkb_status vtkb_mapper_time_to_draw(vtkb_object mapper, double *out) {
  VTKB_CAST(vtkMapper, m, mapper);
  *out = m->GetTimeToDraw();
  return VTKB_OK;
}

vtkb_status vtkb_mapper_set_time_to_draw(vtkb_object mapper, double seconds) {
  VTKB_CAST(vtkMapper, m, mapper);
  m->*(TimeToDrawAccess::member()) = seconds;
  return VTKB_OK;
}

vtkb_status vtkb_mapper_update(vtkb_object mapper) {
  VTKB_CAST(vtkMapper, m, mapper);
  m->Update();
  return VTKB_OK;
}

vtkb_status vtkb_mapper_input_polydata(vtkb_object mapper, vtkb_object *out) {
  VTKB_CAST(vtkMapper, m, mapper);
  *out = m->GetNumberOfInputConnections(0) == 0 ? nullptr
                                                : share(vtkPolyData::SafeDownCast(m->GetInputDataObject(0, 0)));
  return VTKB_OK;
}

} // extern "C"
