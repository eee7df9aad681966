// vtkbridge.h: a thin C API over VTK 9.1, for Swift.
//
// Swift's C++ interop cannot use VTK directly (subclasses are not upcast, inherited methods go
// missing, New() ownership is unknown), so this header exposes plain C functions over opaque
// handles. Rules that hold for every function:
//
// - Every handle is a vtkObjectBase*. A function that returns a handle returns a NEW reference:
//   the caller owns it and gives it back with vtkb_release (the Swift wrappers do so in deinit).
// - Functions never take ownership of handles passed in; VTK registers what it keeps.
// - Names are vtkb_<class>_<method>, with the VTK method they call written next to each.
//
// Module initialisation (object factories for OpenGL2, interaction styles, FreeType) and logger
// silencing happen once, in a static initialiser inside the bridge.
#ifndef VTKBRIDGE_H
#define VTKBRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vtkb_object_s *vtkb_object;

// MARK: Objects and the library

/// Releases a reference obtained from the bridge (vtkObjectBase::UnRegister).
void vtkb_release(vtkb_object obj);
/// The VTK class name of an object (vtkObjectBase::GetClassName). Valid while obj lives.
const char *vtkb_class_name(vtkb_object obj);
/// Whether obj is an instance of the named class or a subclass (vtkObjectBase::IsA).
int vtkb_is_a(vtkb_object obj, const char *class_name);
/// The reference count of obj (vtkObjectBase::GetReferenceCount); for tests.
int vtkb_reference_count(vtkb_object obj);
/// Handles the bridge has returned and not yet seen released. Zero at exit means no leaks.
int64_t vtkb_live_handles(void);
/// VTK's version string, e.g. "9.1.0" (vtkVersion::GetVTKVersion).
const char *vtkb_version(void);
/// Seeds VTK's global random generator (vtkMath::RandomSeed), used by vtkMaskPoints.
void vtkb_random_seed(int seed);
/// Wall-clock seconds from VTK's timer (vtkTimerLog::GetUniversalTime).
double vtkb_universal_time(void);
/// Number of VTK errors reported since start-up (errors stay printed; this counts them).
int64_t vtkb_error_count(void);
/// Number of VTK warnings since start-up (not printed: VTK 9.1 warns about deprecated OpenGL
/// mapper features on every render).
int64_t vtkb_warning_count(void);

// MARK: Algorithms, sources and filters (vtkAlgorithm, vtkPolyDataAlgorithm)

/// upstream's output port 0 becomes filter's input 0 (SetInputConnection(GetOutputPort())).
void vtkb_algorithm_set_input(vtkb_object filter, vtkb_object upstream);
/// Runs the pipeline up to this algorithm (vtkAlgorithm::Update).
void vtkb_algorithm_update(vtkb_object algo);
/// The algorithm's output 0 as vtkPolyData (GetOutputDataObject(0)); NULL if not poly data.
vtkb_object vtkb_algorithm_output_polydata(vtkb_object algo);

/// vtkSphereSource with SetRadius, SetCenter, SetThetaResolution, SetPhiResolution.
vtkb_object vtkb_sphere_source_new(double radius, double cx, double cy, double cz, int theta, int phi);
/// vtkConeSource with SetHeight, SetRadius, SetResolution, SetCenter, SetDirection.
vtkb_object vtkb_cone_source_new(double height, double radius, int resolution, const double center[3],
                                 const double direction[3]);
/// vtkCubeSource with SetXLength/Y/Z and SetCenter.
vtkb_object vtkb_cube_source_new(double lx, double ly, double lz, double cx, double cy, double cz);
/// vtkParametricFunctionSource over vtkParametricTorus (SetRingRadius, SetCrossSectionRadius),
/// sampled at SetUResolution(u) x SetVResolution(v): about 2*u*v triangles.
vtkb_object vtkb_torus_source_new(double ring_radius, double cross_radius, int u, int v);
/// vtkTriangleFilter: polygons and strips to triangles.
vtkb_object vtkb_triangle_filter_new(void);
/// vtkQuadricDecimation with SetTargetReduction and SetVolumePreservation.
vtkb_object vtkb_quadric_decimation_new(double target_reduction, int volume_preservation);
/// vtkDecimatePro with SetTargetReduction, SetPreserveTopology, SetFeatureAngle.
vtkb_object vtkb_decimate_pro_new(double target_reduction, int preserve_topology, double feature_angle);
/// vtkQuadricClustering with SetNumberOfDivisions(nx, ny, nz).
vtkb_object vtkb_quadric_clustering_new(int nx, int ny, int nz);
/// vtkMaskPoints with SetMaximumNumberOfPoints, RandomModeOn, GenerateVerticesOn: a point cloud.
vtkb_object vtkb_mask_points_new(int max_points);
/// vtkOutlineFilter: the twelve edges of the input's bounding box.
vtkb_object vtkb_outline_filter_new(void);
/// Builds a vtkPolyData (held by a vtkTrivialProducer so it can feed a pipeline) from
/// xyz points and triangles given as point-index triples.
vtkb_object vtkb_triangle_mesh_producer_new(const double *xyz, int64_t npoints, const int64_t *triangles,
                                           int64_t ntriangles);

