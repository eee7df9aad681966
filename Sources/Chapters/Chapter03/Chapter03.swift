import Foundation
import Launch
import VTK
import WorkbookKit

/// Chapter 03, vtkLODProp3D and decimation: making levels that meet a budget, and letting VTK's
/// LOD prop choose among them by estimated time.
public enum Chapter03 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "03-lod-prop3d-and-decimation"

  /// The learner's functions.
  public struct Learner {
    /// Three simplified versions of `mesh`, finest first, each a filter connected to it.
    public var makeLevels: (Algorithm) -> [Algorithm]
    /// Adds the mappers (finest first) to the prop with these time estimates, marks each LOD's
    /// quality level (finest 0), and returns the LOD ids in the same order.
    public var addLevels: (LODProp3D, [PolyDataMapper], [Double]) -> [Int]
    /// The renderer time that makes vtkLODProp3D choose LOD `index` given the estimates.
    public var allocatedTime: (_ index: Int, _ estimatedTimes: [Double]) -> Double
    /// Makes picking use the cheapest LOD (`ids` finest first).
    public var configurePicking: (LODProp3D, [Int]) -> Void

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      makeLevels: @escaping (Algorithm) -> [Algorithm],
      addLevels: @escaping (LODProp3D, [PolyDataMapper], [Double]) -> [Int],
      allocatedTime: @escaping (Int, [Double]) -> Double,
      configurePicking: @escaping (LODProp3D, [Int]) -> Void
    ) {
      self.makeLevels = makeLevels
      self.addLevels = addLevels
      self.allocatedTime = allocatedTime
      self.configurePicking = configurePicking
    }
  }

  /// The chapter's mesh: a torus with ring radius 1 and tube radius 0.4, 96 000 triangles.
  public static let ringRadius = 1.0, tubeRadius = 0.4
  /// The chapter's torus: `ringRadius` and `tubeRadius`, 300 × 160 samples (96 000 triangles).
  public static func makeTorus() -> TorusSource {
    TorusSource(ringRadius: ringRadius, crossSectionRadius: tubeRadius, uResolution: 300, vResolution: 160)
  }

  /// Budgets per level: at most this fraction of the input's triangles, and a largest deviation
  /// from the true torus of at most this fraction of the tube radius.
  public static let budgets: [(triangles: Double, error: Double)] = [(0.30, 0.005), (0.05, 0.010), (0.0125, 0.05)]

  /// How far a mesh strays from the torus it approximates: the largest distance from the exact
  /// surface of any vertex or triangle centre, divided by the tube radius. For the torus,
  /// distance(p) = | sqrt((sqrt(x² + y²) − R)² + z²) − r |.
  public static func deviation(_ data: PolyData) -> Double {
    let points = data.points()
    func distance(_ p: SIMD3<Double>) -> Double {
      let q = (p.x * p.x + p.y * p.y).squareRoot() - ringRadius
      return abs((q * q + p.z * p.z).squareRoot() - tubeRadius)
    }
    var worst = points.map(distance).max() ?? 0
    for t in data.triangles() {
      worst = max(worst, distance((points[t.x] + points[t.y] + points[t.z]) / 3))
    }
    return worst / tubeRadius
  }

  /// The check's draw-time model, as in chapter 02: seconds proportional to triangles.
  static func modelledTime(_ triangles: Int) -> Double { Double(triangles) * 1.5e-7 }

  /// Checks the learner's three levels against their triangle and error budgets, then the LOD
  /// prop: ids and estimates, quality levels, the time that makes VTK choose each LOD, levels
  /// overruling the time-based choice, and picking with the cheapest LOD; then exits with the
  /// harness's status.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      try checkLevels(learner, &report)
      try checkLODProp(learner, &report)
    }
  }

  static func checkLevels(_ learner: Learner, _ report: inout Report) throws {
    let torus = makeTorus()
    torus.update()
    let input = torus.output!.polygonCount
    let levels = learner.makeLevels(torus)
    report.add(Checks.exact("level-count", expected: 3, got: levels.count))
    guard levels.count == 3 else { return }
    for (i, level) in levels.enumerated() {
      let seconds = Benchmark.time { level.update() }
      let data = level.output
      let triangles = data?.polygonCount ?? 0
      let limit = Int(budgets[i].triangles * Double(input))
      report.add(
        Checks.within(
          "level-\(i + 1)-triangles", 1...limit, got: triangles, unit: "triangles",
          detail: "\(Checks.format(budgets[i].triangles * 100))% of the \(input) input triangles at most"))
      let error = data.map(deviation) ?? .infinity
      report.add(
        Checks.atMost(
          "level-\(i + 1)-error", budgets[i].error * 100, got: (error * 1e4).rounded() / 100,
          unit: "% of the tube radius",
          detail: "largest distance of a vertex or triangle centre from the true torus"))
      report.metric("level-\(i + 1)-build", seconds, unit: "s")
    }
  }

  /// A fresh prop holding the learner's LODs, alone in a renderer whose time is `time`, rendered
  /// once; returns the LOD VTK chose. Fresh each time: after a frame VTK blends measured times
  /// into its estimates (0.25 old + 0.75 measured), which would make a second frame depend on timing.
  static func choose(
    _ learner: Learner, mappers: [PolyDataMapper], estimates: [Double], time: Double,
    stage: Stage
  ) -> (ids: [Int], chosen: Int) {
    let prop = LODProp3D()
    let ids = learner.addLevels(prop, mappers, estimates)
    stage.renderer.add(prop)
    defer { stage.renderer.remove(prop) }
    stage.renderer.allocatedRenderTime = time
    stage.window.render()
    return (ids, prop.lastRenderedLOD)
  }

  static func checkLODProp(_ learner: Learner, _ report: inout Report) throws {
    let torus = makeTorus()
    let mappers = referenceMappers(torus)
    mappers.forEach { $0.update() }
    let estimates = mappers.map { modelledTime($0.input?.polygonCount ?? 0) }

    // Ids, estimates and quality levels as stored in VTK.
    let prop = LODProp3D()
    let ids = learner.addLevels(prop, mappers, estimates)
    let stored = ids.map { prop.estimatedTime(ofLOD: $0) }
    let idsOK =
      ids.count == 4 && prop.lodCount == 4 && Set(ids).count == 4
      && zip(stored, estimates).allSatisfy { abs($0 - $1) <= 1e-12 }
    // The right estimates in another order: the ids were returned out of the mappers' order.
    let reordered = !idsOK && ids.count == 4 && stored.sorted() == estimates.sorted() && stored != estimates
    report.add(
      Checks.that(
        "lod-ids", idsOK, expected: "4 LODs added with their estimates, ids returned finest first",
        got: "\(ids.count) ids, \(prop.lodCount) LODs in the prop, estimates \(stored.map(Checks.format))",
        detail: reordered
          ? "the right estimates in another order: return the ids in the order of the mappers, finest first" : nil))
    guard idsOK else { return }
    let levels = ids.map { prop.level(ofLOD: $0) }
    report.add(
      Checks.that(
        "quality-levels", zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 },
        expected: "levels rising from the finest LOD to the coarsest", got: "\(levels.map(Checks.format))"))

    // VTK's automatic selection, driven to each LOD through the renderer's time.
    let stage = try Stage(width: 320, height: 240)
    stage.renderer.resetCamera()
    for index in 0..<4 {
      let t = learner.allocatedTime(index, estimates)
      let (ids, chosen) = choose(learner, mappers: mappers, estimates: estimates, time: t, stage: stage)
      report.add(
        Checks.that(
          "selects-lod-\(index)", chosen == ids[index], expected: "VTK chooses LOD \(ids[index]) (index \(index))",
          got: "it chose \(chosen) with \(Checks.format(t)) s allocated",
          detail: "estimates \(estimates.map(Checks.format)) s"))
    }

    // The quality level decides among LODs no slower than the time-based choice: here level 1
    // was measured faster than level 2, and 6 ms fits level 2, yet VTK should draw level 1.
    let skewed = [estimates[0], 0.004, 0.005, 0.001]
    let (skewIDs, chosen) = choose(learner, mappers: mappers, estimates: skewed, time: 0.006, stage: stage)
    report.add(
      Checks.that(
        "levels-decide", chosen == skewIDs[1], expected: "LOD \(skewIDs[1]) (index 1, the finer of two that fit)",
        got: "LOD \(chosen)", detail: "estimates \(skewed.map(Checks.format)) s, 0.006 s allocated"))

    // Picking with the cheapest LOD. Render first with plenty of time: VTK then draws the finest
    // LOD, and automatic pick selection would pick with the LOD being drawn.
    stage.renderer.add(prop)
    stage.renderer.allocatedRenderTime = 1
    stage.window.render()
    stage.renderer.remove(prop)
    learner.configurePicking(prop, ids)
    report.add(Checks.exact("pick-lod", expected: ids[3], got: prop.pickLOD))
  }
}
