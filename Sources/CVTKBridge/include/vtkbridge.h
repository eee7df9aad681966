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
// - A function that takes a handle of a particular class checks it (vtkObjectBase::IsA, through
//   SafeDownCast) and returns a vtkb_status: VTKB_OK, or a failure code with nothing done and
//   nothing written to its outputs. vtkb_last_error_function and vtkb_last_error then say which
//   function failed and why, e.g. "cam is a vtkOpenGLRenderer, not a vtkCamera". Results come
//   back through out-parameters. Functions that cannot fail (constructors without handle
//   arguments, the vtkObjectBase queries) return their result directly.
// - A handle must still be something the bridge returned (or NULL): no check can tell a freed or
//   made-up pointer from an object.
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

// MARK: Status

/// What a checked bridge function returns: VTKB_OK or one of the VTKB_ERR_* codes.
typedef int vtkb_status;
/// The call did what it says.
#define VTKB_OK 0
/// A handle argument was NULL.
#define VTKB_ERR_NULL_HANDLE 1
/// A handle argument is not an instance of the class the function needs (nor of a subclass).
#define VTKB_ERR_WRONG_CLASS 2
/// The handles were right but the call could not be done; the message says why (VTK returned no
/// pixels, a file is not a readable PNG, no event has the name given).
#define VTKB_ERR_FAILED 3

/// Why this thread's last failed call failed, without the function's name, e.g.
/// "cam is a vtkOpenGLRenderer, not a vtkCamera"; "" before any failure. Successful calls leave it
/// alone, so read it right after a call returned a failure code. Valid until this thread's next
/// failure. (Thread-local, like dlerror: a message is only built when something fails.)
const char *vtkb_last_error(void);
/// The bridge function that failed last on this thread, e.g. "vtkb_camera_set_position"; "" before
/// any failure. Same lifetime as vtkb_last_error.
const char *vtkb_last_error_function(void);

// MARK: Objects and the library

/// Releases a reference obtained from the bridge (vtkObjectBase::UnRegister). NULL is ignored.
void vtkb_release(vtkb_object obj);
/// The VTK class name of an object (vtkObjectBase::GetClassName), "NULL" for NULL. Valid while obj
/// lives.
const char *vtkb_class_name(vtkb_object obj);
/// Whether obj is an instance of the named class or a subclass (vtkObjectBase::IsA); 0 for NULL.
int vtkb_is_a(vtkb_object obj, const char *class_name);
/// The reference count of obj (vtkObjectBase::GetReferenceCount), 0 for NULL; for tests.
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

/// Called by VTK when an observed event fires: the object that invoked it, and the client pointer
/// given to vtkb_object_add_observer.
typedef void (*vtkb_observer)(vtkb_object caller, void *client);
/// obj->AddObserver(event, a vtkCallbackCommand calling callback(obj, client)), where event is a
/// vtkCommand event name such as "StartEvent" or "DeleteEvent" (vtkCommand::GetEventIdFromString).
/// The caller handed to the callback is borrowed (no new reference). VTKB_ERR_FAILED for an
/// unknown event name.
vtkb_status vtkb_object_add_observer(vtkb_object obj, const char *event, vtkb_observer callback, void *client);

// MARK: Algorithms, sources and filters (vtkAlgorithm, vtkPolyDataAlgorithm)

/// upstream's output port 0 becomes filter's input 0 (SetInputConnection(GetOutputPort())).
vtkb_status vtkb_algorithm_set_input(vtkb_object filter, vtkb_object upstream);
/// Runs the pipeline up to this algorithm (vtkAlgorithm::Update).
vtkb_status vtkb_algorithm_update(vtkb_object algo);
/// The algorithm's output 0 as vtkPolyData (GetOutputDataObject(0)); *out = NULL if not poly data.
vtkb_status vtkb_algorithm_output_polydata(vtkb_object algo, vtkb_object *out);

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

