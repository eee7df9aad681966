// shim.h: GLFW 3.3 with the legacy OpenGL header (glDrawPixels in a compatibility context), and
// one helper that reads a window's pixels back from the X server.
#ifndef WB_CGLFW_SHIM_H
#define WB_CGLFW_SHIM_H

#include <GLFW/glfw3.h>
#include <GL/gl.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/Xutil.h>

/// Copies what the X server shows in `window` (XGetImage of the X window) into `out` as RGBA,
/// rows from the top, alpha 255. Returns 0 when the server returns no image.
///
/// Reading OpenGL's front buffer is not enough: under Xvfb with Mesa's software rasteriser it
/// reads back zeros after a swap, while the X server holds the real picture. XGetPixel and
/// XDestroyImage are macros, which is why this lives in C.
static inline int wb_copy_ximage(XImage *image, int width, int height, unsigned char *out);

static inline int wb_capture_x11_window(GLFWwindow *window, int width, int height, unsigned char *out) {
  Display *display = glfwGetX11Display();
  XSync(display, False);
  return wb_copy_ximage(XGetImage(display, glfwGetX11Window(window), 0, 0, (unsigned)width, (unsigned)height,
                                  AllPlanes, ZPixmap), width, height, out);
}

/// The same for a rectangle of the whole screen (the root window): what several windows, from
/// several processes, show together. GLFW must be initialised (it opens the display).
static inline int wb_capture_x11_screen(int x, int y, int width, int height, unsigned char *out) {
  Display *display = glfwGetX11Display();
  if (!display) return 0;
  XSync(display, False);
  return wb_copy_ximage(XGetImage(display, DefaultRootWindow(display), x, y, (unsigned)width, (unsigned)height,
                                  AllPlanes, ZPixmap), width, height, out);
}

/// Converts an XImage to RGBA (rows from the top, alpha 255) and frees it; 0 for no image.
static inline int wb_copy_ximage(XImage *image, int width, int height, unsigned char *out) {
  if (!image) return 0;
  for (int y = 0; y < height; y++) {
    for (int x = 0; x < width; x++) {
      unsigned long p = XGetPixel(image, x, y);
      unsigned char *o = out + 4 * ((size_t)y * width + x);
      o[0] = (unsigned char)((p & image->red_mask) >> __builtin_ctzl(image->red_mask));
      o[1] = (unsigned char)((p & image->green_mask) >> __builtin_ctzl(image->green_mask));
      o[2] = (unsigned char)((p & image->blue_mask) >> __builtin_ctzl(image->blue_mask));
      o[3] = 255;
    }
  }
  XDestroyImage(image);
  return 1;
}

#endif
