import CGLFW
import Imaging

// Pixel transfer between Swift images and the current OpenGL context.

/// Draws `image` so that its top row lands on the framebuffer's top row. OpenGL's rows run
/// bottom-up, so the image is flipped first and placed at y = height - image.height.
func drawPixels(_ image: RGBAImage, framebufferHeight fh: Int) {
  let bottomUp = image.flippedVertically()
  glMatrixMode(GLenum(GL_PROJECTION))
  glLoadIdentity()
  glOrtho(0, 1, 0, 1, -1, 1)
  glMatrixMode(GLenum(GL_MODELVIEW))
  glLoadIdentity()
  glPixelStorei(GLenum(GL_UNPACK_ALIGNMENT), 1)
  // Raster position in normalised units of the framebuffer, exact at pixel corners.
  glRasterPos2d(0, Double(max(0, fh - image.height)) / Double(fh))
  bottomUp.pixels.withUnsafeBufferPointer { p in
    glDrawPixels(GLsizei(image.width), GLsizei(image.height), GLenum(GL_RGBA), GLenum(GL_UNSIGNED_BYTE), p.baseAddress)
  }
}

/// Reads what the X server displays in `window`, rows from the top, alpha 255.
func readScreen(_ window: OpaquePointer, width w: Int, height h: Int) -> RGBAImage? {
  var bytes = [UInt8](repeating: 0, count: 4 * w * h)
  glFinish()
  let ok = bytes.withUnsafeMutableBufferPointer { p in wb_capture_x11_window(window, Int32(w), Int32(h), p.baseAddress)
  }
  return ok != 0 ? RGBAImage(width: w, height: h, pixels: bytes) : nil
}

/// Reads a rectangle of the whole X screen (the root window), rows from the top, alpha 255.
func readRootWindow(x: Int, y: Int, width w: Int, height h: Int) -> RGBAImage? {
  var bytes = [UInt8](repeating: 0, count: 4 * w * h)
  let ok = bytes.withUnsafeMutableBufferPointer { p in
    wb_capture_x11_screen(Int32(x), Int32(y), Int32(w), Int32(h), p.baseAddress)
  }
  return ok != 0 ? RGBAImage(width: w, height: h, pixels: bytes) : nil
}