vtkb_status vtkb_polydata_points(vtkb_object pd, int64_t *out);   // GetNumberOfPoints
vtkb_status vtkb_polydata_cells(vtkb_object pd, int64_t *out);    // GetNumberOfCells
vtkb_status vtkb_polydata_polys(vtkb_object pd, int64_t *out);    // GetNumberOfPolys
vtkb_status vtkb_polydata_verts(vtkb_object pd, int64_t *out);    // GetNumberOfVerts
vtkb_status vtkb_polydata_lines(vtkb_object pd, int64_t *out);    // GetNumberOfLines
vtkb_status vtkb_polydata_strips(vtkb_object pd, int64_t *out);   // GetNumberOfStrips
vtkb_status vtkb_polydata_vertex_points(vtkb_object pd, int64_t *out); // GetVerts()->GetNumberOfConnectivityIds
/// GetBounds: xmin, xmax, ymin, ymax, zmin, zmax.
vtkb_status vtkb_polydata_bounds(vtkb_object pd, double out[6]);
/// Copies the points as xyz triples into out (3 * points doubles).
vtkb_status vtkb_polydata_copy_points(vtkb_object pd, double *out);
/// Copies the polygons that are triangles as index triples into out (3 * polys entries);
/// *written receives how many triangles were written.
vtkb_status vtkb_polydata_copy_triangles(vtkb_object pd, int64_t *out, int64_t *written);
/// vtkDataObject::GetActualMemorySize: the KiB the data object's arrays have allocated, each
/// array rounded up to a whole KiB. Valid for any data object after its pipeline updated.
vtkb_status vtkb_data_object_memory_kib(vtkb_object data, int64_t *out);

// MARK: Mappers (vtkMapper, vtkPolyDataMapper)

vtkb_object vtkb_polydata_mapper_new(void);
vtkb_status vtkb_mapper_set_input(vtkb_object mapper, vtkb_object algo); // SetInputConnection
vtkb_status vtkb_mapper_set_static(vtkb_object mapper, int on);          // SetStatic
vtkb_status vtkb_mapper_set_scalar_visibility(vtkb_object mapper, int on);
/// vtkAbstractMapper::GetTimeToDraw: the mapper's last measured draw time in seconds.
vtkb_status vtkb_mapper_time_to_draw(vtkb_object mapper, double *out);
/// Sets the protected vtkAbstractMapper::TimeToDraw, which the OpenGL mapper otherwise fills from
/// its GPU timer (and will overwrite at its next measurement). Makes LOD choices repeatable.
vtkb_status vtkb_mapper_set_time_to_draw(vtkb_object mapper, double seconds);
/// Runs the mapper's pipeline (vtkAlgorithm::Update on the mapper). Note: this fires the mapper's
/// StartEvent once (vtkOpenGLPolyDataMapper also invokes StartEvent each time it renders).
vtkb_status vtkb_mapper_update(vtkb_object mapper);
/// The mapper's current input (GetInputDataObject(0,0)) as poly data; *out = NULL when none.
vtkb_status vtkb_mapper_input_polydata(vtkb_object mapper, vtkb_object *out);

// MARK: Props and actors (vtkProp, vtkProp3D, vtkActor, vtkProperty)

vtkb_object vtkb_actor_new(void);
vtkb_status vtkb_actor_set_mapper(vtkb_object actor, vtkb_object mapper);
/// GetMapper; *out = NULL when none.
vtkb_status vtkb_actor_mapper(vtkb_object actor, vtkb_object *out);
vtkb_status vtkb_actor_set_color(vtkb_object actor, double r, double g, double b); // GetProperty()->SetColor
vtkb_status vtkb_actor_set_opacity(vtkb_object actor, double alpha);
vtkb_status vtkb_actor_set_lighting(vtkb_object actor, int on); // GetProperty()->SetLighting
/// GetProperty()->SetRepresentation: 0 points, 1 wireframe, 2 surface.
vtkb_status vtkb_actor_set_representation(vtkb_object actor, int rep);
vtkb_status vtkb_actor_set_point_size(vtkb_object actor, double size);
vtkb_status vtkb_prop3d_set_position(vtkb_object prop, double x, double y, double z);
vtkb_status vtkb_prop3d_set_scale(vtkb_object prop, double s);
/// GetBounds; zeros when VTK returns no bounds.
vtkb_status vtkb_prop3d_bounds(vtkb_object prop, double out[6]);
vtkb_status vtkb_prop_set_visibility(vtkb_object prop, int on);
vtkb_status vtkb_prop_visibility(vtkb_object prop, int *out);
vtkb_status vtkb_prop_allocated_render_time(vtkb_object prop, double *out);  // GetAllocatedRenderTime
vtkb_status vtkb_prop_estimated_render_time(vtkb_object prop, double *out);  // GetEstimatedRenderTime()
vtkb_status vtkb_prop_render_time_multiplier(vtkb_object prop, double *out); // GetRenderTimeMultiplier