// MARK: Poly data (vtkPolyData)

int64_t vtkb_polydata_points(vtkb_object pd);   // GetNumberOfPoints
int64_t vtkb_polydata_cells(vtkb_object pd);    // GetNumberOfCells
int64_t vtkb_polydata_polys(vtkb_object pd);    // GetNumberOfPolys
int64_t vtkb_polydata_verts(vtkb_object pd);    // GetNumberOfVerts
int64_t vtkb_polydata_lines(vtkb_object pd);    // GetNumberOfLines
int64_t vtkb_polydata_strips(vtkb_object pd);   // GetNumberOfStrips
int64_t vtkb_polydata_vertex_points(vtkb_object pd); // GetVerts()->GetNumberOfConnectivityIds
/// GetBounds: xmin, xmax, ymin, ymax, zmin, zmax.
void vtkb_polydata_bounds(vtkb_object pd, double out[6]);
/// Copies the points as xyz triples into out (3 * points doubles).
void vtkb_polydata_copy_points(vtkb_object pd, double *out);
/// Copies the polygons that are triangles as index triples into out (3 * polys entries);
/// returns how many triangles were written.
int64_t vtkb_polydata_copy_triangles(vtkb_object pd, int64_t *out);
/// vtkDataObject::GetActualMemorySize: the KiB the data object's arrays have allocated, each
/// array rounded up to a whole KiB. Valid for any data object after its pipeline updated.
int64_t vtkb_data_object_memory_kib(vtkb_object data);

// MARK: Mappers (vtkPolyDataMapper)

vtkb_object vtkb_polydata_mapper_new(void);
void vtkb_mapper_set_input(vtkb_object mapper, vtkb_object algo); // SetInputConnection
void vtkb_mapper_set_static(vtkb_object mapper, int on);          // SetStatic
void vtkb_mapper_set_scalar_visibility(vtkb_object mapper, int on);
/// vtkAbstractMapper::GetTimeToDraw: the mapper's last measured draw time in seconds.
double vtkb_mapper_time_to_draw(vtkb_object mapper);
/// Sets the protected vtkAbstractMapper::TimeToDraw, which the OpenGL mapper otherwise fills from
/// its GPU timer (and will overwrite at its next measurement). Makes LOD choices repeatable.
void vtkb_mapper_set_time_to_draw(vtkb_object mapper, double seconds);
/// Counts the mapper's renders from now on (an observer on vtkCommand::StartEvent, which
/// vtkOpenGLPolyDataMapper invokes each time it renders).
void vtkb_mapper_observe(vtkb_object mapper);
/// Renders counted since vtkb_mapper_observe; -1 if the mapper is not observed.
int64_t vtkb_mapper_render_count(vtkb_object mapper);
/// Runs the mapper's pipeline (vtkAlgorithm::Update on the mapper). Note: this fires the mapper's
/// StartEvent once, so call it before vtkb_mapper_observe when counting renders.
void vtkb_mapper_update(vtkb_object mapper);
/// The mapper's current input (GetInputDataObject(0,0)) as poly data; NULL when none.
vtkb_object vtkb_mapper_input_polydata(vtkb_object mapper);

// MARK: Props and actors (vtkProp, vtkProp3D, vtkActor, vtkProperty)

