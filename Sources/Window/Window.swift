import CGLFW
import Imaging

#if canImport(Glibc)
  import Glibc
#endif

// The Window module: GLFW 3.3 windows that show RGBA images, for demos and checks.
//
// GLFW has no headless platform in 3.3: it needs an X server. The workbook starts Xvfb when
// there is no DISPLAY (see the Launch module), so these windows work on a laptop and on a
// cluster login node alike.
//
// Input is polled, not called back: `cursorPosition` and `isLeftButtonDown` after
// `pollEvents()`. Not wrapped yet: input callbacks other than close, the keyboard, monitors and
// full-screen, cursor shapes, Vulkan, multiple contexts sharing objects.

/// An error from GLFW, with GLFW's own description (`glfwSetErrorCallback`).
public struct WindowError: Error, CustomStringConvertible {
  /// GLFW's error code (e.g. `GLFW_PLATFORM_ERROR`), 0 when the failure was detected by us.
  public let code: Int32
  /// What went wrong: GLFW's own text, wrapped in a sentence saying which step failed (and,
  /// when GLFW cannot start, that it needs an X server).
  public let description: String
}

/// Owns GLFW's global state: `glfwInit` on first use, `glfwTerminate` at process exit.
enum GLFWLibrary {
  // Unchecked: GLFW may only be called from the main thread, so its state is only touched there.
  nonisolated(unsafe) static var lastError: WindowError?
  nonisolated(unsafe) static var initialized = false

  static func initialize() throws {
    if initialized { return }
    glfwSetErrorCallback { code, text in
      GLFWLibrary.lastError = WindowError(
        code: code, description: text.map { String(cString: $0) } ?? "unknown GLFW error")
    }
    guard glfwInit() == GLFW_TRUE else {
      let reason = lastError?.description ?? "glfwInit failed"
      throw WindowError(
        code: lastError?.code ?? 0,
        description:
          "cannot start GLFW: \(reason). GLFW needs an X server: set DISPLAY, or run through `workbook`, which starts Xvfb."
      )
    }
    initialized = true
    atexit { glfwTerminate() }
  }
}

/// A window on screen (or on Xvfb's screen) that shows RGBA images. Wraps a `GLFWwindow` with
/// an OpenGL compatibility context, drawing with `glDrawPixels` and reading the screen back
/// with `XGetImage`.
///
/// ```swift
/// let window = try Window(title: "composite", width: 400, height: 300)
/// window.show(image)
/// let onScreen = try window.capture()   // what the window now displays
/// ```
public final class Window {
  let raw: OpaquePointer
  /// The title given at creation.
  public let title: String

