import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

/// A camera at the origin looking down -z, near 1, far 10, 90° so the side planes are at 45°.
let testCamera = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 90, near: 1, far: 10)
let testFrustum = Frustum(viewProjection: testCamera.viewProjection(aspect: 1))

func box(_ c: SIMD3<Double>, _ h: Double) -> AABB { AABB(center: c, halfExtent: SIMD3(repeating: h)) }

@Suite struct FrustumTests {
  @Test func planesAreUnitInwardAndInVTKOrder() {
    let f = testFrustum
    for p in f.planes { #expect(abs(p.normal.length - 1) < 1e-12) }
    // Near is plane 4 (z = -1, normal toward -z), far is plane 5 (z = -10, normal toward +z).
    #expect(abs(f.planes[4].normal.z + 1) < 1e-12 && abs(f.planes[4].d + 1) < 1e-12)
    #expect(abs(f.planes[5].normal.z - 1) < 1e-12 && abs(f.planes[5].d - 10) < 1e-12)
    #expect(f.planes[0].normal.x > 0 && f.planes[1].normal.x < 0)  // left faces +x, right faces -x
    #expect(f.planes[2].normal.y > 0 && f.planes[3].normal.y < 0)
    // A point in the middle of the view is inside every plane.
    for p in f.planes { #expect(p.signedDistance(to: SIMD3(0, 0, -5)) > 0) }
  }

  @Test func boxClassesInsideIntersectingOutside() {
    #expect(testFrustum.classify(box(SIMD3(0, 0, -5), 0.5)) == .inside)
    #expect(testFrustum.classify(box(SIMD3(0, 0, -10), 0.5)) == .intersecting)  // straddles the far plane
    #expect(testFrustum.classify(box(SIMD3(20, 0, -5), 0.5)) == .outside)
  }

  @Test func boxTouchingAPlaneIsKept() {
    // The near plane is z = -1. A box whose max z is exactly -1 touches it from inside...
    let touchingInside = AABB(min: SIMD3(-0.1, -0.1, -2), max: SIMD3(0.1, 0.1, -1))
    #expect(Frustum.classify(touchingInside, against: testFrustum.planes[4]) == .inside)
    // ...and one whose min z is exactly -1 touches it from outside: intersecting, not culled.
    let touchingOutside = AABB(min: SIMD3(-0.1, -0.1, -1), max: SIMD3(0.1, 0.1, 0))
    #expect(Frustum.classify(touchingOutside, against: testFrustum.planes[4]) == .intersecting)
    #expect(testFrustum.classify(touchingOutside) != .outside)
    // Just beyond it, culled.
    let beyond = AABB(min: SIMD3(-0.1, -0.1, -0.999), max: SIMD3(0.1, 0.1, 0))
    #expect(testFrustum.classify(beyond) == .outside)
  }

  @Test func objectsBehindTheCameraAreCulled() {
    // In line with the view direction but behind the eye: only the near plane rejects it
    // (the side planes meet at the eye and open up behind it).
    let behind = box(SIMD3(0, 0, 5), 0.5)
    #expect(testFrustum.classify(behind) == .outside)
    #expect(testFrustum.classify(behind.boundingSphere) == .outside)
    // A sphere around the eye itself reaches past the near plane: kept.
    #expect(testFrustum.classify(Sphere(center: .zero, radius: 2)) == .intersecting)
  }

  @Test func theBoxTestIsTighterThanTheSphereTest() {
    // A cube 0.03 in front of the near plane (z = -1): the box is outside, but its bounding
    // sphere (radius 0.1·√3) reaches through the plane.
    let corner = box(SIMD3(0, 0, -0.87), 0.1)
    #expect(testFrustum.classify(corner) == .outside)
    #expect(testFrustum.classify(corner.boundingSphere) != .outside)
    var rng = SeededRandom(seed: 1)
    let boxes = (0..<5000).map { _ in
      box(SIMD3(rng.uniform(-12...12), rng.uniform(-12...12), rng.uniform(-14...2)), rng.uniform(0.01...1))
    }
    let byBox = Set(BruteForceCuller.visibleBoxes(boxes, testFrustum))
    let bySphere = Set(BruteForceCuller.visibleSpheres(boxes, testFrustum))
    #expect(byBox.isSubset(of: bySphere) && byBox.count < bySphere.count && !byBox.isEmpty)
  }

  @Test func degenerateFrustumsGiveNoNaNAndCullConsistently() {
    // A zero view angle squeezes the frustum onto the view axis: left and right planes
    // coincide with opposite normals. Only boxes across the axis survive.
    let needle = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 1e-9, near: 1, far: 10)
    let f = Frustum(viewProjection: needle.viewProjection(aspect: 1))
    #expect(f.planes.allSatisfy { !$0.d.isNaN && !$0.normal.x.isNaN })
    #expect(f.classify(box(SIMD3(0, 0, -5), 0.1)) == .intersecting)
    #expect(f.classify(box(SIMD3(0.5, 0, -5), 0.1)) == .outside)
    // A plane with a zero normal keeps everything (d ≥ 0) or nothing (d < 0).
    var planes = testFrustum.planes
    planes[5] = Plane(normal: .zero, d: -1)
    #expect(Frustum(planes: planes).classify(box(SIMD3(0, 0, -5), 0.1)) == .outside)
    planes[5] = Plane(normal: .zero, d: 0)
    #expect(Frustum(planes: planes).classify(box(SIMD3(0, 0, -5), 0.1)) == .inside)
  }

  @Test func countingTestsStopsAtTheFirstRejectingPlane() {
    var tests = 0
    // Outside the left plane (plane 0): one test.
    #expect(!testFrustum.isVisible(box(SIMD3(-50, 0, -5), 0.5), tests: &tests))
    #expect(tests == 1)
    tests = 0
    #expect(testFrustum.isVisible(box(SIMD3(0, 0, -5), 0.5), tests: &tests))
    #expect(tests == 6)
  }
}
