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

vtkb_status vtkb_renderer_add_prop(vtkb_object ren, vtkb_object prop) {
  VTKB_CAST(vtkRenderer, r, ren);
  VTKB_CAST(vtkProp, p, prop);
  r->AddViewProp(p);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_remove_prop(vtkb_object ren, vtkb_object prop) {
  VTKB_CAST(vtkRenderer, r, ren);
  VTKB_CAST(vtkProp, p, prop);
  r->RemoveViewProp(p);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_remove_all_props(vtkb_object ren) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->RemoveAllViewProps();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_prop_count(vtkb_object ren, int *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetViewProps()->GetNumberOfItems();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_background(vtkb_object ren, double red, double green, double blue) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetBackground(red, green, blue);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_layer(vtkb_object ren, int layer) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetLayer(layer);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_layer(vtkb_object ren, int *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetLayer();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_viewport(vtkb_object ren, double x0, double y0, double x1, double y1) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetViewport(x0, y0, x1, y1);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_erase(vtkb_object ren, int on) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetErase(on);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_interactive(vtkb_object ren, int on) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetInteractive(on);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_reset_camera(vtkb_object ren) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->ResetCamera();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_reset_camera_clipping_range(vtkb_object ren) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->ResetCameraClippingRange();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_active_camera(vtkb_object ren, vtkb_object *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = share(r->GetActiveCamera());
  return VTKB_OK;
}

vtkb_status vtkb_renderer_add_culler(vtkb_object ren, vtkb_object culler) {
  VTKB_CAST(vtkRenderer, r, ren);
  VTKB_CAST(vtkCuller, c, culler);
  r->AddCuller(c);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_remove_culler(vtkb_object ren, vtkb_object culler) {
  VTKB_CAST(vtkRenderer, r, ren);
  VTKB_CAST(vtkCuller, c, culler);
  r->RemoveCuller(c);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_culler_count(vtkb_object ren, int *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetCullers()->GetNumberOfItems();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_culler(vtkb_object ren, int index, vtkb_object *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = share(vtkCuller::SafeDownCast(r->GetCullers()->GetItemAsObject(index)));
  return VTKB_OK;
}

vtkb_status vtkb_renderer_props_rendered(vtkb_object ren, int *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetNumberOfPropsRendered();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_last_render_time(vtkb_object ren, double *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetLastRenderTimeInSeconds();
  return VTKB_OK;
}

vtkb_status vtkb_renderer_set_allocated_render_time(vtkb_object ren, double t) {
  VTKB_CAST(vtkRenderer, r, ren);
  r->SetAllocatedRenderTime(t);
  return VTKB_OK;
}

vtkb_status vtkb_renderer_allocated_render_time(vtkb_object ren, double *out) {
  VTKB_CAST(vtkRenderer, r, ren);
  *out = r->GetAllocatedRenderTime();
  return VTKB_OK;
}

// MARK: Camera

vtkb_status vtkb_camera_set_position(vtkb_object cam, double x, double y, double z) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetPosition(x, y, z);
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_focal_point(vtkb_object cam, double x, double y, double z) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetFocalPoint(x, y, z);
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_view_up(vtkb_object cam, double x, double y, double z) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetViewUp(x, y, z);
  return VTKB_OK;
}

vtkb_status vtkb_camera_position(vtkb_object cam, double out[3]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetPosition(out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_focal_point(vtkb_object cam, double out[3]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetFocalPoint(out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_view_up(vtkb_object cam, double out[3]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetViewUp(out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_view_angle(vtkb_object cam, double degrees) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetViewAngle(degrees);
  return VTKB_OK;
}

vtkb_status vtkb_camera_view_angle(vtkb_object cam, double *out) {
  VTKB_CAST(vtkCamera, c, cam);
  *out = c->GetViewAngle();
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_clipping_range(vtkb_object cam, double near, double far) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetClippingRange(near, far);
  return VTKB_OK;
}

vtkb_status vtkb_camera_clipping_range(vtkb_object cam, double out[2]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetClippingRange(out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_parallel_projection(vtkb_object cam, int on) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetParallelProjection(on);
  return VTKB_OK;
}

vtkb_status vtkb_camera_azimuth(vtkb_object cam, double degrees) {
  VTKB_CAST(vtkCamera, c, cam);
  c->Azimuth(degrees);
  return VTKB_OK;
}

vtkb_status vtkb_camera_elevation(vtkb_object cam, double degrees) {
  VTKB_CAST(vtkCamera, c, cam);
  c->Elevation(degrees);
  return VTKB_OK;
}

vtkb_status vtkb_camera_dolly(vtkb_object cam, double factor) {
  VTKB_CAST(vtkCamera, c, cam);
  c->Dolly(factor);
  return VTKB_OK;
}

vtkb_status vtkb_camera_orthogonalize_view_up(vtkb_object cam) {
  VTKB_CAST(vtkCamera, c, cam);
  c->OrthogonalizeViewUp();
  return VTKB_OK;
}

vtkb_status vtkb_camera_set_window_center(vtkb_object cam, double x, double y) {
  VTKB_CAST(vtkCamera, c, cam);
  c->SetWindowCenter(x, y);
  return VTKB_OK;
}

vtkb_status vtkb_camera_window_center(vtkb_object cam, double out[2]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetWindowCenter(out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_frustum_planes(vtkb_object cam, double aspect, double out[24]) {
  VTKB_CAST(vtkCamera, c, cam);
  c->GetFrustumPlanes(aspect, out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_composite_projection(vtkb_object cam, double aspect, double nearz, double farz,
                                             double out[16]) {
  VTKB_CAST(vtkCamera, c, cam);
  copyMatrix(c->GetCompositeProjectionTransformMatrix(aspect, nearz, farz), out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_view_matrix(vtkb_object cam, double out[16]) {
  VTKB_CAST(vtkCamera, c, cam);
  copyMatrix(c->GetViewTransformMatrix(), out);
  return VTKB_OK;
}

vtkb_status vtkb_camera_projection_matrix(vtkb_object cam, double aspect, double nearz, double farz,
                                          double out[16]) {
  VTKB_CAST(vtkCamera, c, cam);
  copyMatrix(c->GetProjectionTransformMatrix(aspect, nearz, farz), out);
  return VTKB_OK;
}

// MARK: Render window

vtkb_object vtkb_render_window_new(void) { return give(vtkRenderWindow::New()); }

vtkb_status vtkb_render_window_add_renderer(vtkb_object win, vtkb_object ren) {
  VTKB_CAST(vtkRenderWindow, w, win);
  VTKB_CAST(vtkRenderer, r, ren);
  w->AddRenderer(r);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_set_size(vtkb_object win, int width, int height) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->SetSize(width, height);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_size(vtkb_object win, int out[2]) {
  VTKB_CAST(vtkRenderWindow, w, win);
  const int *s = w->GetSize();
  out[0] = s[0];
  out[1] = s[1];
  return VTKB_OK;
}

vtkb_status vtkb_render_window_set_offscreen(vtkb_object win, int on) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->SetOffScreenRendering(on);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_offscreen(vtkb_object win, int *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  *out = w->GetOffScreenRendering();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_set_multisamples(vtkb_object win, int n) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->SetMultiSamples(n);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_multisamples(vtkb_object win, int *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  *out = w->GetMultiSamples();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_set_layers(vtkb_object win, int n) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->SetNumberOfLayers(n);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_layers(vtkb_object win, int *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  *out = w->GetNumberOfLayers();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_set_desired_update_rate(vtkb_object win, double rate) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->SetDesiredUpdateRate(rate);
  return VTKB_OK;
}

vtkb_status vtkb_render_window_desired_update_rate(vtkb_object win, double *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  *out = w->GetDesiredUpdateRate();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_render(vtkb_object win) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->Render();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_wait(vtkb_object win) {
  VTKB_CAST(vtkRenderWindow, w, win);
  w->WaitForCompletion();
  return VTKB_OK;
}

vtkb_status vtkb_render_window_rgba(vtkb_object win, uint8_t *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  const int *s = w->GetSize();
  unsigned char *data = w->GetRGBACharPixelData(0, 0, s[0] - 1, s[1] - 1, 0);
  if (!data) return vtkb::fail(VTKB_ERR_FAILED, __func__, "GetRGBACharPixelData returned no pixels");
  std::memcpy(out, data, size_t(4) * s[0] * s[1]);
  delete[] data;
  return VTKB_OK;
}

vtkb_status vtkb_render_window_depth(vtkb_object win, float *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  const int *s = w->GetSize();
  if (w->GetZbufferData(0, 0, s[0] - 1, s[1] - 1, out) != VTK_OK)
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "GetZbufferData failed");
  return VTKB_OK;
}

vtkb_status vtkb_render_window_capabilities(vtkb_object win, const char **out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  *out = w->ReportCapabilities();
  return VTKB_OK;
}

// MARK: Interactor

vtkb_status vtkb_interactor_new(vtkb_object win, vtkb_object *out) {
  VTKB_CAST(vtkRenderWindow, w, win);
  vtkRenderWindowInteractor *i = vtkRenderWindowInteractor::New();
  i->SetRenderWindow(w);
  *out = give(i);
  return VTKB_OK;
}

vtkb_status vtkb_interactor_set_desired_update_rate(vtkb_object iren, double rate) {
  VTKB_CAST(vtkRenderWindowInteractor, i, iren);
  i->SetDesiredUpdateRate(rate);
  return VTKB_OK;
}

vtkb_status vtkb_interactor_set_still_update_rate(vtkb_object iren, double rate) {
  VTKB_CAST(vtkRenderWindowInteractor, i, iren);
  i->SetStillUpdateRate(rate);
  return VTKB_OK;
}

vtkb_status vtkb_interactor_desired_update_rate(vtkb_object iren, double *out) {
  VTKB_CAST(vtkRenderWindowInteractor, i, iren);
  *out = i->GetDesiredUpdateRate();
  return VTKB_OK;
}

vtkb_status vtkb_interactor_still_update_rate(vtkb_object iren, double *out) {
  VTKB_CAST(vtkRenderWindowInteractor, i, iren);
  *out = i->GetStillUpdateRate();
  return VTKB_OK;
}

} // extern "C"