  /// Opens a window whose drawable area is `width` x `height` pixels.
  /// - Parameters:
  ///   - visible: false keeps the window hidden (`GLFW_VISIBLE`); `capture()` needs it shown,
  ///     since the X server has no image of an unmapped window.
  ///   - position: where the window's drawable area goes on the screen, from the top-left
  ///     corner (`glfwSetWindowPos`); nil leaves it to the window manager. Without a window
  ///     manager (under Xvfb) the position is exact, which is how a display wall of one window
  ///     per rank is laid out.
  ///   - decorated: false opens it without title bar and borders (`GLFW_DECORATED`), so that
  ///     neighbouring windows of a wall touch.
  /// - Throws: `WindowError` when there is no X server or no OpenGL context can be made.
  public init(
    title: String, width: Int, height: Int, visible: Bool = true, position: (x: Int, y: Int)? = nil,
    decorated: Bool = true
  ) throws {
    try GLFWLibrary.initialize()
    glfwDefaultWindowHints()
    // Created hidden and shown after placing, so that it never appears in the wrong spot.
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE)
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE)
    glfwWindowHint(GLFW_DECORATED, decorated ? GLFW_TRUE : GLFW_FALSE)
    // A 2.1 context is a compatibility context, where glDrawPixels works.
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 2)
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1)
    guard let w = glfwCreateWindow(Int32(width), Int32(height), title, nil, nil) else {
      throw WindowError(
        code: GLFWLibrary.lastError?.code ?? 0,
        description:
          "cannot open a \(width)x\(height) window: \(GLFWLibrary.lastError?.description ?? "unknown reason")")
    }
    raw = w
    self.title = title
    if let position { glfwSetWindowPos(raw, Int32(position.x), Int32(position.y)) }
    if visible { glfwShowWindow(raw) }
    glfwMakeContextCurrent(raw)
    glfwSwapInterval(0)
  }

  /// The window's position on the screen (`glfwGetWindowPos`): its drawable area's top-left
  /// corner.
  public var position: (x: Int, y: Int) {
    var x: Int32 = 0
    var y: Int32 = 0
    glfwGetWindowPos(raw, &x, &y)
    return (Int(x), Int(y))
  }

  /// Reads back a rectangle of the whole screen as the X server holds it (`XGetImage` on the
  /// root window): what every window there shows, whichever process drew it. Rows from the
  /// top, alpha 255.
  /// - Throws: `WindowError` when there is no display or the rectangle is off the screen.
  public static func captureScreen(x: Int, y: Int, width: Int, height: Int) throws -> RGBAImage {
    try GLFWLibrary.initialize()
    guard let image = readRootWindow(x: x, y: y, width: width, height: height) else {
      throw WindowError(
        code: 0, description: "XGetImage returned nothing for the screen rectangle \(width)x\(height)+\(x)+\(y)")
    }
    return image
  }

  private var closed = false

  deinit { close() }

  /// Closes the window now (`glfwDestroyWindow`); later calls do nothing. Dropping the last
  /// reference closes it too.
  public func close() {
    guard !closed else { return }
    closed = true
    glfwDestroyWindow(raw)
  }

  /// The drawable size in pixels (`glfwGetFramebufferSize`).
  public var framebufferSize: (width: Int, height: Int) {
    var w: Int32 = 0
    var h: Int32 = 0
    glfwGetFramebufferSize(raw, &w, &h)
    return (Int(w), Int(h))
  }

  /// Shows `image` with its top-left corner at the window's top-left, on a black background,
  /// and presents it (`glfwSwapBuffers`). The window grows to fit a larger image.
  public func show(_ image: RGBAImage) {
    glfwMakeContextCurrent(raw)
    var (fw, fh) = framebufferSize
    if image.width > fw || image.height > fh {
      glfwSetWindowSize(raw, Int32(max(fw, image.width)), Int32(max(fh, image.height)))
      glfwPollEvents()
      (fw, fh) = framebufferSize
    }
    glViewport(0, 0, GLsizei(fw), GLsizei(fh))
    glClearColor(0, 0, 0, 1)
    glClear(GLbitfield(GL_COLOR_BUFFER_BIT))
    drawPixels(image, framebufferHeight: fh)
    glfwSwapBuffers(raw)
  }

  /// Shows several images side by side, `columns` per row, e.g. one per rank plus the composite.
  public func show(grid images: [RGBAImage], columns: Int, gap: Int = 4) {
    show(RGBAImage.grid(images, columns: columns, gap: gap))
  }

  /// Reads back what the window displays, as the X server holds it (`XGetImage` on the
  /// window), rows from the top. The screen has no alpha channel: alpha is always 255.
  /// - Throws: `WindowError` when the X server returns no image (window not mapped).
  public func capture() throws -> RGBAImage {
    glfwMakeContextCurrent(raw)
    let (w, h) = framebufferSize
    guard let image = readScreen(raw, width: w, height: h) else {
      throw WindowError(code: 0, description: "XGetImage returned nothing for window \"\(title)\"")
    }
    return image
  }

  /// Processes pending window events (`glfwPollEvents`); call regularly while a window is open.
  public func pollEvents() { glfwPollEvents() }

  /// Whether the user asked to close the window (`glfwWindowShouldClose`).
  public var shouldClose: Bool { glfwWindowShouldClose(raw) == GLFW_TRUE }

  /// Where the mouse cursor is, in screen coordinates from the window's drawable area's
  /// top-left corner (`glfwGetCursorPos`); it may lie outside the window. Updated by
  /// `pollEvents()`.
  public var cursorPosition: (x: Double, y: Double) {
    var x = 0.0
    var y = 0.0
    glfwGetCursorPos(raw, &x, &y)
    return (x, y)
  }

  /// Whether the left mouse button is held down over this window (`glfwGetMouseButton` with
  /// `GLFW_MOUSE_BUTTON_LEFT`), as of the last `pollEvents()`.
  public var isLeftButtonDown: Bool { glfwGetMouseButton(raw, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS }

  /// Sets the title (`glfwSetWindowTitle`).
  public func setTitle(_ title: String) { glfwSetWindowTitle(raw, title) }

  /// Keeps the window responsive for `seconds` (or until closed), polling events.
  public func keepOpen(seconds: Double) {
    let end = glfwGetTime() + seconds
    while glfwGetTime() < end && !shouldClose { glfwWaitEventsTimeout(0.05) }
  }

  /// The GL_RENDERER string of the window's context (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)").
  public var openGLRenderer: String {
    glfwMakeContextCurrent(raw)
    guard let s = glGetString(GLenum(GL_RENDERER)) else { return "" }
    return String(cString: s)
  }
}