// MARK: vtkLODActor

vtkb_object vtkb_lod_actor_new(void);
vtkb_status vtkb_lod_actor_add_lod_mapper(vtkb_object actor, vtkb_object mapper); // AddLODMapper
vtkb_status vtkb_lod_actor_set_cloud_points(vtkb_object actor, int n);            // SetNumberOfCloudPoints
vtkb_status vtkb_lod_actor_cloud_points(vtkb_object actor, int *out);
/// GetLODMappers()->GetNumberOfItems(): 0 before the first render unless mappers were added;
/// after it, includes the medium (point cloud) and low (outline) mappers VTK built.
vtkb_status vtkb_lod_actor_lod_mapper_count(vtkb_object actor, int *out);
/// The index-th LOD mapper; *out = NULL when index is out of range.
vtkb_status vtkb_lod_actor_lod_mapper(vtkb_object actor, int index, vtkb_object *out);
vtkb_status vtkb_lod_actor_set_medium_res_filter(vtkb_object actor, vtkb_object filter);
vtkb_status vtkb_lod_actor_set_low_res_filter(vtkb_object actor, vtkb_object filter);
vtkb_status vtkb_lod_actor_medium_res_filter(vtkb_object actor, vtkb_object *out); // NULL until built
vtkb_status vtkb_lod_actor_low_res_filter(vtkb_object actor, vtkb_object *out);

// MARK: vtkLODProp3D

vtkb_object vtkb_lod_prop3d_new(void);
/// AddLOD(mapper, time): *out receives the new LOD's id.
vtkb_status vtkb_lod_prop3d_add_lod(vtkb_object prop, vtkb_object mapper, double time, int *out);
vtkb_status vtkb_lod_prop3d_count(vtkb_object prop, int *out);                  // GetNumberOfLODs
vtkb_status vtkb_lod_prop3d_set_automatic(vtkb_object prop, int on);            // SetAutomaticLODSelection
vtkb_status vtkb_lod_prop3d_automatic(vtkb_object prop, int *out);
vtkb_status vtkb_lod_prop3d_set_selected(vtkb_object prop, int id);             // SetSelectedLODID
vtkb_status vtkb_lod_prop3d_selected(vtkb_object prop, int *out);
vtkb_status vtkb_lod_prop3d_last_rendered(vtkb_object prop, int *out);          // GetLastRenderedLODID
vtkb_status vtkb_lod_prop3d_set_level(vtkb_object prop, int id, double level);  // SetLODLevel
vtkb_status vtkb_lod_prop3d_level(vtkb_object prop, int id, double *out);
vtkb_status vtkb_lod_prop3d_estimated_time(vtkb_object prop, int id, double *out); // GetLODEstimatedRenderTime
vtkb_status vtkb_lod_prop3d_enable(vtkb_object prop, int id, int on);           // EnableLOD / DisableLOD
vtkb_status vtkb_lod_prop3d_set_automatic_pick(vtkb_object prop, int on);       // SetAutomaticPickLODSelection
vtkb_status vtkb_lod_prop3d_set_selected_pick(vtkb_object prop, int id);        // SetSelectedPickLODID
vtkb_status vtkb_lod_prop3d_pick_lod(vtkb_object prop, int *out);               // GetPickLODID
/// The LOD's property colour (GetLODProperty, or SetLODProperty with a new vtkProperty first).
vtkb_status vtkb_lod_prop3d_set_color(vtkb_object prop, int id, double r, double g, double b);

// MARK: vtkQuadricLODActor

