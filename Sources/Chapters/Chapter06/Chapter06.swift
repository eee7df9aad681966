import Foundation
import VTK
import WorkbookContract
import WorkbookKit

/// Chapter 06, frustum culling in Swift: planes from the view-projection matrix, sphere and box
/// tests, SIMD batches over a structure of arrays, and a hierarchy with plane masking.
public enum Chapter06 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "06-frustum-culling"

  /// The learner's five functions.
  public struct Learner {
    /// The six frustum planes (left, right, bottom, top, near, far; unit normals pointing in)
    /// from a world → clip matrix.
    public var planes: (Matrix4) -> [Plane]
    /// Whether a sphere is not outside the planes.
    public var sphereVisible: (Sphere, [Plane]) -> Bool
    /// A box's place relative to the planes: inside, intersecting or outside.
    public var classifyBox: (AABB, [Plane]) -> Containment
    /// Ids (`batch.ids` of the positions kept) of the boxes of a batch that are not outside the
    /// planes (a, b, c, d as Float).
    public var cullBatch: (BoxBatch, [SIMD4<Float>]) -> [Int32]
    /// Ids of the objects of a hierarchy that are not outside, testing boxes only through the
    /// `PlaneTester`, which counts the plane tests.
    public var cullHierarchy: (BVH, PlaneTester) -> [Int]

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      planes: @escaping (Matrix4) -> [Plane], sphereVisible: @escaping (Sphere, [Plane]) -> Bool,
      classifyBox: @escaping (AABB, [Plane]) -> Containment,
      cullBatch: @escaping (BoxBatch, [SIMD4<Float>]) -> [Int32],
      cullHierarchy: @escaping (BVH, PlaneTester) -> [Int]
    ) {
      self.planes = planes
      self.sphereVisible = sphereVisible
      self.classifyBox = classifyBox
      self.cullBatch = cullBatch
      self.cullHierarchy = cullHierarchy
    }
  }

  // MARK: - The scene

  /// Window size of every VTK stage in this chapter (aspect 4:3).
  static let width = 400, height = 300
  static var aspect: Double { Double(width) / Double(height) }

  /// `count` boxes with centres uniform in [-100, 100]³ and half-sizes in [0.05, 1.5] per axis,
  /// the same for a given seed on every machine.
  public static func makeBoxes(count: Int, seed: UInt64 = 6) -> [AABB] {
    var rng = SeededRandom(seed: seed)
    return (0..<count).map { _ in
      let c = SIMD3(rng.uniform(-100...100), rng.uniform(-100...100), rng.uniform(-100...100))
      let h = SIMD3(rng.uniform(0.05...1.5), rng.uniform(0.05...1.5), rng.uniform(0.05...1.5))
      return AABB(center: c, halfExtent: h)
    }
  }

  /// The camera every culling check and benchmark uses: inside the cloud of boxes, looking
  /// across it, so that all six planes (near and far included) cut through boxes.
  public static let sceneCamera = PerspectiveCamera(
    position: SIMD3(20, 15, 70), focalPoint: SIMD3(-10, -5, 0),
    viewUp: SIMD3(0.1, 1, 0), viewAngle: 40, near: 2, far: 140)

  /// Cameras for the plane check: the scene camera, a wide and a narrow one, one looking
  /// straight down, one with a tiny near plane.
  static let planeCameras: [(PerspectiveCamera, Double)] = [
    (sceneCamera, aspect),
    (PerspectiveCamera(position: SIMD3(0, 0, 5), focalPoint: .zero, viewAngle: 90, near: 0.5, far: 50), 2.0),
    (
      PerspectiveCamera(
        position: SIMD3(-3, 7, 2), focalPoint: SIMD3(1, 1, -4), viewUp: SIMD3(0, 0, 1), viewAngle: 12,
        near: 3, far: 30), 0.75
    ),
    (
      PerspectiveCamera(
        position: SIMD3(0, 40, 0), focalPoint: .zero, viewUp: SIMD3(0, 0, -1), viewAngle: 30, near: 1,
        far: 100), 1.0
    ),
    (
      PerspectiveCamera(position: SIMD3(5, 5, 5), focalPoint: SIMD3(4, 4.5, 3), viewAngle: 60, near: 0.001, far: 5000),
      16.0 / 9.0
    ),
  ]

  /// Gives VTK's camera the same parameters.
  static func apply(_ c: PerspectiveCamera, to camera: Camera) { camera.configure(from: c) }

  /// One VTK actor per box (a `vtkCubeSource` each), with *static* mappers: the sources are
  /// updated once here, so `GetBounds` during culling does not run the pipeline.
  static func addActors(for boxes: [AABB], to renderer: Renderer) -> [Actor] {
    boxes.map { b in
      let cube = CubeSource(size: b.size, center: b.center)
      cube.update()
      let mapper = PolyDataMapper(input: cube)
      mapper.setStatic(true)
      let actor = Actor(mapper: mapper)
      renderer.add(actor)
      return actor
    }
  }

  /// The reference planes: VTK's own `GetFrustumPlanes` for the scene camera.
  static func vtkFrustum(_ stage: Stage, _ c: PerspectiveCamera = sceneCamera) -> Frustum {
    let camera = stage.renderer.activeCamera
    apply(c, to: camera)
    return Frustum(planes: camera.frustumPlanes(aspect: stage.aspect).map(Plane.init))
  }

  // MARK: - Checks

  /// Checks the learner's functions.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      let stage = try Stage(width: width, height: height)
      report.add(checkPlanes(learner, camera: stage.renderer.activeCamera))
      let frustum = vtkFrustum(stage)
      report.add(checkSphereAgainstVTK(learner, stage: stage, frustum: frustum))

      let boxes = makeBoxes(count: 200_000)
      let classes = BruteForceCuller.classes(boxes, frustum)
      let learnerClasses = boxes.map { learner.classifyBox($0, frustum.planes) }
      report.add(sameClasses(expected: classes, got: learnerClasses))
      let boxKept = Set(learnerClasses.indices.filter { learnerClasses[$0] != .outside })
      let sphereKept = Set(boxes.indices.filter { learner.sphereVisible(boxes[$0].boundingSphere, frustum.planes) })
      report.add(Checks.subset("box-within-sphere", boxKept, of: sphereKept))
      report.metric("kept-by-sphere", Double(sphereKept.count), unit: "boxes")
      report.metric("kept-by-box", Double(boxKept.count), unit: "boxes")

      let exact = classes.indices.filter { classes[$0] != .outside }
      let batch = batchForCheck(boxes)
      let floatPlanes = frustum.floatPlanes
      report.add(
        checkBatchSet(
          got: learner.cullBatch(batch, floatPlanes).map(Int.init), exact: exact.filter { $0 < batch.count },
          boxes: boxes, frustum: frustum, batchCount: batch.count))
      // The baseline loops over the same boxes in the same (Morton) order, so the speed-up is the
      // SIMD batch's own, not the spatial order's.
      let ordered = batch.ids.prefix(batch.count).map { boxes[Int($0)] }
      let speed = Benchmark.compare(
        runs: 11, warmup: 2, candidate: { Benchmark.blackHole(learner.cullBatch(batch, floatPlanes)) },
        baseline: { Benchmark.blackHole(BruteForceCuller.visibleBoxes(ordered, frustum)) })
      report.add(batchFaster(speed))
      report.metric("batch-speedup-vs-scalar-loop", speed.speedup, unit: "x")

      let bvh = BVH(boxes: boxes)
      let tester = PlaneTester(frustum.planes)
      let hierarchical = learner.cullHierarchy(bvh, tester)
      let learnerTests = tester.tests
      report.add(Checks.sameSet("bvh-same-set", expected: Set(exact), got: Set(hierarchical)))
      var flatTests = 0
      _ = BruteForceCuller.visibleBoxes(boxes, frustum, tests: &flatTests)
      var unmasked = CullStats()
      _ = bvh.cullWithoutMasking(frustum, stats: &unmasked)
      report.add(
        Checks.that(
          "bvh-fewer-tests", learnerTests > 0 && learnerTests < flatTests,
          expected: "fewer than the \(flatTests) plane tests of the flat loop (and more than 0)",
          got: "\(learnerTests) plane tests"))
      report.add(
        Checks.that(
          "bvh-plane-masking", learnerTests > 0 && learnerTests < unmasked.planeTests,
          expected: "fewer than the \(unmasked.planeTests) plane tests of the same hierarchy without plane masking",
          got: "\(learnerTests) plane tests"))
      report.metric("plane-tests-flat", Double(flatTests), unit: "tests")
      report.metric("plane-tests-hierarchy-unmasked", Double(unmasked.planeTests), unit: "tests")
      report.metric("plane-tests-hierarchy-yours", Double(learnerTests), unit: "tests")
    }
  }

  /// The learner's planes against `vtkCamera::GetFrustumPlanes` for several cameras, to 1e-9.
  static func checkPlanes(_ learner: Learner, camera: Camera) -> CheckResult {
    for (k, (c, aspect)) in planeCameras.enumerated() {
      apply(c, to: camera)
      let m = Matrix4(rowMajor: camera.compositeProjectionMatrix(aspect: aspect))
      let expected = camera.frustumPlanes(aspect: aspect).flatMap { [$0.x, $0.y, $0.z, $0.w] }
      let got = learner.planes(m).flatMap { [$0.normal.x, $0.normal.y, $0.normal.z, $0.d] }
      var r = Checks.allClose("planes-match-vtk", expected: expected, got: got, absolute: 1e-9)
      if !r.passed {
        r.detail =
          "camera \(k + 1) of \(planeCameras.count) (aspect \(Checks.format(aspect))); values are 4 per plane in the order "
          + Frustum.planeNames.joined(separator: ", ") + (r.detail.map { "; \($0)" } ?? "")
        return r
      }
    }
    return Checks.that(
      "planes-match-vtk", true, expected: "VTK's planes to 1e-9",
      got: "all 6 planes of \(planeCameras.count) cameras within 1e-9")
  }

  /// The learner's sphere test keeps exactly what `vtkFrustumCoverageCuller` keeps (with its
  /// default minimum coverage 0) on a scene of VTK actors, using VTK's own bounds.
  static func checkSphereAgainstVTK(_ learner: Learner, stage: Stage, frustum: Frustum) -> CheckResult {
    let actors = addActors(for: makeBoxes(count: 2_000, seed: 60), to: stage.renderer)
    defer { stage.renderer.removeAllProps() }
    let kept = FrustumCoverageCuller().cull(actors, in: stage.renderer).kept
    let mine = actors.indices.filter { i in
      let b = actors[i].bounds
      return learner.sphereVisible(AABB(b).boundingSphere, frustum.planes)
    }
    return Checks.sameSet("sphere-matches-vtk", expected: Set(kept), got: Set(mine))
  }

  /// Same three classes as the reference, naming the first class that differs.
  static func sameClasses(expected: [Containment], got: [Containment]) -> CheckResult {
    for c in Containment.allCases {
      let e = Set(expected.indices.filter { expected[$0] == c })
      let g = Set(got.indices.filter { got[$0] == c })
      var r = Checks.sameSet("box-classes", expected: e, got: g)
      if !r.passed {
        r.detail = "boxes classified \(c): " + (r.detail ?? "")
        return r
      }
    }
    let n = { (c: Containment) in expected.filter { $0 == c }.count }
    return Checks.that(
      "box-classes", true, expected: "the reference classes",
      got:
        "\(n(.inside)) inside, \(n(.intersecting)) intersecting, \(n(.outside)) outside, as the reference")
  }

  /// The batch's set against the exact (Double) test. `Float` rounding may flip a box lying
  /// within 1e-3 of a plane; those are forgiven (and counted), nothing else is.
  /// The batch `batch-same-set` and `batch-faster` use: all boxes but the last 3, so that the
  /// count is not a multiple of 8 or 16 and the last step holds padding lanes (which a loop
  /// reading past `count` would report, as ids that do not exist).
  static func batchForCheck(_ boxes: [AABB]) -> BoxBatch { BoxBatch(Array(boxes.dropLast(3))) }

  /// `batch-faster`, wanting 2.5× over the scalar `[AABB]` loop; far below 1× the detail names the
  /// usual causes.
  static func batchFaster(_ speed: BenchmarkComparison) -> CheckResult {
    var r = Checks.faster("batch-faster", comparison: speed, atLeast: 2.5, noiseMargin: 0.15)
    if speed.speedup < 0.8 {
      r.detail =
        (r.detail ?? "")
        + ". Slower than the scalar loop over [AABB] (the loop as shipped, which stops at the first plane that rejects a box, measures about 1×). Likely cause: a SIMD8<Float> built from an array or a slice (SIMD8<Float>(batch.minX[i..<i + 8])) goes through it element by element on every load; load straight from memory instead, inside withUnsafeBufferPointer: UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)"
    }
    return r
  }

  /// `batch-same-set`: `got` against `exact` (ids below `batchCount`, the batch's boxes),
  /// forgiving boxes within 1e-3 of a plane; ids from `batchCount` up are padding lanes.
  static func checkBatchSet(got: [Int], exact: [Int], boxes: [AABB], frustum: Frustum, batchCount: Int)
    -> CheckResult
  {
    let g = Set(got)
    let e = Set(exact)
    let differing = g.symmetricDifference(e)
    // Ids past the batch's boxes are padding lanes (see `BoxBatch`), never borderline.
    let padding = differing.filter { $0 < 0 || $0 >= batchCount }.sorted()
    if !padding.isEmpty {
      var r = Checks.sameSet("batch-same-set", expected: e, got: g)
      r.detail =
        (r.detail ?? "")
        + " (ids \(Checks.preview(padding)) name no box: they are padding lanes past batch.count = \(batchCount); report lanes below batch.count only)"
      return r
    }
    let borderline = differing.filter { i in
      frustum.planes.contains { p in abs(pVertexDistance(boxes[i], p)) <= 1e-3 }
    }
    if differing.count == borderline.count {
      return Checks.that(
        "batch-same-set", true, expected: "the exact test's \(e.count) boxes",
        got: "\(g.count) boxes; \(borderline.count) differ only within 1e-3 of a plane")
    }
    var r = Checks.sameSet("batch-same-set", expected: e, got: g)
    r.detail = (r.detail ?? "") + " (boxes within 1e-3 of a plane are forgiven: \(borderline.count))"
    return r
  }

  /// Signed distance of the box's corner farthest along the plane's normal.
  static func pVertexDistance(_ b: AABB, _ p: Plane) -> Double {
    let n = p.normal
    let v = SIMD3(n.x >= 0 ? b.max.x : b.min.x, n.y >= 0 ? b.max.y : b.min.y, n.z >= 0 ? b.max.z : b.min.z)
    return p.signedDistance(to: v)
  }
}

extension Chapter06 {
  /// The six frustum planes behind a counter: the hierarchy exercise tests boxes through it, so
  /// the number of plane tests is counted by the harness, not reported by the code it judges.
  public final class PlaneTester {
    private let planes: [Plane]
    /// Box-against-one-plane tests made so far.
    public private(set) var tests = 0

    init(_ planes: [Plane]) { self.planes = planes }

    /// Always 6: left, right, bottom, top, near, far.
    public var planeCount: Int { planes.count }

    /// Where `box` lies relative to plane `index` (see `Frustum.classify(_:against:)`); counts
    /// one test.
    public func classify(_ box: AABB, plane index: Int) -> Containment {
      tests += 1
      return Frustum.classify(box, against: planes[index])
    }
  }
}
