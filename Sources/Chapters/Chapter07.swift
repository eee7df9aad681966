import Foundation
import VTK
import WorkbookKit

/// Chapter 07, occlusion culling with a CPU hierarchical z-buffer. VTK 9.1 has no occlusion
/// culler for props, so the whole technique is ours; VTK draws the result in the demo.
public enum Chapter07 {
  public static let name = "07-occlusion-culling"

  /// The learner's three functions.
  public struct Learner {
    /// The screen rectangle and nearest depth of a box (viewProjection, width, height).
    public var screenRect: (AABB, Matrix4, Int, Int) -> ScreenRect
    /// The max-depth pyramid of a depth buffer, level 0 (the buffer itself) first.
    public var buildPyramid: (DepthBuffer) -> [DepthBuffer]
    /// Whether a rectangle is certainly hidden, using the pyramid.
    public var isOccluded: (ScreenRect, [DepthBuffer]) -> Bool

    public init(screenRect: @escaping (AABB, Matrix4, Int, Int) -> ScreenRect,
                buildPyramid: @escaping (DepthBuffer) -> [DepthBuffer],
                isOccluded: @escaping (ScreenRect, [DepthBuffer]) -> Bool) {
      self.screenRect = screenRect
      self.buildPyramid = buildPyramid
      self.isOccluded = isOccluded
    }
  }

  /// The fraction of the reference's culled objects the learner's test must cull too.
  static let requiredFraction = 0.75

  // MARK: - The scene: a city seen from street level

  /// Occlusion buffer size, also the size VTK renders at in the demo, so "full resolution" is
  /// the resolution of the picture.
  static let width = 640, height = 480

  /// What the chapter culls: buildings and small objects, the camera, and which buildings were
  /// chosen as occluders.
  public struct Scene {
    public var buildings: [AABB]
    public var props: [AABB]
    public var camera: PerspectiveCamera
    public var viewProjection: Matrix4
    /// Indices into `buildings` of the occluders drawn into the depth buffer.
    public var occluders: [Int]
    /// Everything else inside the frustum (buildings first, then props), the objects to test.
    public var occludees: [AABB]
    public var occludeeIsBuilding: [Bool]
    /// Objects left out by frustum culling before the occlusion test.
    public var frustumCulled: Int

    public var allObjects: [AABB] { buildings + props }
  }

  /// A 12 × 12 grid of buildings on 10-unit blocks with random footprints and heights, 6000
  /// small objects scattered over the ground (some inside buildings), and a few right at the
  /// camera, across the near plane. The camera stands in a street, looking down it.
  public static func makeScene(occluderCount: Int = 24, seed: UInt64 = 7) -> Scene {
    var rng = SeededRandom(seed: seed)
    var buildings: [AABB] = []
    for i in 0..<12 {
      for j in 0..<12 {
        let c = SIMD3(Double(i) * 10 - 55, 0, Double(j) * 10 - 55)
        let hx = rng.uniform(3...4.5), hz = rng.uniform(3...4.5), h = rng.uniform(4...25)
        buildings.append(AABB(min: SIMD3(c.x - hx, 0, c.z - hz), max: SIMD3(c.x + hx, h, c.z + hz)))
      }
    }
    var props: [AABB] = (0..<6000).map { _ in
      let x = rng.uniform(-62...62), z = rng.uniform(-62...62), s = rng.uniform(0.2...0.8)
      return AABB(min: SIMD3(x - s, 0, z - s), max: SIMD3(x + s, 2 * s, z + s))
    }
    let camera = PerspectiveCamera(position: SIMD3(-62, 2, -40.2), focalPoint: SIMD3(60, 4, -29), viewAngle: 50,
                                   near: 0.3, far: 200)
    // Three small objects straddling the near plane near the bottom corners of the view.
    let d = camera.direction, right = d.cross(camera.viewUp).normalized, up = right.cross(d)
    for (side, h) in [(-0.17, 0.02), (0.16, 0.03), (0.12, 0.015)] {
      let c = camera.position + d * camera.near + right * side - up * 0.11
      props.append(AABB(center: c, halfExtent: SIMD3(repeating: h)))
    }

    let vp = camera.viewProjection(aspect: Double(width) / Double(height))
    let frustum = Frustum(viewProjection: vp)
    let rasterizer = DepthRasterizer(viewProjection: vp, width: width, height: height)
    // Occluders: buildings in view and in front of the near plane, biggest on screen first
    // (radius over depth is the size of the projected bounding sphere).
    let candidates = buildings.indices.filter {
      frustum.classify(buildings[$0]) != .outside && rasterizer.windowCorners(buildings[$0]) != nil
    }
    let ranked = candidates.sorted { a, b in
      let sa = buildings[a].boundingSphere, sb = buildings[b].boundingSphere
      return sa.radius / max(camera.depth(of: sa.center), 1e-9) > sb.radius / max(camera.depth(of: sb.center), 1e-9)
    }
    let occluders = Array(ranked.prefix(occluderCount))
    let chosen = Set(occluders)
    var occludees: [AABB] = [], isBuilding: [Bool] = [], culled = 0
    for (k, b) in (buildings + props).enumerated() where !(k < buildings.count && chosen.contains(k)) {
      if frustum.classify(b) == .outside {
        culled += 1
      } else {
        occludees.append(b)
        isBuilding.append(k < buildings.count)
      }
    }
    return Scene(buildings: buildings, props: props, camera: camera, viewProjection: vp, occluders: occluders,
                 occludees: occludees, occludeeIsBuilding: isBuilding, frustumCulled: culled)
  }