vtkb_object vtkb_quadric_lod_actor_new(void);
vtkb_status vtkb_quadric_lod_actor_set_defer(vtkb_object actor, int on);   // SetDeferLODConstruction
vtkb_status vtkb_quadric_lod_actor_set_static(vtkb_object actor, int on);  // SetStatic
vtkb_status vtkb_quadric_lod_actor_set_collapse_ratio(vtkb_object actor, double r); // SetCollapseDimensionRatio
vtkb_status vtkb_quadric_lod_actor_collapse_ratio(vtkb_object actor, double *out);
/// SetDataConfiguration: 0 unknown, 1..3 x/y/z line, 4..6 xy/yz/xz plane, 7 xyz volume.
vtkb_status vtkb_quadric_lod_actor_set_data_configuration(vtkb_object actor, int c);
/// GetLODFilter: the vtkQuadricClustering that builds the interactive level.
vtkb_status vtkb_quadric_lod_actor_lod_filter(vtkb_object actor, vtkb_object *out);

// MARK: Cullers (vtkCuller, vtkFrustumCoverageCuller)

vtkb_object vtkb_frustum_coverage_culler_new(void);
vtkb_status vtkb_coverage_culler_set_min(vtkb_object culler, double v); // SetMinimumCoverage
vtkb_status vtkb_coverage_culler_set_max(vtkb_object culler, double v); // SetMaximumCoverage
vtkb_status vtkb_coverage_culler_min(vtkb_object culler, double *out);
vtkb_status vtkb_coverage_culler_max(vtkb_object culler, double *out);
/// SetSortingStyle: 0 none, 1 front to back, 2 back to front (VTK_CULLER_SORT_*).
vtkb_status vtkb_coverage_culler_set_sorting(vtkb_object culler, int style);
vtkb_status vtkb_coverage_culler_sorting(vtkb_object culler, int *out);
/// vtkCuller::Cull(ren, props, *count, initialized = 0) on the *count props in place: afterwards
/// the first *count entries are the props kept, in the culler's output order (the same handles,
/// borrowed: no new references). Every prop is checked before Cull runs.
vtkb_status vtkb_culler_cull(vtkb_object culler, vtkb_object renderer, vtkb_object *props, int *count);

// MARK: Renderer (vtkRenderer)

vtkb_object vtkb_renderer_new(void);
vtkb_status vtkb_renderer_add_prop(vtkb_object ren, vtkb_object prop);    // AddViewProp
vtkb_status vtkb_renderer_remove_prop(vtkb_object ren, vtkb_object prop); // RemoveViewProp
vtkb_status vtkb_renderer_remove_all_props(vtkb_object ren);              // RemoveAllViewProps
vtkb_status vtkb_renderer_prop_count(vtkb_object ren, int *out);          // GetViewProps()->GetNumberOfItems
vtkb_status vtkb_renderer_set_background(vtkb_object ren, double red, double green, double blue);
vtkb_status vtkb_renderer_set_layer(vtkb_object ren, int layer);
vtkb_status vtkb_renderer_layer(vtkb_object ren, int *out);
vtkb_status vtkb_renderer_set_viewport(vtkb_object ren, double x0, double y0, double x1, double y1);
vtkb_status vtkb_renderer_set_erase(vtkb_object ren, int on);             // SetErase
vtkb_status vtkb_renderer_set_interactive(vtkb_object ren, int on);       // SetInteractive
vtkb_status vtkb_renderer_reset_camera(vtkb_object ren);                  // ResetCamera
vtkb_status vtkb_renderer_reset_camera_clipping_range(vtkb_object ren);   // ResetCameraClippingRange
vtkb_status vtkb_renderer_active_camera(vtkb_object ren, vtkb_object *out); // GetActiveCamera
vtkb_status vtkb_renderer_add_culler(vtkb_object ren, vtkb_object culler);
vtkb_status vtkb_renderer_remove_culler(vtkb_object ren, vtkb_object culler);
vtkb_status vtkb_renderer_culler_count(vtkb_object ren, int *out);        // GetCullers()->GetNumberOfItems
/// The index-th culler; *out = NULL when index is out of range.
vtkb_status vtkb_renderer_culler(vtkb_object ren, int index, vtkb_object *out);
vtkb_status vtkb_renderer_props_rendered(vtkb_object ren, int *out);      // GetNumberOfPropsRendered
vtkb_status vtkb_renderer_last_render_time(vtkb_object ren, double *out); // GetLastRenderTimeInSeconds
vtkb_status vtkb_renderer_set_allocated_render_time(vtkb_object ren, double t);
vtkb_status vtkb_renderer_allocated_render_time(vtkb_object ren, double *out);