vtkb_object vtkb_actor_new(void);
void vtkb_actor_set_mapper(vtkb_object actor, vtkb_object mapper);
/// GetMapper; NULL when none.
vtkb_object vtkb_actor_mapper(vtkb_object actor);
void vtkb_actor_set_color(vtkb_object actor, double r, double g, double b); // GetProperty()->SetColor
void vtkb_actor_set_opacity(vtkb_object actor, double a);
void vtkb_actor_set_lighting(vtkb_object actor, int on); // GetProperty()->SetLighting
/// GetProperty()->SetRepresentation: 0 points, 1 wireframe, 2 surface.
void vtkb_actor_set_representation(vtkb_object actor, int rep);
void vtkb_actor_set_point_size(vtkb_object actor, double size);
void vtkb_prop3d_set_position(vtkb_object prop, double x, double y, double z);
void vtkb_prop3d_set_scale(vtkb_object prop, double s);
void vtkb_prop3d_bounds(vtkb_object prop, double out[6]); // GetBounds
void vtkb_prop_set_visibility(vtkb_object prop, int on);
int vtkb_prop_visibility(vtkb_object prop);
double vtkb_prop_allocated_render_time(vtkb_object prop);  // GetAllocatedRenderTime
double vtkb_prop_estimated_render_time(vtkb_object prop);  // GetEstimatedRenderTime()
double vtkb_prop_render_time_multiplier(vtkb_object prop); // GetRenderTimeMultiplier

// MARK: vtkLODActor

vtkb_object vtkb_lod_actor_new(void);
void vtkb_lod_actor_add_lod_mapper(vtkb_object actor, vtkb_object mapper); // AddLODMapper
void vtkb_lod_actor_set_cloud_points(vtkb_object actor, int n);            // SetNumberOfCloudPoints
int vtkb_lod_actor_cloud_points(vtkb_object actor);
/// GetLODMappers()->GetNumberOfItems(): 0 before the first render unless mappers were added;
/// after it, includes the medium (point cloud) and low (outline) mappers VTK built.
int vtkb_lod_actor_lod_mapper_count(vtkb_object actor);
vtkb_object vtkb_lod_actor_lod_mapper(vtkb_object actor, int index);
void vtkb_lod_actor_set_medium_res_filter(vtkb_object actor, vtkb_object filter);
void vtkb_lod_actor_set_low_res_filter(vtkb_object actor, vtkb_object filter);
vtkb_object vtkb_lod_actor_medium_res_filter(vtkb_object actor); // NULL until built
vtkb_object vtkb_lod_actor_low_res_filter(vtkb_object actor);

// MARK: vtkLODProp3D

vtkb_object vtkb_lod_prop3d_new(void);
/// AddLOD(mapper, property, time): returns the new LOD's id. property may be NULL.
int vtkb_lod_prop3d_add_lod(vtkb_object prop, vtkb_object mapper, double time);
int vtkb_lod_prop3d_count(vtkb_object prop);                      // GetNumberOfLODs
void vtkb_lod_prop3d_set_automatic(vtkb_object prop, int on);     // SetAutomaticLODSelection
int vtkb_lod_prop3d_automatic(vtkb_object prop);
void vtkb_lod_prop3d_set_selected(vtkb_object prop, int id);      // SetSelectedLODID
int vtkb_lod_prop3d_selected(vtkb_object prop);
int vtkb_lod_prop3d_last_rendered(vtkb_object prop);              // GetLastRenderedLODID
void vtkb_lod_prop3d_set_level(vtkb_object prop, int id, double level); // SetLODLevel
double vtkb_lod_prop3d_level(vtkb_object prop, int id);
double vtkb_lod_prop3d_estimated_time(vtkb_object prop, int id);  // GetLODEstimatedRenderTime
void vtkb_lod_prop3d_enable(vtkb_object prop, int id, int on);    // EnableLOD / DisableLOD
void vtkb_lod_prop3d_set_automatic_pick(vtkb_object prop, int on); // SetAutomaticPickLODSelection
void vtkb_lod_prop3d_set_selected_pick(vtkb_object prop, int id); // SetSelectedPickLODID
int vtkb_lod_prop3d_pick_lod(vtkb_object prop);                   // GetPickLODID
void vtkb_lod_prop3d_set_color(vtkb_object prop, int id, double r, double g, double b);

// MARK: vtkQuadricLODActor

vtkb_object vtkb_quadric_lod_actor_new(void);
void vtkb_quadric_lod_actor_set_defer(vtkb_object actor, int on);   // SetDeferLODConstruction
void vtkb_quadric_lod_actor_set_static(vtkb_object actor, int on);  // SetStatic
void vtkb_quadric_lod_actor_set_collapse_ratio(vtkb_object actor, double r); // SetCollapseDimensionRatio
double vtkb_quadric_lod_actor_collapse_ratio(vtkb_object actor);
/// SetDataConfiguration: 0 unknown, 1..3 x/y/z line, 4..6 xy/yz/xz plane, 7 xyz volume.
void vtkb_quadric_lod_actor_set_data_configuration(vtkb_object actor, int c);
/// GetLODFilter: the vtkQuadricClustering that builds the interactive level.
vtkb_object vtkb_quadric_lod_actor_lod_filter(vtkb_object actor);

