// Text drawn into a renderer's viewport: vtkTextActor and its vtkTextProperty.
//
// The glyphs are rasterised by the RenderingFreeType module, whose object factory bridge_core.cpp
// initialises (VTK_MODULE_INIT(vtkRenderingFreeType)); without it a vtkTextActor draws nothing.
#include "bridge_internal.h"

#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkWindow.h>

using vtkb::give;

extern "C" {

vtkb_object vtkb_text_actor_new(void) { return give(vtkTextActor::New()); }

vtkb_status vtkb_text_actor_set_input(vtkb_object actor, const char *text) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->SetInput(text ? text : "");
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_input(vtkb_object actor, const char **out) {
  VTKB_CAST(vtkTextActor, a, actor);
  const char *text = a->GetInput();
  *out = text ? text : "";
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_display_position(vtkb_object actor, int x, int y) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->SetDisplayPosition(x, y);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_font_size(vtkb_object actor, int size) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->GetTextProperty()->SetFontSize(size);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_font_size(vtkb_object actor, int *out) {
  VTKB_CAST(vtkTextActor, a, actor);
  *out = a->GetTextProperty()->GetFontSize();
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_font_family(vtkb_object actor, int family) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->GetTextProperty()->SetFontFamily(family);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_color(vtkb_object actor, double r, double g, double b) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->GetTextProperty()->SetColor(r, g, b);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_opacity(vtkb_object actor, double alpha) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->GetTextProperty()->SetOpacity(alpha);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_bold(vtkb_object actor, int on) {
  VTKB_CAST(vtkTextActor, a, actor);
  a->GetTextProperty()->SetBold(on != 0);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_background(vtkb_object actor, double r, double g, double b, double opacity) {
  VTKB_CAST(vtkTextActor, a, actor);
  vtkTextProperty *p = a->GetTextProperty();
  p->SetBackgroundColor(r, g, b);
  p->SetBackgroundOpacity(opacity);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_frame(vtkb_object actor, int on, double r, double g, double b, int width) {
  VTKB_CAST(vtkTextActor, a, actor);
  vtkTextProperty *p = a->GetTextProperty();
  p->SetFrame(on != 0);
  p->SetFrameColor(r, g, b);
  p->SetFrameWidth(width);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_set_justification(vtkb_object actor, int horizontal, int vertical) {
  VTKB_CAST(vtkTextActor, a, actor);
  vtkTextProperty *p = a->GetTextProperty();
  p->SetJustification(horizontal);
  p->SetVerticalJustification(vertical);
  return VTKB_OK;
}

vtkb_status vtkb_text_actor_bounding_box(vtkb_object actor, vtkb_object renderer, double out[4]) {
  VTKB_CAST(vtkTextActor, a, actor);
  VTKB_CAST(vtkRenderer, ren, renderer);
  // The text renderer reads the window's DPI to size the glyphs.
  if (!ren->GetVTKWindow())
    return vtkb::fail(VTKB_ERR_FAILED, __func__, "renderer is in no render window, so the text has no size yet");
  a->GetBoundingBox(ren, out);
  return VTKB_OK;
}

} // extern "C"