// MARK: Camera (vtkCamera)

vtkb_status vtkb_camera_set_position(vtkb_object cam, double x, double y, double z);
vtkb_status vtkb_camera_set_focal_point(vtkb_object cam, double x, double y, double z);
vtkb_status vtkb_camera_set_view_up(vtkb_object cam, double x, double y, double z);
vtkb_status vtkb_camera_position(vtkb_object cam, double out[3]);
vtkb_status vtkb_camera_focal_point(vtkb_object cam, double out[3]);
vtkb_status vtkb_camera_view_up(vtkb_object cam, double out[3]);
vtkb_status vtkb_camera_set_view_angle(vtkb_object cam, double degrees);
vtkb_status vtkb_camera_view_angle(vtkb_object cam, double *out);
vtkb_status vtkb_camera_set_clipping_range(vtkb_object cam, double near, double far);
vtkb_status vtkb_camera_clipping_range(vtkb_object cam, double out[2]);
vtkb_status vtkb_camera_set_parallel_projection(vtkb_object cam, int on);
vtkb_status vtkb_camera_azimuth(vtkb_object cam, double degrees);
vtkb_status vtkb_camera_elevation(vtkb_object cam, double degrees);
vtkb_status vtkb_camera_dolly(vtkb_object cam, double factor);
vtkb_status vtkb_camera_orthogonalize_view_up(vtkb_object cam);
vtkb_status vtkb_camera_set_window_center(vtkb_object cam, double x, double y);
vtkb_status vtkb_camera_window_center(vtkb_object cam, double out[2]);
/// GetFrustumPlanes(aspect, planes): six planes (a, b, c, d) in the order left, right,
/// bottom, top, near, far, normals pointing inward.
vtkb_status vtkb_camera_frustum_planes(vtkb_object cam, double aspect, double out[24]);
/// GetCompositeProjectionTransformMatrix(aspect, nearz, farz), row-major 4x4.
vtkb_status vtkb_camera_composite_projection(vtkb_object cam, double aspect, double nearz, double farz,
                                             double out[16]);
/// GetViewTransformMatrix, row-major 4x4.
vtkb_status vtkb_camera_view_matrix(vtkb_object cam, double out[16]);
/// GetProjectionTransformMatrix(aspect, nearz, farz), row-major 4x4.
vtkb_status vtkb_camera_projection_matrix(vtkb_object cam, double aspect, double nearz, double farz,
                                          double out[16]);

// MARK: Render window (vtkRenderWindow) and interactor

vtkb_object vtkb_render_window_new(void);
vtkb_status vtkb_render_window_add_renderer(vtkb_object win, vtkb_object ren);
vtkb_status vtkb_render_window_set_size(vtkb_object win, int width, int height);
vtkb_status vtkb_render_window_size(vtkb_object win, int out[2]);
vtkb_status vtkb_render_window_set_offscreen(vtkb_object win, int on);   // SetOffScreenRendering
vtkb_status vtkb_render_window_offscreen(vtkb_object win, int *out);
vtkb_status vtkb_render_window_set_multisamples(vtkb_object win, int n); // SetMultiSamples
vtkb_status vtkb_render_window_multisamples(vtkb_object win, int *out);
vtkb_status vtkb_render_window_set_layers(vtkb_object win, int n);       // SetNumberOfLayers
vtkb_status vtkb_render_window_layers(vtkb_object win, int *out);
vtkb_status vtkb_render_window_set_desired_update_rate(vtkb_object win, double rate);
vtkb_status vtkb_render_window_desired_update_rate(vtkb_object win, double *out);
vtkb_status vtkb_render_window_render(vtkb_object win);                  // Render
vtkb_status vtkb_render_window_wait(vtkb_object win);                    // WaitForCompletion
/// GetRGBACharPixelData of the whole window (front buffer 0 = back buffer after Render) into
/// out (4 * w * h bytes), rows bottom-up as OpenGL stores them. VTKB_ERR_FAILED when VTK returns
/// no pixels.
vtkb_status vtkb_render_window_rgba(vtkb_object win, uint8_t *out);
/// GetZbufferData of the whole window into out (w * h floats in [0, 1]), rows bottom-up.
/// VTKB_ERR_FAILED when VTK reports failure.
vtkb_status vtkb_render_window_depth(vtkb_object win, float *out);
/// ReportCapabilities: the OpenGL vendor, renderer and version strings, then the extensions, one
/// per line (the strings are missing before the first render makes a context). *out is owned by the
/// window and valid until the next call or until the window dies: copy it.
vtkb_status vtkb_render_window_capabilities(vtkb_object win, const char **out);
/// vtkRenderWindowInteractor attached to win (SetRenderWindow), never started. Needed offscreen
/// because vtkQuadricLODActor::Render reads the interactor without a null check.
vtkb_status vtkb_interactor_new(vtkb_object win, vtkb_object *out);
vtkb_status vtkb_interactor_set_desired_update_rate(vtkb_object iren, double rate);
vtkb_status vtkb_interactor_set_still_update_rate(vtkb_object iren, double rate);
vtkb_status vtkb_interactor_desired_update_rate(vtkb_object iren, double *out);
vtkb_status vtkb_interactor_still_update_rate(vtkb_object iren, double *out);