// MARK: Cullers (vtkCuller, vtkFrustumCoverageCuller)

vtkb_object vtkb_frustum_coverage_culler_new(void);
void vtkb_coverage_culler_set_min(vtkb_object c, double v); // SetMinimumCoverage
void vtkb_coverage_culler_set_max(vtkb_object c, double v); // SetMaximumCoverage
double vtkb_coverage_culler_min(vtkb_object c);
double vtkb_coverage_culler_max(vtkb_object c);
/// SetSortingStyle: 0 none, 1 front to back, 2 back to front (VTK_CULLER_SORT_*).
void vtkb_coverage_culler_set_sorting(vtkb_object c, int style);
int vtkb_coverage_culler_sorting(vtkb_object c);
/// Calls vtkCuller::Cull(ren, props, n, initialized) on a copy of props. Writes the indices
/// (into props) of the props kept, in the culler's output order, to kept; returns their number.
/// seconds (may be NULL) receives the wall time of the Cull call alone.
int vtkb_culler_cull(vtkb_object culler, vtkb_object renderer, const vtkb_object *props, int n,
                     int *kept, double *seconds);

// MARK: Renderer (vtkRenderer)

vtkb_object vtkb_renderer_new(void);
void vtkb_renderer_add_prop(vtkb_object ren, vtkb_object prop);    // AddViewProp
void vtkb_renderer_remove_prop(vtkb_object ren, vtkb_object prop); // RemoveViewProp
void vtkb_renderer_remove_all_props(vtkb_object ren);               // RemoveAllViewProps
int vtkb_renderer_prop_count(vtkb_object ren);                     // GetViewProps()->GetNumberOfItems
void vtkb_renderer_set_background(vtkb_object ren, double r, double g, double b);
void vtkb_renderer_set_layer(vtkb_object ren, int layer);
int vtkb_renderer_layer(vtkb_object ren);
void vtkb_renderer_set_viewport(vtkb_object ren, double x0, double y0, double x1, double y1);
void vtkb_renderer_set_erase(vtkb_object ren, int on);              // SetErase
void vtkb_renderer_set_interactive(vtkb_object ren, int on);        // SetInteractive
void vtkb_renderer_reset_camera(vtkb_object ren);                   // ResetCamera
void vtkb_renderer_reset_camera_clipping_range(vtkb_object ren);    // ResetCameraClippingRange
vtkb_object vtkb_renderer_active_camera(vtkb_object ren);           // GetActiveCamera
void vtkb_renderer_add_culler(vtkb_object ren, vtkb_object culler);
void vtkb_renderer_remove_culler(vtkb_object ren, vtkb_object culler);
int vtkb_renderer_culler_count(vtkb_object ren);                    // GetCullers()->GetNumberOfItems
vtkb_object vtkb_renderer_culler(vtkb_object ren, int index);
int vtkb_renderer_props_rendered(vtkb_object ren);                  // GetNumberOfPropsRendered
double vtkb_renderer_last_render_time(vtkb_object ren);             // GetLastRenderTimeInSeconds
void vtkb_renderer_set_allocated_render_time(vtkb_object ren, double t);
double vtkb_renderer_allocated_render_time(vtkb_object ren);

// MARK: Camera (vtkCamera)

void vtkb_camera_set_position(vtkb_object cam, double x, double y, double z);
void vtkb_camera_set_focal_point(vtkb_object cam, double x, double y, double z);
void vtkb_camera_set_view_up(vtkb_object cam, double x, double y, double z);
void vtkb_camera_position(vtkb_object cam, double out[3]);
void vtkb_camera_focal_point(vtkb_object cam, double out[3]);
void vtkb_camera_view_up(vtkb_object cam, double out[3]);
void vtkb_camera_set_view_angle(vtkb_object cam, double degrees);
double vtkb_camera_view_angle(vtkb_object cam);
void vtkb_camera_set_clipping_range(vtkb_object cam, double near, double far);
void vtkb_camera_clipping_range(vtkb_object cam, double out[2]);
void vtkb_camera_set_parallel_projection(vtkb_object cam, int on);
void vtkb_camera_azimuth(vtkb_object cam, double degrees);
void vtkb_camera_elevation(vtkb_object cam, double degrees);
void vtkb_camera_dolly(vtkb_object cam, double factor);
void vtkb_camera_orthogonalize_view_up(vtkb_object cam);
void vtkb_camera_set_window_center(vtkb_object cam, double x, double y);
void vtkb_camera_window_center(vtkb_object cam, double out[2]);
/// GetFrustumPlanes(aspect, planes): six planes (a, b, c, d) in the order left, right,
/// bottom, top, near, far, normals pointing inward.
void vtkb_camera_frustum_planes(vtkb_object cam, double aspect, double out[24]);
/// GetCompositeProjectionTransformMatrix(aspect, nearz, farz), row-major 4x4.
void vtkb_camera_composite_projection(vtkb_object cam, double aspect, double nearz, double farz,
                                      double out[16]);
