import Foundation
import Imaging
import Launch
import VTK
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 01, frame budget: timing a frame honestly and following VTK's time budget.
public enum Chapter01 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "01-frame-budget"

  /// Median and spread of frame times, as the learner computes them.
  public struct FrameStats: Equatable {
    /// The middle sample (mean of the two middle ones for an even count).
    public var median: Double
    /// Interquartile range: q3 − q1, each the median of one half of the sorted samples
    /// (with an odd count, the middle sample belongs to neither half).
    public var spread: Double
    /// Stats from their two numbers.
    public init(median: Double, spread: Double) {
      self.median = median
      self.spread = spread
    }
  }

  /// The learner's four functions.
  public struct Learner {
    /// Puts `main` on layer 0 and `overlay` on layer 1 of `window`, ready for honest timing.
    public var configureWindow: (RenderWindow, Renderer, Renderer) -> Void
    /// Times `count` frames after `warmup` untimed ones; a frame is `render()` then `finish()`;
    /// `now()` reads the clock in seconds.
    public var timeFrames:
      (
        _ count: Int, _ warmup: Int, _ render: () -> Void, _ finish: () -> Void,
        _ now: () -> Double
      ) -> [Double]
    /// Median and spread of samples.
    public var summarize: ([Double]) -> FrameStats
    /// Seconds each renderer gets when the window's desired update rate is `rate`.
    public var allocatedTime: (_ rate: Double, _ renderers: Int) -> Double

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      configureWindow: @escaping (RenderWindow, Renderer, Renderer) -> Void,
      timeFrames: @escaping (Int, Int, () -> Void, () -> Void, () -> Double) -> [Double],
      summarize: @escaping ([Double]) -> FrameStats,
      allocatedTime: @escaping (Double, Int) -> Double
    ) {
      self.configureWindow = configureWindow
      self.timeFrames = timeFrames
      self.summarize = summarize
      self.allocatedTime = allocatedTime
    }
  }

  // MARK: The scene

  static let mainBackground = SIMD3(0.05, 0.25, 0.3)
  static let overlayColor = RGBA(255, 220, 0)

  /// A lit torus for the main layer, and a flat yellow square in the lower-left corner for the
  /// overlay layer (as a HUD would be).
  static func buildRenderers(torusResolution: Int = 120) -> (main: Renderer, overlay: Renderer, torus: Actor) {
    let main = Renderer()
    main.setBackground(mainBackground.x, mainBackground.y, mainBackground.z)
    let torus = Actor(
      mapper: PolyDataMapper(
        input: TorusSource(
          ringRadius: 1, crossSectionRadius: 0.45,
          uResolution: torusResolution, vResolution: torusResolution)))
    torus.setColor(0.85, 0.45, 0.25)
    main.add(torus)
    let camera = main.activeCamera
    camera.position = SIMD3(0, -4.5, 2.5)
    camera.focalPoint = .zero
    camera.viewUp = SIMD3(0, 0, 1)
    main.resetCameraClippingRange()

    let overlay = Renderer()
    // A background of its own: if this renderer ever clears the window, the frame shows it.
    overlay.setBackground(0.35, 0.0, 0.35)
    let square = Actor(mapper: PolyDataMapper(input: CubeSource(size: SIMD3(1, 1, 0.01))))
    square.setColor(1, 220.0 / 255, 0)
    square.setLighting(false)
    overlay.add(square)
    // A camera that puts the unit square in the lower-left corner of the window.
    let hud = overlay.activeCamera
    hud.position = SIMD3(3.2, 2.2, 10)
    hud.focalPoint = SIMD3(3.2, 2.2, 0)
    hud.viewUp = SIMD3(0, 1, 0)
    overlay.resetCameraClippingRange()
    return (main, overlay, torus)
  }

  // MARK: Checks

  /// Checks the learner's window set-up (offscreen, no multisampling, two layers), frame timing
  /// on a simulated clock, median and spread, and the time VTK gives each renderer for an update
  /// rate; then exits with the harness's status.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      try HeadlessDisplay.ensureForThisProcess()
      checkWindow(learner, &report)
      checkTiming(learner, &report)
      checkStats(learner, &report)
      checkBudget(learner, &report)
    }
  }

  static func checkWindow(_ learner: Learner, _ report: inout Report) {
    let window = RenderWindow()
    window.setSize(width: 320, height: 240)
    let (main, overlay, _) = buildRenderers(torusResolution: 48)
    learner.configureWindow(window, main, overlay)
    report.add(Checks.exact("offscreen", expected: true, got: window.isOffscreen))
    report.add(Checks.exact("multisampling-off", expected: 0, got: window.multisamples))
    report.add(Checks.exact("window-layers", expected: 2, got: window.layerCount))
    report.add(
      Checks.exact(
        "renderer-layers", expected: "main 0, overlay 1", got: "main \(main.layer), overlay \(overlay.layer)"))
    window.render()
    let image = window.captureColor()
    // The torus is orange-brown under the lights: red well above blue.
    let torusPixels = image.count { Int($0.r) > Int($0.b) + 40 && Int($0.r) >= Int($0.g) && $0 != overlayColor }
    let share = Double(torusPixels) / Double(image.width * image.height)
    report.add(
      Checks.atLeast(
        "main-visible", 0.15, got: (share * 1000).rounded() / 1000,
        detail:
          "share of the frame showing the torus. Two renderers on the same layer: the one added second clears the window first."
      ))
    let corner = image[20, 220]
    report.add(
      Checks.that(
        "overlay-visible", corner.distance(to: overlayColor) <= 2,
        expected: "the yellow overlay square in the lower-left corner", got: "pixel \(corner) there",
        detail: "A renderer on layer 1 is drawn only when the window has at least 2 layers."))
  }

  static func checkTiming(_ learner: Learner, _ report: inout Report) {
    // Synthetic frames on a simulated clock, so the check tests what you time, not how busy the
    // machine is: render() takes 1 ms and finish() 4 more, like a GPU still drawing when Render
    // returns; the first frames take 40 ms extra, like shader compilation on a first render.
    let warmup = 3
    let count = 7
    var renders = 0
    var finishes = 0
    var clock = 100.0
    let samples = learner.timeFrames(
      count, warmup,
      {
        renders += 1
        clock += renders <= warmup ? 0.041 : 0.001
      },
      {
        finishes += 1
        clock += 0.004
      }, { clock })
    let countsRight = samples.count == count && renders == warmup + count && finishes == renders
    report.add(
      Checks.that(
        "frame-count", countsRight,
        expected: "\(count) samples after \(warmup + count) frames, each rendered and finished",
        got: "\(samples.count) samples after \(renders) renders and \(finishes) finishes"))
    let worst = samples.max() ?? 0
    report.add(
      Checks.atMost(
        "warmup-excluded", 0.0051, got: (worst * 1e4).rounded() / 1e4, unit: "s",
        detail: "the slowest timed frame; the first frames cost 40 ms more and must not be timed"))
    let least = samples.min() ?? 0
    report.add(
      Checks.atLeast(
        "includes-completion", 0.0049, got: (least * 1e4).rounded() / 1e4, unit: "s",
        detail: "the fastest timed frame; each frame is render() (1 ms) plus finish() (4 ms)"))
  }

  static func checkStats(_ learner: Learner, _ report: inout Report) {
    let cases: [[Double]] = [
      [0.012, 0.011, 0.013, 0.010, 0.250],  // one slow frame: the median must ignore it
      [0.020, 0.018, 0.022, 0.019, 0.021, 0.017],  // even count
      [0.005],
      [0.009, 0.007, 0.008, 0.006, 0.030, 0.010, 0.008],
    ]
    var medianFailure: String? = nil
    var spreadFailure: String? = nil
    for samples in cases {
      let got = learner.summarize(samples)
      let want = referenceStats(samples)
      if medianFailure == nil && abs(got.median - want.median) > 1e-12 {
        medianFailure = "for \(samples): expected \(want.median), got \(got.median)"
      }
      if spreadFailure == nil && abs(got.spread - want.spread) > 1e-12 {
        spreadFailure = "for \(samples): expected \(want.spread), got \(got.spread)"
      }
    }
    report.add(
      Checks.that(
        "median", medianFailure == nil, expected: "the middle sample (mean of the two middle ones)",
        got: medianFailure ?? "right on \(cases.count) sample sets"))
    report.add(
      Checks.that(
        "spread", spreadFailure == nil, expected: "q3 − q1 (medians of the upper and lower halves)",
        got: spreadFailure ?? "right on \(cases.count) sample sets"))
  }

  /// VTK itself is the reference: set the rate on a real window and read what each renderer got.
  static func checkBudget(_ learner: Learner, _ report: inout Report) {
    var failure: String? = nil
    for (rate, renderers) in [(15.0, 1), (15.0, 2), (2.5, 3), (60.0, 4)] {
      let window = RenderWindow(width: 64, height: 64)
      let list = (0..<renderers).map { _ in Renderer() }
      list.forEach(window.add)
      window.desiredUpdateRate = rate
      let vtk = list[0].allocatedRenderTime
      let got = learner.allocatedTime(rate, renderers)
      if failure == nil && abs(got - vtk) > 1e-9 * vtk {
        failure = "rate \(rate) fps with \(renderers) renderer(s): VTK gives \(vtk) s, you gave \(got) s"
      }
    }
    report.add(
      Checks.that(
        "budget-flow", failure == nil, expected: "the time vtkRenderWindow::SetDesiredUpdateRate gives each renderer",
        got: failure ?? "matches VTK in 4 cases"))
  }
}
