import Foundation
import Testing
import WorkbookKit

@Suite struct MathTests {
  @Test func matrixProductAppliesTheRightFactorFirst() {
    let translate = Matrix4(rows: SIMD4(1, 0, 0, 5), SIMD4(0, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1))
    let scale = Matrix4(rows: SIMD4(2, 0, 0, 0), SIMD4(0, 2, 0, 0), SIMD4(0, 0, 2, 0), SIMD4(0, 0, 0, 1))
    // (translate * scale) scales first: x = 1 -> 2 -> 7. The other order gives 12.
    #expect((translate * scale).transform(point: SIMD3(1, 0, 0)).x == 7)
    #expect((scale * translate).transform(point: SIMD3(1, 0, 0)).x == 12)
    #expect(Matrix4.identity * translate == translate)
    #expect(translate.transposed.transposed == translate)
    #expect(Matrix4(rowMajor: translate.rowMajor) == translate)
  }

  @Test func viewMatrixPutsTheCameraAtTheOriginLookingDownMinusZ() {
    let cam = PerspectiveCamera(position: SIMD3(3, 4, 5), focalPoint: SIMD3(3, 4, -5), near: 1, far: 20)
    let v = cam.viewMatrix()
    let eye = v.transform(point: cam.position)
    #expect(abs(eye.x) < 1e-12 && abs(eye.y) < 1e-12 && abs(eye.z) < 1e-12)
    let focal = v.transform(point: cam.focalPoint)
    #expect(abs(focal.z + 10) < 1e-12)
    #expect(abs(cam.depth(of: cam.focalPoint) - 10) < 1e-12)
    #expect(cam.depth(of: SIMD3(3, 4, 6)) < 0)  // behind the camera
  }

  @Test func projectionMapsNearAndFarToTheRequestedDepths() {
    let cam = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 60, near: 2, far: 50)
    for (nz, fz) in [(-1.0, 1.0), (0.0, 1.0)] {
      let m = cam.viewProjection(aspect: 1.5, nearZ: nz, farZ: fz)
      let n = m.transform(point: SIMD3(0, 0, -2))
      let f = m.transform(point: SIMD3(0, 0, -50))
      #expect(abs(n.z / n.w - nz) < 1e-12)
      #expect(abs(f.z / f.w - fz) < 1e-12)
    }
    // The top edge of the view at distance d is at y = d·tan(30°).
    let m = cam.viewProjection(aspect: 1.5)
    let top = m.transform(point: SIMD3(0, 10 * (30.0 * .pi / 180).sinOverCos, -10))
    #expect(abs(top.y / top.w - 1) < 1e-12)
  }

  @Test func pixelsPerUnitFollowsTheViewAngle() {
    let cam = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 90)
    #expect(abs(cam.pixelsPerUnit(viewportHeight: 600) - 300) < 1e-9)
  }

  @Test func planeNormalisationAndDegeneratePlanes() {
    let p = Plane(normal: SIMD3(0, 3, 4), d: 10).normalized
    #expect(abs(p.normal.length - 1) < 1e-15 && abs(p.d - 2) < 1e-15)
    #expect(p.signedDistance(to: SIMD3(0, 0, 0)) == 2)
    // A zero normal cannot be normalised; it stays as it is instead of turning into NaN.
    let flat = Plane(normal: .zero, d: -1).normalized
    #expect(flat == Plane(normal: .zero, d: -1))
  }

  @Test func boxesUnionAndEnclose() {
    let a = AABB(min: SIMD3(0, 0, 0), max: SIMD3(1, 1, 1))
    let b = AABB(min: SIMD3(-1, 2, 0), max: SIMD3(0, 3, 0.5))
    #expect(a.union(b) == AABB(min: SIMD3(-1, 0, 0), max: SIMD3(1, 3, 1)))
    #expect(AABB.empty.isEmpty && AABB.empty.union(a) == a)
    #expect(AABB(enclosing: a.corners) == a)
    #expect(abs(a.boundingSphere.radius - 3.0.squareRoot() / 2) < 1e-15)
  }

  @Test func seededRandomIsRepeatableAndInRange() {
    var r1 = SeededRandom(seed: 42)
    var r2 = SeededRandom(seed: 42)
    var r3 = SeededRandom(seed: 43)
    let a = (0..<100).map { _ in r1.uniform(-2...3) }
    #expect(a == (0..<100).map { _ in r2.uniform(-2...3) })
    #expect(a != (0..<100).map { _ in r3.uniform(-2...3) })
    #expect(a.allSatisfy { (-2...3).contains($0) })
  }
}

extension Double {
  var sinOverCos: Double { sin(self) / cos(self) }
}