// MARK: Image files (vtkPNGReader)

/// Reads a PNG file with vtkPNGReader. Writes its size to width and height, its number of 8-bit
/// components (3 for RGB, 4 for RGBA) to components and, when out is not NULL, its pixels as VTK
/// stores them (components * width * height bytes, rows bottom-up) if they fit in capacity bytes.
/// VTKB_ERR_FAILED when the file cannot be read as an 8-bit RGB(A) PNG or the pixels do not fit.
vtkb_status vtkb_png_read(const char *path, int *width, int *height, int *components, uint8_t *out,
                          int64_t capacity);

// MARK: vtkSMPTools (VTK's shared-memory threading layer) and two filters that use it

/// The back end vtkSMPTools runs on now (vtkSMPTools::GetBackend): "Sequential", "STDThread",
/// "TBB" or "OpenMP", whichever this VTK was built with. Valid until the next
/// vtkb_smp_set_backend.
const char *vtkb_smp_backend(void);
/// vtkSMPTools::SetBackend: switches the back end (not thread safe: call it between parallel
/// operations). VTKB_ERR_FAILED when VTK reports the back end unknown or not built in.
vtkb_status vtkb_smp_set_backend(const char *name);
/// vtkSMPTools::Initialize(threads): the back end's thread count; 0 resets it to the default
/// (all cores, or VTK_SMP_MAX_THREADS when that variable is set).
void vtkb_smp_initialize(int threads);
/// vtkSMPTools::GetEstimatedNumberOfThreads.
int vtkb_smp_estimated_threads(void);
/// vtkSMPTools::SetNestedParallelism.
void vtkb_smp_set_nested(int on);
/// vtkSMPTools::GetNestedParallelism.
int vtkb_smp_nested(void);
/// vtkSMPTools::IsParallelScope (whether the caller runs inside a vtkSMPTools::For).
int vtkb_smp_is_parallel_scope(void);

/// vtkObject::Modified: the next Update re-executes this algorithm (and what is downstream).
vtkb_status vtkb_object_modified(vtkb_object obj);
/// A vtkRTAnalyticSource (VTK's "wavelet" test volume) over the whole extent
/// [-half, half] in each axis: (2 half + 1)^3 points of float scalars.
vtkb_object vtkb_wavelet_source_new(int half_extent);
/// A vtkFlyingEdges3D extracting one iso-surface at `value` (SetValue(0, value)); normals on,
/// as VTK's default.
vtkb_object vtkb_flying_edges3d_new(double value);

// MARK: vtkMPIController (VTK's view of MPI; MPI must already be initialised)

/// vtkMPIController::Initialize(nullptr, nullptr, 1): use the MPI the program initialised.
vtkb_object vtkb_mpi_controller_new(void);
vtkb_status vtkb_controller_rank(vtkb_object controller, int *out); // GetLocalProcessId
vtkb_status vtkb_controller_size(vtkb_object controller, int *out); // GetNumberOfProcesses
vtkb_status vtkb_controller_barrier(vtkb_object controller);       // Barrier
/// AllReduce of one double with vtkCommunicator::SUM_OP.
vtkb_status vtkb_controller_allreduce_sum(vtkb_object controller, double value, double *out);
/// Finalize(1): leave MPI for the program to finalise.
vtkb_status vtkb_controller_finalize(vtkb_object controller);

