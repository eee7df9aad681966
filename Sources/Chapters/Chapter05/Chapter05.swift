import Foundation
import Launch
import VTK
import WorkbookKit

/// Chapter 05, vtkFrustumCoverageCuller: VTK's own culler, its coverage estimate, and what
/// culling buys in a scene of thousands of actors.
public enum Chapter05 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "05-coverage-culler"

  /// The learner's functions.
  public struct Learner {
    /// VTK's coverage estimate for a prop with these bounds, given the frustum planes.
    public var coverage: (Bounds, [SIMD4<Double>]) -> Double
    /// The MinimumCoverage that keeps exactly `count` props, given every prop's coverage.
    public var minimumCoverage: (_ count: Int, _ coverages: [Double]) -> Double

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      coverage: @escaping (Bounds, [SIMD4<Double>]) -> Double,
      minimumCoverage: @escaping (Int, [Double]) -> Double
    ) {
      self.coverage = coverage
      self.minimumCoverage = minimumCoverage
    }
  }

  /// A deterministic scene: `count` spheres of random size at random places in a 100-unit cube,
  /// seen from outside one face. Static mappers: the scene never changes, so the culler's
  /// GetBounds calls need not run the pipeline.
  public struct Scene {
    /// The window and renderer the spheres are drawn in.
    public let stage: Stage
    /// One actor per sphere, in the order they were added to the renderer.
    public let actors: [Actor]

    /// Builds the scene on a new `Stage`, the same for the same arguments on every machine.
    /// - Throws: `LaunchError` when no display can be found or started.
    public init(count: Int, width: Int = 400, height: Int = 300, sphereResolution: Int = 12, seed: UInt64 = 5) throws {
      stage = try Stage(width: width, height: height)
      var rng = SeededRandom(seed: seed)
      var list: [Actor] = []
      list.reserveCapacity(count)
      for _ in 0..<count {
        let centre = SIMD3(rng.uniform(-50...50), rng.uniform(-50...50), rng.uniform(-50...50))
        let sphere = SphereSource(
          radius: rng.uniform(0.3...2.5), center: centre, thetaResolution: sphereResolution,
          phiResolution: sphereResolution)
        let mapper = PolyDataMapper(input: sphere)
        mapper.update()  // before setStatic: a static mapper ignores Update
        mapper.setStatic(true)
        let actor = Actor(mapper: mapper)
        actor.setColor(rng.uniform(0.3...1), rng.uniform(0.3...1), rng.uniform(0.3...1))
        list.append(actor)
        stage.renderer.add(actor)
      }
      actors = list
      let camera = stage.renderer.activeCamera
      camera.position = SIMD3(-90, 10, 5)
      camera.focalPoint = SIMD3(0, 0, 0)
      camera.viewUp = SIMD3(0, 0, 1)
      camera.viewAngle = 40
      camera.clippingRange = (1, 300)
    }

    /// The culler the renderer installed.
    public var culler: FrustumCoverageCuller? { stage.renderer.cullers.first as? FrustumCoverageCuller }

    /// Installs or removes `culler` (`AddCuller` does not check for duplicates, so only add it
    /// when the renderer has none).
    public func setCulling(_ on: Bool, with culler: Culler) {
      let installed = !stage.renderer.cullers.isEmpty
      if on && !installed { stage.renderer.addCuller(culler) }
      if !on && installed { stage.renderer.removeAllCullers() }
    }

    /// Frames with `culler` installed against frames with no culler, timed alternately (median of
    /// 5 each after one warm-up) so that a busy machine slows both alike. Leaves the culler installed.
    func timeAgainstNoCulling(_ culler: Culler) -> BenchmarkComparison {
      let comparison = Benchmark.compare(
        runs: 5, warmup: 1,
        candidate: {
          setCulling(true, with: culler)
          stage.renderFrame()
        },
        baseline: {
          setCulling(false, with: culler)
          stage.renderFrame()
        })
      setCulling(true, with: culler)
      return comparison
    }

    /// The frustum planes the culler uses: the camera's, at the window's aspect ratio.
    public var planes: [SIMD4<Double>] { stage.renderer.activeCamera.frustumPlanes(aspect: stage.aspect) }
  }

  /// Checks the learner's coverage against VTK's render-time multipliers for 2000 props, that
  /// their minimum coverage keeps the intended number of props, and that culling makes a frame
  /// about twice as fast (1.5× after the noise margin); then exits with the harness's status.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      let scene = try Scene(count: 2000, sphereResolution: 24)
      guard let culler = scene.culler else { throw CheckError("the renderer has no vtkFrustumCoverageCuller") }
      culler.minimumCoverage = 0
      culler.maximumCoverage = 1
      scene.stage.window.render()
      // VTK's verdict: each prop's render-time multiplier is its coverage (0 when culled).
      let vtk = scene.actors.map(\.renderTimeMultiplier)
      let planes = scene.planes
      let mine = scene.actors.map { learner.coverage($0.bounds, planes) }

      let vtkCulled = Set(vtk.indices.filter { vtk[$0] == 0 })
      let myCulled = Set(mine.indices.filter { mine[$0] == 0 })
      report.add(Checks.sameSet("culled-set", expected: vtkCulled, got: myCulled))
      let wrong = vtk.indices.filter { abs(mine[$0] - vtk[$0]) > 1e-9 * max(1, abs(vtk[$0])) }
      let firstWrong = wrong.first.map { "prop \($0): VTK \(vtk[$0]), yours \(mine[$0])" }
      report.add(
        Checks.that(
          "coverage-matches-vtk", wrong.isEmpty, expected: "all \(vtk.count) coverages equal VTK's (to 1e-9)",
          got: wrong.isEmpty ? "all equal" : "\(wrong.count) differ; first: \(firstWrong!)"))
      report.metric("visible-props", Double(vtk.count - vtkCulled.count), unit: "props")

      // Keep only the props covering the most screen: a count with a clear gap below it.
      let sorted = vtk.filter { $0 > 0 }.sorted(by: >)
      guard sorted.count >= 10 else {
        throw CheckError("only \(sorted.count) props are visible; the scene is set up wrong")
      }
      let target = (sorted.count / 5...sorted.count - 2).first { sorted[$0 - 1] > sorted[$0] * 1.0001 } ?? 1
      let threshold = learner.minimumCoverage(target, vtk)
      culler.minimumCoverage = threshold
      scene.stage.window.render()
      report.add(
        Checks.counter("props-rendered", expected: target, got: scene.stage.renderer.propsRendered, unit: "props"))

      // What it buys: the same frame with the culler removed, timed alternately.
      let comparison = scene.timeAgainstNoCulling(culler)
      report.metric("culling-speedup", comparison.speedup, unit: "x")
      report.add(Checks.faster("frame-time", comparison: comparison, atLeast: 2, noiseMargin: 0.25))
    }
  }

  /// An error that stops the checks: the scene could not be set up as the chapter expects.
  struct CheckError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }
}
