import Launch
import VTK
import WorkbookKit

/// A render window with one renderer, offscreen and sized for checks: what most chapters draw
/// into. Creating one makes sure the process has an X display (starting Xvfb if needed).
public final class Stage {
  /// The offscreen window, `width` × `height`, multisampling off.
  public let window: RenderWindow
  /// The window's only renderer; add props to it.
  public let renderer: Renderer
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int

  /// - Throws: `LaunchError` when no display can be found or started.
  public init(width: Int = 400, height: Int = 300, background: SIMD3<Double> = SIMD3(0.1, 0.1, 0.15)) throws {
    try HeadlessDisplay.ensureForThisProcess()
    self.width = width
    self.height = height
    window = RenderWindow(width: width, height: height, offscreen: true, multisamples: 0)
    renderer = Renderer()
    renderer.setBackground(background.x, background.y, background.z)
    window.add(renderer)
  }

  /// Width over height, what VTK's camera uses for the frustum.
  public var aspect: Double { Double(width) / Double(height) }

  /// Points the camera from `position` at `focalPoint`, with +y up, and fits the clipping range.
  public func look(
    from position: SIMD3<Double>, at focalPoint: SIMD3<Double> = .zero, up: SIMD3<Double> = SIMD3(0, 1, 0)
  ) {
    let camera = renderer.activeCamera
    camera.position = position
    camera.focalPoint = focalPoint
    camera.viewUp = up
    renderer.resetCameraClippingRange()
  }

  /// Renders one frame and waits for OpenGL to finish; returns the wall time in seconds.
  @discardableResult
  public func renderFrame() -> Double {
    let start = Benchmark.now()
    window.render()
    window.waitForCompletion()
    return Benchmark.now() - start
  }
}