// MARK: 2D charts (vtkTable, vtkContextView, vtkChartXY, vtkPlot, vtkAxis)

/// An empty vtkTable: the columns a chart plots.
vtkb_object vtkb_table_new(void);
/// AddColumn of a new vtkFloatArray named name (SetName) holding count values. VTKB_ERR_FAILED for
/// an empty name, a name the table has already, or a count unlike the table's number of rows.
vtkb_status vtkb_table_add_float_column(vtkb_object table, const char *name, const float *values, int64_t count);
vtkb_status vtkb_table_rows(vtkb_object table, int64_t *out);    // GetNumberOfRows
vtkb_status vtkb_table_columns(vtkb_object table, int64_t *out); // GetNumberOfColumns

/// vtkContextView: a vtkRenderWindow, a vtkRenderer and a vtkContextScene drawn into it.
vtkb_object vtkb_context_view_new(void);
/// GetRenderWindow: size it, set it offscreen and render it with the vtkb_render_window_* calls.
vtkb_status vtkb_context_view_render_window(vtkb_object view, vtkb_object *out);
/// GetScene()->AddItem(chart).
vtkb_status vtkb_context_view_add_chart(vtkb_object view, vtkb_object chart);

/// vtkChartXY: plots on x-y axes.
vtkb_object vtkb_chart_xy_new(void);
vtkb_status vtkb_chart_set_title(vtkb_object chart, const char *title); // vtkChart::SetTitle
/// AddPlot(type) (type is vtkChart::LINE = 0, POINTS = 1, ...) then the plot's
/// SetInputData(table, x_column, y_column); *out is the new vtkPlot. VTKB_ERR_FAILED for a column
/// index the table does not have or a type the chart makes no plot for.
vtkb_status vtkb_chart_add_plot(vtkb_object chart, int type, vtkb_object table, int64_t x_column, int64_t y_column,
                                vtkb_object *out);
vtkb_status vtkb_chart_plot_count(vtkb_object chart, int64_t *out); // GetNumberOfPlots
/// GetAxis(position), position a vtkAxis::Location (LEFT = 0, BOTTOM = 1, RIGHT = 2, TOP = 3).
vtkb_status vtkb_chart_axis(vtkb_object chart, int position, vtkb_object *out);
vtkb_status vtkb_plot_set_color(vtkb_object plot, uint8_t r, uint8_t g, uint8_t b, uint8_t a); // SetColor
vtkb_status vtkb_plot_set_width(vtkb_object plot, float width);                               // SetWidth
vtkb_status vtkb_axis_set_title(vtkb_object axis, const char *title);                         // SetTitle
/// SetLogScale: a request. The axis goes logarithmic only while its range is positive; the chart
/// re-decides when it rescales the axis during a render (vtkb_axis_log_scale_active reads GetLogScaleActive).
vtkb_status vtkb_axis_set_log_scale(vtkb_object axis, int on);
vtkb_status vtkb_axis_log_scale(vtkb_object axis, int *out);        // GetLogScale
vtkb_status vtkb_axis_log_scale_active(vtkb_object axis, int *out); // GetLogScaleActive
/// GetUnscaledRange: the axis's minimum and maximum in data units whether or not it is
/// logarithmic. The chart sets it when it rescales its axes during a render.
vtkb_status vtkb_axis_unscaled_range(vtkb_object axis, double out[2]);
/// vtkChart::SetShowLegend: a box naming each plot by its label.
vtkb_status vtkb_chart_set_show_legend(vtkb_object chart, int on);
/// The legend's SetInline (0: outside the plot area, which vtkChartXY then shrinks to make room),
/// SetHorizontalAlignment (vtkChartLegend::LEFT = 0, CENTER = 1, RIGHT = 2) and
/// SetVerticalAlignment (TOP = 3, CENTER = 1, BOTTOM = 4).
vtkb_status vtkb_chart_set_legend_layout(vtkb_object chart, int inside, int horizontal, int vertical);
vtkb_status vtkb_plot_set_label(vtkb_object plot, const char *label); // vtkPlot::SetLabel
/// vtkPlotPoints::SetMarkerStyle (vtkPlotPoints::NONE = 0, CROSS, PLUS, SQUARE, CIRCLE, DIAMOND)
/// and SetMarkerSize. VTKB_ERR_FAILED for a plot that is no vtkPlotPoints (a bar plot).
vtkb_status vtkb_plot_set_marker(vtkb_object plot, int style, float size);
/// vtkAxis::SetCustomTickPositions: ticks at these count positions (data units), with these labels
/// (labels may be NULL: numbers). VTKB_ERR_FAILED when VTK refuses them.
vtkb_status vtkb_axis_set_custom_ticks(vtkb_object axis, const double *positions, const char *const *labels,
                                       int64_t count);

