import CVTKBridge
import Imaging

/// The surface renderers draw into: on screen or offscreen. Wraps `vtkRenderWindow` (made as
/// `vtkXOpenGLRenderWindow` on Linux, so it needs an X server even offscreen; the workbook
/// starts Xvfb when there is no display).
///
/// ```swift
/// let window = RenderWindow(width: 400, height: 300, offscreen: true)
/// window.add(renderer)
/// window.render()
/// let image = window.captureColor()      // RGBA8, rows from the top
/// let depth = window.captureDepth()      // Float in [0, 1]
/// ```
public final class RenderWindow: VTKObject {
  override class var vtkClassName: String { "vtkRenderWindow" }

  /// A window with VTK's settings (on screen); `init(width:height:offscreen:multisamples:)`
  /// gives the workbook's repeatable ones.
  /// Wraps `vtkRenderWindow::New` through `vtkb_render_window_new`.
  public convenience init() { self.init(owning: vtkb_render_window_new()) }

  /// A window of the given size; offscreen by default, with multisampling off so that pixels
  /// and timings are repeatable.
  public convenience init(width: Int, height: Int, offscreen: Bool = true, multisamples: Int = 0) {
    self.init()
    setSize(width: width, height: height)
    isOffscreen = offscreen
    self.multisamples = multisamples
  }

  /// `AddRenderer`.
  public func add(_ renderer: Renderer) { must(vtkb_render_window_add_renderer(handle, renderer.handle)) }

  /// `SetSize`.
  public func setSize(width: Int, height: Int) {
    must(vtkb_render_window_set_size(handle, Int32(width), Int32(height)))
  }
  /// `GetSize`.
  public var size: (width: Int, height: Int) {
    var s: [Int32] = [0, 0]
    must(s.withUnsafeMutableBufferPointer { vtkb_render_window_size(handle, $0.baseAddress!) })
    return (Int(s[0]), Int(s[1]))
  }

  /// `SetOffScreenRendering` / `GetOffScreenRendering`.
  public var isOffscreen: Bool {
    get { must(Int32(0)) { vtkb_render_window_offscreen(handle, $0) } != 0 }
    set { must(vtkb_render_window_set_offscreen(handle, newValue ? 1 : 0)) }
  }

  /// `SetMultiSamples` / `GetMultiSamples`: 0 turns multisample anti-aliasing off, which keeps
  /// frame times honest and pixels exact.
  public var multisamples: Int {
    get { Int(must(Int32(0)) { vtkb_render_window_multisamples(handle, $0) }) }
    set { must(vtkb_render_window_set_multisamples(handle, Int32(newValue))) }
  }

  /// `SetNumberOfLayers` / `GetNumberOfLayers` (default 1). A renderer on layer k draws only if
  /// the window has more than k layers.
  public var layerCount: Int {
    get { Int(must(Int32(0)) { vtkb_render_window_layers(handle, $0) }) }
    set { must(vtkb_render_window_set_layers(handle, Int32(newValue))) }
  }

  /// `SetDesiredUpdateRate` / `GetDesiredUpdateRate`: frames per second wanted. Setting it to a
  /// new value gives each of the window's n renderers `1 / (rate × n)` seconds; an interaction
  /// style sets it to the interactor's desired (moving) or still rate.
  public var desiredUpdateRate: Double {
    get { must(0.0) { vtkb_render_window_desired_update_rate(handle, $0) } }
    set { must(vtkb_render_window_set_desired_update_rate(handle, newValue)) }
  }

  /// `Render`: draws every renderer, layer by layer.
  public func render() { must(vtkb_render_window_render(handle)) }

  /// `WaitForCompletion`: blocks until OpenGL has finished (glFinish). Time a frame as
  /// render + wait; `render()` alone may return before the GPU is done.
  public func waitForCompletion() { must(vtkb_render_window_wait(handle)) }

  /// The last frame's colour (`GetRGBACharPixelData`), rows from the top.
  public func captureColor() -> RGBAImage {
    let (w, h) = size
    var bytes = [UInt8](repeating: 0, count: 4 * w * h)
    must(bytes.withUnsafeMutableBufferPointer { vtkb_render_window_rgba(handle, $0.baseAddress!) })
    return RGBAImage(width: w, height: h, pixels: bytes).flippedVertically()
  }

  /// The last frame's depth buffer (`GetZbufferData`). VTK fills it bottom row first; ask for
  /// `.topDown` to pair it with `captureColor()` pixel for pixel.
  public func captureDepth(rowOrder: RowOrder = .bottomUp) -> DepthImage {
    let (w, h) = size
    var values = [Float](repeating: 0, count: w * h)
    must(values.withUnsafeMutableBufferPointer { vtkb_render_window_depth(handle, $0.baseAddress!) })
    return DepthImage(width: w, height: h, values: values, rowOrder: .bottomUp).inRowOrder(rowOrder)
  }

  /// The OpenGL renderer string after the first render ("llvmpipe (LLVM 15.0.6, 256 bits)"
  /// under Xvfb), "" before it: the "OpenGL renderer string:" line of `ReportCapabilities`.
  public var openGLRenderer: String {
    let report = String(cString: must(nil) { vtkb_render_window_capabilities(handle, $0) }!)
    let key = "OpenGL renderer string:"
    guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return "" }
    return String(line.dropFirst(key.count).drop(while: { $0 == " " }))
  }
}

/// Turns mouse and keyboard events into camera motion and frame-rate requests.
/// Wraps `vtkRenderWindowInteractor`; the workbook never starts its event loop, but its
/// desired and still update rates drive LOD, and `vtkQuadricLODActor` needs one to exist.
public final class Interactor: VTKObject {
  override class var vtkClassName: String { "vtkRenderWindowInteractor" }

  /// An interactor attached to `window` (`SetRenderWindow`).
  /// Wraps `vtkRenderWindowInteractor::New` through `vtkb_interactor_new`.
  public convenience init(window: RenderWindow) {
    self.init(owning: must(nil) { vtkb_interactor_new(window.handle, $0) }!)
  }

  /// `SetDesiredUpdateRate` / `GetDesiredUpdateRate`: frames per second wanted while the user
  /// moves the camera (default 15).
  public var desiredUpdateRate: Double {
    get { must(0.0) { vtkb_interactor_desired_update_rate(handle, $0) } }
    set { must(vtkb_interactor_set_desired_update_rate(handle, newValue)) }
  }

  /// `SetStillUpdateRate` / `GetStillUpdateRate`: frames per second when the camera rests
  /// (default 0.0001, i.e. "take all the time you need").
  public var stillUpdateRate: Double {
    get { must(0.0) { vtkb_interactor_still_update_rate(handle, $0) } }
    set { must(vtkb_interactor_set_still_update_rate(handle, newValue)) }
  }
}