  /// The occluders' depth buffer.
  static func occluderDepth(_ scene: Scene) -> DepthBuffer {
    var depth = DepthBuffer(width: width, height: height)
    let r = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
    for i in scene.occluders { r.draw(scene.buildings[i], into: &depth) }
    return depth
  }

  // MARK: - Checks

  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      let scene = makeScene()
      let depth = occluderDepth(scene)
      let rasterizer = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
      let objects = scene.occludees

      // 1. Rectangles: contain every pixel the object covers, nearest depth no farther than its nearest pixel.
      let rects = objects.map { learner.screenRect($0, scene.viewProjection, width, height) }
      report.add(checkRects(rects, footprints: objects.map(rasterizer.footprint)))

      // 2. The pyramid, level by level, against the reference.
      let pyramid = learner.buildPyramid(depth)
      report.add(checkPyramid(pyramid, expected: HiZ.pyramid(depth)))

      // 3, 4. The learner's whole test against the exact per-pixel one.
      let visible = objects.map { rasterizer.isVisible($0, in: depth) }
      let culled = rects.map { learner.isOccluded($0, pyramid) }
      let wrongly = objects.indices.filter { culled[$0] && visible[$0] }
      report.add(Checks.that("never-culls-visible", wrongly.isEmpty,
                             expected: "no object culled that the full-resolution depth test sees",
                             got: wrongly.isEmpty ? "none" : "\(wrongly.count) visible objects culled",
                             detail: wrongly.isEmpty ? nil : "occludee indices \(wrongly.prefix(8).map(String.init).joined(separator: ", "))"))
      let referenceCulled = visible.filter { !$0 }.count
      let agreed = objects.indices.filter { culled[$0] && !visible[$0] }.count
      let fraction = referenceCulled == 0 ? 1 : Double(agreed) / Double(referenceCulled)
      report.add(Checks.atLeast("culls-enough", requiredFraction, got: fraction,
                                detail: "\(agreed) of the \(referenceCulled) objects the full-resolution test culls"))
      report.metric("occludees", Double(objects.count), unit: "objects")
      report.metric("culled-full-resolution", Double(referenceCulled), unit: "objects")
      report.metric("culled-yours", Double(culled.filter { $0 }.count), unit: "objects")

      // 5. Speed of the tests: the pyramid is built once per frame and shared by every test, so
      // the tests are timed on their own (the benchmark reports the build too).
      let referenceRects = objects.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) }
      let speed = Benchmark.compare(runs: 11, warmup: 2, candidate: {
        for r in referenceRects { _ = learner.isOccluded(r, pyramid) }
      }, baseline: {
        for r in referenceRects { _ = HiZ.isOccludedFullResolution(r, in: depth) }
      })
      report.add(Checks.faster("hzb-faster", comparison: speed, atLeast: 2, noiseMargin: 0.15))
      report.metric("hzb-speedup-vs-full-resolution", speed.speedup, unit: "x")
    }
  }

  static func checkRects(_ rects: [ScreenRect], footprints: [ScreenRect]) -> CheckResult {
    for (k, (r, f)) in zip(rects, footprints).enumerated() {
      var problem: String? = nil
      if f.crossesNear {
        if !r.crossesNear { problem = "it reaches behind the near plane, so it must be marked crossesNear (never culled)" }
      } else if r.crossesNear {
        problem = "it is entirely in front of the near plane but was marked crossesNear"
      } else if !f.isEmpty {
        if r.x0 > f.x0 || r.x1 < f.x1 || r.y0 > f.y0 || r.y1 < f.y1 {
          problem = "it covers pixels x \(f.x0)...\(f.x1), y \(f.y0)...\(f.y1), outside your rectangle x \(r.x0)...\(r.x1), y \(r.y0)...\(r.y1)"
        } else if r.minDepth > f.minDepth {
          problem = "its nearest pixel has depth \(f.minDepth), nearer than your minDepth \(r.minDepth)"
        }
      }
      if let problem {
        return Checks.that("screen-rects-cover", false, expected: "every rectangle contains the object's pixels and nearest depth",
                           got: "object \(k) of \(rects.count): \(problem)")
      }
    }
    return Checks.that("screen-rects-cover", true, expected: "every rectangle contains the object's pixels and nearest depth",
                       got: "all \(rects.count) do")
  }

  static func checkPyramid(_ got: [DepthBuffer], expected: [DepthBuffer]) -> CheckResult {
    guard got.count == expected.count else {
      return Checks.that("pyramid-max", false, expected: "\(expected.count) levels down to 1×1",
                         got: "\(got.count) levels")
    }
    for (l, (g, e)) in zip(got, expected).enumerated() {
      guard g.width == e.width, g.height == e.height else {
        return Checks.that("pyramid-max", false, expected: "level \(l) of \(e.width)×\(e.height)", got: "\(g.width)×\(g.height)")
      }
      if let i = g.values.indices.first(where: { g.values[$0] != e.values[$0] }) {
        return Checks.that("pyramid-max", false, expected: "level \(l) texel (\(i % e.width), \(i / e.width)) = \(e.values[i])",
                           got: "\(g.values[i])", detail: "each texel is the largest of the (up to) four below it")
      }
    }
    return Checks.that("pyramid-max", true, expected: "the reference pyramid", got: "all \(got.count) levels equal")
  }
}