// MARK: text (vtkTextActor, vtkTextProperty)
//
// A vtkTextActor is a vtkActor2D: add it to a renderer with vtkb_renderer_add_prop (AddViewProp,
// which AddActor2D is a synonym of) and it is drawn over the 3D scene, in the overlay pass, at a
// fixed place in the viewport. Font, colours and justification live in its vtkTextProperty
// (GetTextProperty); the setters below write that property.

/// vtkTextActor::New: no text (draws nothing) at display position (0, 0), VTK's default text
/// property (Arial, 12 points, white, left and bottom justified, no background, no frame) and
/// TextScaleMode none, so the font size is in pixels whatever the viewport's size.
vtkb_object vtkb_text_actor_new(void);
/// SetInput: the text, "\n" separating lines. NULL is taken as "".
vtkb_status vtkb_text_actor_set_input(vtkb_object actor, const char *text);
/// GetInput; "" when none was set. *out is owned by the actor: valid until the next set_input.
vtkb_status vtkb_text_actor_input(vtkb_object actor, const char **out);
/// vtkActor2D::SetDisplayPosition: the anchor point in display pixels, from the bottom-left corner
/// of the window; the justification says which point of the text sits there.
vtkb_status vtkb_text_actor_set_display_position(vtkb_object actor, int x, int y);
vtkb_status vtkb_text_actor_set_font_size(vtkb_object actor, int size);  // GetTextProperty()->SetFontSize
vtkb_status vtkb_text_actor_font_size(vtkb_object actor, int *out);      // GetTextProperty()->GetFontSize
/// GetTextProperty()->SetFontFamily: VTK_ARIAL 0, VTK_COURIER 1, VTK_TIMES 2.
vtkb_status vtkb_text_actor_set_font_family(vtkb_object actor, int family);
/// GetTextProperty()->SetColor, components in 0...1: the glyphs' colour.
vtkb_status vtkb_text_actor_set_color(vtkb_object actor, double r, double g, double b);
vtkb_status vtkb_text_actor_set_opacity(vtkb_object actor, double alpha); // GetTextProperty()->SetOpacity
vtkb_status vtkb_text_actor_set_bold(vtkb_object actor, int on);          // GetTextProperty()->SetBold
/// GetTextProperty()->SetBackgroundColor and SetBackgroundOpacity: a box behind the text
/// (opacity 0, VTK's default, draws none).
vtkb_status vtkb_text_actor_set_background(vtkb_object actor, double r, double g, double b, double opacity);
/// GetTextProperty()->SetFrame, SetFrameColor and SetFrameWidth (pixels): a border around the text.
vtkb_status vtkb_text_actor_set_frame(vtkb_object actor, int on, double r, double g, double b, int width);
/// GetTextProperty()->SetJustification (VTK_TEXT_LEFT 0, VTK_TEXT_CENTERED 1, VTK_TEXT_RIGHT 2)
/// and SetVerticalJustification (VTK_TEXT_BOTTOM 0, VTK_TEXT_CENTERED 1, VTK_TEXT_TOP 2).
vtkb_status vtkb_text_actor_set_justification(vtkb_object actor, int horizontal, int vertical);
/// GetBoundingBox(renderer, out): the text's box in pixels as xmin, xmax, ymin, ymax, relative to
/// the anchor point (the display position is not added). VTKB_ERR_FAILED when the renderer is in
/// no render window (the glyphs' size depends on the window's DPI).
vtkb_status vtkb_text_actor_bounding_box(vtkb_object actor, vtkb_object renderer, double out[4]);

#ifdef __cplusplus
}
#endif

#endif
