import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

/// Random triangles in window coordinates of a `width` × `height` screen, some reaching off
/// it, with depths in [0.05, 0.95]; the same for a seed on every machine.
func randomTriangles(_ count: Int, width: Int, height: Int, seed: UInt64) -> [ScreenTriangle] {
  var rng = SeededRandom(seed: seed)
  var out: [ScreenTriangle] = []
  while out.count < count {
    let centre = SIMD2(rng.uniform(-10...Double(width) + 10), rng.uniform(-10...Double(height) + 10))
    let size = rng.uniform(0.5...Double(width) / 2)
    let v = (0..<3).map { _ in
      SIMD3(centre.x + size * rng.uniform(-1...1), centre.y + size * rng.uniform(-1...1), rng.uniform(0.05...0.95))
    }
    if let t = ScreenTriangle(v[0], v[1], v[2]) { out.append(t) }
  }
  return out
}

/// The same triangle in the texels of a buffer 2^shift times smaller: x and y divided, z kept.
func scaled(_ t: ScreenTriangle, shift: Int) -> ScreenTriangle {
  let s = SIMD3(1 / Double(1 << shift), 1 / Double(1 << shift), 1)
  return ScreenTriangle(t.a * s, t.b * s, t.c * s)!
}

@Suite struct ConservativeRasterizerTests {
  @Test func triangleSmallerThanATexelCoversNothing() {
    var small = DepthImage(width: 8, height: 8)
    // Inside texel (2, 3), and one spanning a texel corner without containing any whole texel.
    for t in [
      ScreenTriangle(SIMD3(2.1, 3.1, 0.5), SIMD3(2.9, 3.1, 0.5), SIMD3(2.1, 3.9, 0.5))!,
      ScreenTriangle(SIMD3(4.5, 4.5, 0.5), SIMD3(5.5, 4.5, 0.5), SIMD3(4.5, 5.5, 0.5))!,
    ] {
      ConservativeRasterizer.fill(t, into: &small)
      for y in 0..<8 { for x in 0..<8 { #expect(t.conservativeTexelDepth(x, y) == nil) } }
      // At full resolution (4 pixels a texel) the same triangle does cover pixel centres.
      var full = DepthImage(width: 32, height: 32)
      DepthRasterizer.fill(
        ScreenTriangle(t.a * SIMD3(4, 4, 1), t.b * SIMD3(4, 4, 1), t.c * SIMD3(4, 4, 1))!, into: &full)
      #expect(full.values.contains { $0 < 1 })
    }
    #expect(small.values.allSatisfy { $0 == 1 })
  }

  @Test func texelsAnEdgeCrossesStayEmpty() {
    // x + y ≤ 8: texel (i, j) is whole inside exactly when its far corner is, i + j ≤ 6.
    let t = ScreenTriangle(SIMD3(0, 0, 0.25), SIMD3(8, 0, 0.25), SIMD3(0, 8, 0.25))!
    var small = DepthImage(width: 8, height: 8)
    ConservativeRasterizer.fill(t, into: &small)
    for y in 0..<8 {
      for x in 0..<8 {
        let inside = x + y <= 6
        #expect((small[x, y] < 1) == inside, "texel (\(x), \(y))")
        #expect((t.conservativeTexelDepth(x, y) != nil) == inside)
        if inside { #expect(small[x, y] == ConservativeRasterizer.storable(0.25)) }
      }
    }
    // Texel (3, 4) is more than half covered, and its centre is inside: still not claimed.
    #expect(t.contains(3.5, 4.5) && small[3, 4] == 1)
  }

  @Test func writesTheFarthestCornerDepth() {
    // Depth grows with x: 0.2 at x = 0, 0.6 at x = 8. Texel (2, 1) spans x 2...3: claims 0.35.
    let t = ScreenTriangle(SIMD3(0, 0, 0.2), SIMD3(8, 0, 0.6), SIMD3(0, 8, 0.2))!
    #expect(abs(t.depth(3, 1) - 0.35) < 1e-12)
    #expect(abs(t.conservativeTexelDepth(2, 1)! - 0.35) < 1e-12)
    var small = DepthImage(width: 8, height: 8)
    ConservativeRasterizer.fill(t, into: &small)
    #expect(small[2, 1] >= Float(0.35) && small[2, 1] - Float(0.35) < 1e-6)
    // A nearer triangle over the same texel wins; a farther one does not.
    ConservativeRasterizer.fill(ScreenTriangle(SIMD3(0, 0, 0.1), SIMD3(8, 0, 0.1), SIMD3(0, 8, 0.1))!, into: &small)
    ConservativeRasterizer.fill(ScreenTriangle(SIMD3(0, 0, 0.9), SIMD3(8, 0, 0.9), SIMD3(0, 8, 0.9))!, into: &small)
    #expect(small[2, 1] == ConservativeRasterizer.storable(0.1))
  }

  @Test func storableIsNeverNearer() {
    var rng = SeededRandom(seed: 12)
    for _ in 0..<20000 {
      let z = rng.uniform(0...1)
      #expect(Double(ConservativeRasterizer.storable(z)) >= z)
      // Halfway between two Floats, where rounding to the nearest could go either way.
      let f = Float(z)
      let mid = (Double(f) + Double(f.nextUp)) / 2
      if mid <= 1 { #expect(Double(ConservativeRasterizer.storable(mid)) >= mid) }
    }
    #expect(ConservativeRasterizer.storable(1) == 1)
  }

  /// The property the chapter rests on, on random overlapping triangles: the small buffer's
  /// texel is never nearer than any full-resolution pixel inside it.
  @Test(arguments: [(1, 64, 48), (2, 160, 120), (3, 150, 100)])
  func neverNearerThanTheFullResolutionPixels(shift: Int, width: Int, height: Int) {
    var full = DepthImage(width: width, height: height)
    let smallWidth = (width + (1 << shift) - 1) >> shift
    let smallHeight = (height + (1 << shift) - 1) >> shift
    var small = DepthImage(width: smallWidth, height: smallHeight)
    for t in randomTriangles(300, width: width, height: height, seed: UInt64(40 + shift)) {
      DepthRasterizer.fill(t, into: &full)
      ConservativeRasterizer.fill(scaled(t, shift: shift), into: &small)
    }
    var nearer = 0
    for y in 0..<height { for x in 0..<width where small[x >> shift, y >> shift] < full[x, y] { nearer += 1 } }
    #expect(nearer == 0)
    // ... and it is not empty: the test would pass trivially on a buffer left at 1.
    #expect(small.values.filter { $0 < 1 }.count > smallWidth * smallHeight / 4)
  }

  @Test func fastFillMatchesTheTexelRule() {
    for t in randomTriangles(200, width: 40, height: 30, seed: 5) {
      var fast = DepthImage(width: 40, height: 30)
      ConservativeRasterizer.fill(t, into: &fast)
      for y in 0..<30 {
        for x in 0..<40 {
          let rule = t.conservativeTexelDepth(x, y)
          #expect((fast[x, y] < 1) == (rule.map { $0 < 1 } ?? false), "texel (\(x), \(y))")
          if let z = rule { #expect(abs(Double(fast[x, y]) - z) < 2e-7) }
        }
      }
    }
  }

  @Test func sizesRoundUpAndPyramidTestsStayConservative() {
    let camera = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 60, near: 0.5, far: 100)
    let vp = camera.viewProjection(aspect: 161.0 / 121.0)
    let r = ConservativeRasterizer(viewProjection: vp, screenWidth: 161, screenHeight: 121, pixelShift: 2)
    #expect([r.width, r.height] == [41, 31])
    var rng = SeededRandom(seed: 9)
    var small = r.makeBuffer()
    var full = DepthImage(width: 161, height: 121)
    for _ in 0..<8 {
      let box = AABB(
        center: SIMD3(rng.uniform(-6...6), rng.uniform(-4...4), rng.uniform(-15 ... -6)),
        halfExtent: SIMD3(rng.uniform(0.5...3), rng.uniform(0.5...3), 0.3))
      #expect(r.draw(box, into: &small) == r.screen.draw(box, into: &full))
    }
    let hiz = HiZ(small, pixelShift: 2)
    var culled = 0
    for _ in 0..<2000 {
      let b = AABB(
        center: SIMD3(rng.uniform(-12...12), rng.uniform(-9...9), rng.uniform(-30 ... -1)),
        halfExtent: SIMD3(repeating: rng.uniform(0.05...0.8)))
      let rect = ScreenRect.of(b, viewProjection: vp, width: 161, height: 121)
      if hiz.isOccluded(rect) {
        culled += 1
        #expect(!r.screen.isVisible(b, in: full))
        #expect(HiZ.isOccludedTexelByTexel(rect, in: small, pixelShift: 2))  // the pyramid never beats level 0
      }
    }
    #expect(culled > 100)
  }

  @Test func backFacesChangeNothing() {
    let camera = PerspectiveCamera(position: SIMD3(3, 4, 5), focalPoint: .zero, viewAngle: 50, near: 0.5, far: 50)
    let vp = camera.viewProjection(aspect: 4.0 / 3.0)
    let r = DepthRasterizer(viewProjection: vp, width: 64, height: 48)
    let box = AABB(min: SIMD3(-1, -1, -1), max: SIMD3(1, 1.5, 1))
    // Seen from a corner: three faces, six triangles.
    #expect(r.frontTriangles(box)?.count == 6)
    var front = DepthImage(width: 64, height: 48)
    var all = DepthImage(width: 64, height: 48)
    r.draw(box, into: &front)
    let v = r.windowCorners(box)!
    for (i, j, k) in DepthRasterizer.boxTriangles {
      if let t = ScreenTriangle(v[i], v[j], v[k]) { DepthRasterizer.fill(t, into: &all) }
    }
    #expect(front == all)
    #expect(front.values.contains { $0 < 1 })
  }

  @Test func screenTriangleBasics() {
    let t = ScreenTriangle(SIMD3(0, 0, 0.5), SIMD3(8, 0, 0.5), SIMD3(0, 8, 0.9))!
    #expect(t.contains(1, 1) && t.contains(4, 4) && !t.contains(4.1, 4))
    #expect(abs(t.depth(1, 1) - 0.55) < 1e-12)
    #expect(abs(t.conservativeTexelDepth(1, 1)! - 0.6) < 1e-12)
    #expect(t.conservativeTexelDepth(7, 0) == nil)
    #expect(t.signedArea > 0)
    // Clockwise: the same triangle, the same answers, negative area.
    let cw = ScreenTriangle(SIMD3(0, 0, 0.5), SIMD3(0, 8, 0.9), SIMD3(8, 0, 0.5))!
    #expect(cw.signedArea < 0 && cw.contains(1, 1) && abs(cw.conservativeTexelDepth(1, 1)! - 0.6) < 1e-12)
    // No area: nil.
    #expect(ScreenTriangle(SIMD3(0, 0, 0), SIMD3(1, 1, 0), SIMD3(2, 2, 0)) == nil)
  }
}