/// GetViewTransformMatrix, row-major 4x4.
void vtkb_camera_view_matrix(vtkb_object cam, double out[16]);
/// GetProjectionTransformMatrix(aspect, nearz, farz), row-major 4x4.
void vtkb_camera_projection_matrix(vtkb_object cam, double aspect, double nearz, double farz,
                                   double out[16]);

// MARK: Render window (vtkRenderWindow) and interactor

vtkb_object vtkb_render_window_new(void);
void vtkb_render_window_add_renderer(vtkb_object win, vtkb_object ren);
void vtkb_render_window_set_size(vtkb_object win, int w, int h);
void vtkb_render_window_size(vtkb_object win, int out[2]);
void vtkb_render_window_set_offscreen(vtkb_object win, int on);     // SetOffScreenRendering
int vtkb_render_window_offscreen(vtkb_object win);
void vtkb_render_window_set_multisamples(vtkb_object win, int n);   // SetMultiSamples
int vtkb_render_window_multisamples(vtkb_object win);
void vtkb_render_window_set_layers(vtkb_object win, int n);         // SetNumberOfLayers
int vtkb_render_window_layers(vtkb_object win);
void vtkb_render_window_set_desired_update_rate(vtkb_object win, double rate);
double vtkb_render_window_desired_update_rate(vtkb_object win);
void vtkb_render_window_render(vtkb_object win);                    // Render
void vtkb_render_window_wait(vtkb_object win);                      // WaitForCompletion
/// GetRGBACharPixelData of the whole window (front buffer 0 = back buffer after Render) into
/// out (4 * w * h bytes), rows bottom-up as OpenGL stores them. Returns 0 on failure.
int vtkb_render_window_rgba(vtkb_object win, uint8_t *out);
/// GetZbufferData of the whole window into out (w * h floats in [0, 1]), rows bottom-up.
int vtkb_render_window_depth(vtkb_object win, float *out);
/// The OpenGL renderer string (e.g. "llvmpipe ..."), after the first render; "" before.
const char *vtkb_render_window_gl_renderer(vtkb_object win);
/// vtkRenderWindowInteractor attached to win (SetRenderWindow), never started. Needed offscreen
/// because vtkQuadricLODActor::Render reads the interactor without a null check.
vtkb_object vtkb_interactor_new(vtkb_object win);
void vtkb_interactor_set_desired_update_rate(vtkb_object iren, double rate);
void vtkb_interactor_set_still_update_rate(vtkb_object iren, double rate);
double vtkb_interactor_desired_update_rate(vtkb_object iren);
double vtkb_interactor_still_update_rate(vtkb_object iren);

// MARK: Image files (vtkPNGReader)

/// Reads a PNG file with vtkPNGReader. Writes its size to width and height and, when out is not
/// NULL, its pixels as RGBA (4 * width * height bytes; alpha 255 for RGB files), rows bottom-up
/// as VTK stores images. Returns 0 when the file cannot be read as an 8-bit RGB(A) PNG.
int vtkb_png_read(const char *path, int *width, int *height, uint8_t *out);

// MARK: vtkMPIController (VTK's view of MPI; MPI must already be initialised)

/// vtkMPIController::Initialize(nullptr, nullptr, 1): use the MPI the program initialised.
vtkb_object vtkb_mpi_controller_new(void);
int vtkb_controller_rank(vtkb_object c);      // GetLocalProcessId
int vtkb_controller_size(vtkb_object c);      // GetNumberOfProcesses
void vtkb_controller_barrier(vtkb_object c);  // Barrier
/// AllReduce of one double with vtkCommunicator::SUM_OP.
double vtkb_controller_allreduce_sum(vtkb_object c, double value);
/// Finalize(1): leave MPI for the program to finalise.
void vtkb_controller_finalize(vtkb_object c);

#ifdef __cplusplus
}
#endif

#endif
