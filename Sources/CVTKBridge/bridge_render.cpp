// Renderer, camera, render window and interactor.
#include "bridge_internal.h"

#include <vtkCamera.h>
#include <vtkCuller.h>
#include <vtkCullerCollection.h>
#include <vtkMatrix4x4.h>
#include <vtkProp.h>
#include <vtkPropCollection.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <cstring>
#include <string>

using vtkb::as;
using vtkb::give;
using vtkb::share;

namespace {
void copyMatrix(vtkMatrix4x4 *m, double out[16]) {
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++) out[4 * r + c] = m->GetElement(r, c);
}
} // namespace

extern "C" {

// MARK: Renderer

vtkb_object vtkb_renderer_new(void) { return give(vtkRenderer::New()); }
void vtkb_renderer_add_prop(vtkb_object ren, vtkb_object prop) { as<vtkRenderer>(ren)->AddViewProp(as<vtkProp>(prop)); }
void vtkb_renderer_remove_prop(vtkb_object ren, vtkb_object prop) {
  as<vtkRenderer>(ren)->RemoveViewProp(as<vtkProp>(prop));
}
void vtkb_renderer_remove_all_props(vtkb_object ren) { as<vtkRenderer>(ren)->RemoveAllViewProps(); }
int vtkb_renderer_prop_count(vtkb_object ren) { return as<vtkRenderer>(ren)->GetViewProps()->GetNumberOfItems(); }
void vtkb_renderer_set_background(vtkb_object ren, double r, double g, double b) {
  as<vtkRenderer>(ren)->SetBackground(r, g, b);
}
void vtkb_renderer_set_layer(vtkb_object ren, int layer) { as<vtkRenderer>(ren)->SetLayer(layer); }
int vtkb_renderer_layer(vtkb_object ren) { return as<vtkRenderer>(ren)->GetLayer(); }
void vtkb_renderer_set_viewport(vtkb_object ren, double x0, double y0, double x1, double y1) {
  as<vtkRenderer>(ren)->SetViewport(x0, y0, x1, y1);
}
void vtkb_renderer_set_erase(vtkb_object ren, int on) { as<vtkRenderer>(ren)->SetErase(on); }
void vtkb_renderer_set_interactive(vtkb_object ren, int on) { as<vtkRenderer>(ren)->SetInteractive(on); }
void vtkb_renderer_reset_camera(vtkb_object ren) { as<vtkRenderer>(ren)->ResetCamera(); }
void vtkb_renderer_reset_camera_clipping_range(vtkb_object ren) { as<vtkRenderer>(ren)->ResetCameraClippingRange(); }
vtkb_object vtkb_renderer_active_camera(vtkb_object ren) { return share(as<vtkRenderer>(ren)->GetActiveCamera()); }
void vtkb_renderer_add_culler(vtkb_object ren, vtkb_object culler) { as<vtkRenderer>(ren)->AddCuller(as<vtkCuller>(culler)); }
void vtkb_renderer_remove_culler(vtkb_object ren, vtkb_object culler) {
  as<vtkRenderer>(ren)->RemoveCuller(as<vtkCuller>(culler));
}
int vtkb_renderer_culler_count(vtkb_object ren) { return as<vtkRenderer>(ren)->GetCullers()->GetNumberOfItems(); }
vtkb_object vtkb_renderer_culler(vtkb_object ren, int index) {
  return share(vtkCuller::SafeDownCast(as<vtkRenderer>(ren)->GetCullers()->GetItemAsObject(index)));
}
int vtkb_renderer_props_rendered(vtkb_object ren) { return as<vtkRenderer>(ren)->GetNumberOfPropsRendered(); }
double vtkb_renderer_last_render_time(vtkb_object ren) { return as<vtkRenderer>(ren)->GetLastRenderTimeInSeconds(); }
void vtkb_renderer_set_allocated_render_time(vtkb_object ren, double t) {
  as<vtkRenderer>(ren)->SetAllocatedRenderTime(t);
}
double vtkb_renderer_allocated_render_time(vtkb_object ren) { return as<vtkRenderer>(ren)->GetAllocatedRenderTime(); }

// MARK: Camera

void vtkb_camera_set_position(vtkb_object cam, double x, double y, double z) { as<vtkCamera>(cam)->SetPosition(x, y, z); }
void vtkb_camera_set_focal_point(vtkb_object cam, double x, double y, double z) {
  as<vtkCamera>(cam)->SetFocalPoint(x, y, z);
}
void vtkb_camera_set_view_up(vtkb_object cam, double x, double y, double z) { as<vtkCamera>(cam)->SetViewUp(x, y, z); }
void vtkb_camera_position(vtkb_object cam, double out[3]) { as<vtkCamera>(cam)->GetPosition(out); }
void vtkb_camera_focal_point(vtkb_object cam, double out[3]) { as<vtkCamera>(cam)->GetFocalPoint(out); }
void vtkb_camera_view_up(vtkb_object cam, double out[3]) { as<vtkCamera>(cam)->GetViewUp(out); }
void vtkb_camera_set_view_angle(vtkb_object cam, double degrees) { as<vtkCamera>(cam)->SetViewAngle(degrees); }
double vtkb_camera_view_angle(vtkb_object cam) { return as<vtkCamera>(cam)->GetViewAngle(); }
void vtkb_camera_set_clipping_range(vtkb_object cam, double near, double far) {
  as<vtkCamera>(cam)->SetClippingRange(near, far);
}
void vtkb_camera_clipping_range(vtkb_object cam, double out[2]) { as<vtkCamera>(cam)->GetClippingRange(out); }
void vtkb_camera_set_parallel_projection(vtkb_object cam, int on) { as<vtkCamera>(cam)->SetParallelProjection(on); }
void vtkb_camera_azimuth(vtkb_object cam, double degrees) { as<vtkCamera>(cam)->Azimuth(degrees); }
void vtkb_camera_elevation(vtkb_object cam, double degrees) { as<vtkCamera>(cam)->Elevation(degrees); }
void vtkb_camera_dolly(vtkb_object cam, double factor) { as<vtkCamera>(cam)->Dolly(factor); }
void vtkb_camera_orthogonalize_view_up(vtkb_object cam) { as<vtkCamera>(cam)->OrthogonalizeViewUp(); }
void vtkb_camera_set_window_center(vtkb_object cam, double x, double y) { as<vtkCamera>(cam)->SetWindowCenter(x, y); }
void vtkb_camera_window_center(vtkb_object cam, double out[2]) { as<vtkCamera>(cam)->GetWindowCenter(out); }
void vtkb_camera_frustum_planes(vtkb_object cam, double aspect, double out[24]) {
  as<vtkCamera>(cam)->GetFrustumPlanes(aspect, out);
}
void vtkb_camera_composite_projection(vtkb_object cam, double aspect, double nearz, double farz, double out[16]) {
  copyMatrix(as<vtkCamera>(cam)->GetCompositeProjectionTransformMatrix(aspect, nearz, farz), out);
}
void vtkb_camera_view_matrix(vtkb_object cam, double out[16]) {
  copyMatrix(as<vtkCamera>(cam)->GetViewTransformMatrix(), out);
}
void vtkb_camera_projection_matrix(vtkb_object cam, double aspect, double nearz, double farz, double out[16]) {
  copyMatrix(as<vtkCamera>(cam)->GetProjectionTransformMatrix(aspect, nearz, farz), out);
}

// MARK: Render window

vtkb_object vtkb_render_window_new(void) { return give(vtkRenderWindow::New()); }
void vtkb_render_window_add_renderer(vtkb_object win, vtkb_object ren) {
  as<vtkRenderWindow>(win)->AddRenderer(as<vtkRenderer>(ren));
}
void vtkb_render_window_set_size(vtkb_object win, int w, int h) { as<vtkRenderWindow>(win)->SetSize(w, h); }
void vtkb_render_window_size(vtkb_object win, int out[2]) {
  const int *s = as<vtkRenderWindow>(win)->GetSize();
  out[0] = s[0];
  out[1] = s[1];
}
void vtkb_render_window_set_offscreen(vtkb_object win, int on) { as<vtkRenderWindow>(win)->SetOffScreenRendering(on); }
int vtkb_render_window_offscreen(vtkb_object win) { return as<vtkRenderWindow>(win)->GetOffScreenRendering(); }
void vtkb_render_window_set_multisamples(vtkb_object win, int n) { as<vtkRenderWindow>(win)->SetMultiSamples(n); }
int vtkb_render_window_multisamples(vtkb_object win) { return as<vtkRenderWindow>(win)->GetMultiSamples(); }
void vtkb_render_window_set_layers(vtkb_object win, int n) { as<vtkRenderWindow>(win)->SetNumberOfLayers(n); }
int vtkb_render_window_layers(vtkb_object win) { return as<vtkRenderWindow>(win)->GetNumberOfLayers(); }
void vtkb_render_window_set_desired_update_rate(vtkb_object win, double rate) {
  as<vtkRenderWindow>(win)->SetDesiredUpdateRate(rate);
}
double vtkb_render_window_desired_update_rate(vtkb_object win) {
  return as<vtkRenderWindow>(win)->GetDesiredUpdateRate();
}
void vtkb_render_window_render(vtkb_object win) { as<vtkRenderWindow>(win)->Render(); }
void vtkb_render_window_wait(vtkb_object win) { as<vtkRenderWindow>(win)->WaitForCompletion(); }

int vtkb_render_window_rgba(vtkb_object win, uint8_t *out) {
  vtkRenderWindow *w = as<vtkRenderWindow>(win);
  const int *s = w->GetSize();
  unsigned char *data = w->GetRGBACharPixelData(0, 0, s[0] - 1, s[1] - 1, 0);
  if (!data) return 0;
  std::memcpy(out, data, size_t(4) * s[0] * s[1]);
  delete[] data;
  return 1;
}

int vtkb_render_window_depth(vtkb_object win, float *out) {
  vtkRenderWindow *w = as<vtkRenderWindow>(win);
  const int *s = w->GetSize();
  return w->GetZbufferData(0, 0, s[0] - 1, s[1] - 1, out) == VTK_OK ? 1 : 0;
}

const char *vtkb_render_window_gl_renderer(vtkb_object win) {
  // ReportCapabilities returns a multi-line report; keep the renderer line's value.
  static thread_local std::string line;
  std::string report = as<vtkRenderWindow>(win)->ReportCapabilities();
  const std::string key = "OpenGL renderer string:";
  size_t at = report.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  size_t end = report.find('\n', at);
  line = report.substr(at, end == std::string::npos ? std::string::npos : end - at);
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  return line.c_str();
}

// MARK: Interactor

vtkb_object vtkb_interactor_new(vtkb_object win) {
  vtkRenderWindowInteractor *i = vtkRenderWindowInteractor::New();
  i->SetRenderWindow(as<vtkRenderWindow>(win));
  return give(i);
}
void vtkb_interactor_set_desired_update_rate(vtkb_object iren, double rate) {
  as<vtkRenderWindowInteractor>(iren)->SetDesiredUpdateRate(rate);
}
void vtkb_interactor_set_still_update_rate(vtkb_object iren, double rate) {
  as<vtkRenderWindowInteractor>(iren)->SetStillUpdateRate(rate);
}
double vtkb_interactor_desired_update_rate(vtkb_object iren) {
  return as<vtkRenderWindowInteractor>(iren)->GetDesiredUpdateRate();
}
double vtkb_interactor_still_update_rate(vtkb_object iren) {
  return as<vtkRenderWindowInteractor>(iren)->GetStillUpdateRate();
}

} // extern "C"
