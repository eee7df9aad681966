import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

/// A camera at the origin looking down -z; a 64 × 48 screen.
let hizCamera = PerspectiveCamera(position: .zero, focalPoint: SIMD3(0, 0, -1), viewAngle: 60, near: 0.5, far: 100)
let hizVP = hizCamera.viewProjection(aspect: 64.0 / 48.0)
let hizRaster = DepthRasterizer(viewProjection: hizVP, width: 64, height: 48)

@Suite struct HiZTests {
  @Test func pyramidHalvesSizesRoundingUpAndKeepsTheMaximum() {
    var base = DepthImage(width: 5, height: 3, clearedTo: 0)
    for y in 0..<3 { for x in 0..<5 { base[x, y] = Float(y * 5 + x) / 20 } }
    let levels = HiZ.pyramid(base)
    #expect(levels.map { [$0.width, $0.height] } == [[5, 3], [3, 2], [2, 1], [1, 1]])
    // Level 1 texel (2, 0) covers only column 4 of rows 0 and 1 (the edge is odd).
    #expect(levels[1][2, 0] == base[4, 1])
    #expect(levels[1][0, 1] == base[1, 2])
    #expect(levels.last![0, 0] == base.values.max())
    // A 1 × 1 buffer is already the top.
    #expect(HiZ.pyramid(DepthImage(width: 1, height: 1)).count == 1)
  }

  @Test func chosenLevelSpansAtMostTwoTexelsEachWay() {
    var rng = SeededRandom(seed: 2)
    for _ in 0..<500 {
      let x0 = Int(rng.uniform(0...639))
      let y0 = Int(rng.uniform(0...479))
      let r = ScreenRect(
        x0: x0, x1: min(639, x0 + Int(rng.uniform(0...300))), y0: y0, y1: min(479, y0 + Int(rng.uniform(0...300))),
        minDepth: 0.5)
      let l = HiZ.level(for: r, levels: 11)
      #expect((r.x1 >> l) - (r.x0 >> l) <= 1 && (r.y1 >> l) - (r.y0 >> l) <= 1)
      if l > 0 { #expect((r.x1 >> (l - 1)) - (r.x0 >> (l - 1)) > 1 || (r.y1 >> (l - 1)) - (r.y0 >> (l - 1)) > 1) }
      // Over a buffer with 4 × 4 pixels per texel (160 × 120, 9 levels), the same rule in texels.
      let m = HiZ.level(for: r, levels: 9, pixelShift: 2)
      let s = m + 2
      #expect((r.x1 >> s) - (r.x0 >> s) <= 1 && (r.y1 >> s) - (r.y0 >> s) <= 1)
      if m > 0 { #expect((r.x1 >> (s - 1)) - (r.x0 >> (s - 1)) > 1 || (r.y1 >> (s - 1)) - (r.y0 >> (s - 1)) > 1) }
      #expect(m == max(0, l - 2))
    }
  }

  @Test func objectBehindAWallIsCulledObjectInFrontIsNot() {
    var depth = DepthImage(width: 64, height: 48)
    let wall = AABB(min: SIMD3(-20, -20, -10.5), max: SIMD3(20, 20, -10))
    #expect(hizRaster.draw(wall, into: &depth))
    let hiz = HiZ(depth)
    let behind = AABB(center: SIMD3(0, 0, -30), halfExtent: SIMD3(repeating: 1))
    let before = AABB(center: SIMD3(0, 0, -5), halfExtent: SIMD3(repeating: 1))
    for (b, hidden) in [(behind, true), (before, false)] {
      let r = ScreenRect.of(b, viewProjection: hizVP, width: 64, height: 48)
      #expect(hiz.isOccluded(r) == hidden)
      #expect(HiZ.isOccludedTexelByTexel(r, in: depth) == hidden)
      #expect(hizRaster.isVisible(b, in: depth) == !hidden)
    }
  }

  @Test func emptySceneCullsNothingVisible() {
    let hiz = HiZ(DepthImage(width: 64, height: 48))  // no occluders: depth 1 everywhere
    let b = AABB(center: SIMD3(0, 0, -30), halfExtent: SIMD3(repeating: 1))
    #expect(!hiz.isOccluded(ScreenRect.of(b, viewProjection: hizVP, width: 64, height: 48)))
    // An empty rectangle (no pixel centre) can never be seen.
    #expect(hiz.isOccluded(ScreenRect(x0: 3, x1: 2, y0: 0, y1: 0, minDepth: 0)))
  }

  @Test func objectsBehindTheCameraOrAcrossTheNearPlaneAreNeverCulled() {
    var depth = DepthImage(width: 64, height: 48, clearedTo: 0)  // "everything is covered at depth 0"
    let behind = AABB(center: SIMD3(0, 0, 5), halfExtent: SIMD3(repeating: 1))
    let across = AABB(center: SIMD3(0, 0, -0.5), halfExtent: SIMD3(repeating: 0.2))
    for b in [behind, across] {
      let r = ScreenRect.of(b, viewProjection: hizVP, width: 64, height: 48)
      #expect(r.crossesNear)
      #expect(!HiZ(depth).isOccluded(r))
      #expect(hizRaster.isVisible(b, in: depth))
      #expect(!hizRaster.draw(b, into: &depth))  // not rasterised: no clipping here
    }
    #expect(depth.values.allSatisfy { $0 == 0 })
  }

  @Test func rectanglesContainFootprintsAndHiZIsConservative() {
    var rng = SeededRandom(seed: 8)
    var depth = DepthImage(width: 64, height: 48)
    for _ in 0..<6 {
      let c = SIMD3(rng.uniform(-6...6), rng.uniform(-4...4), rng.uniform(-15 ... -6))
      hizRaster.draw(AABB(center: c, halfExtent: SIMD3(rng.uniform(0.5...3), rng.uniform(0.5...3), 0.3)), into: &depth)
    }
    let hiz = HiZ(depth)
    var culled = 0
    for _ in 0..<2000 {
      let b = AABB(
        center: SIMD3(rng.uniform(-12...12), rng.uniform(-9...9), rng.uniform(-30 ... -1)),
        halfExtent: SIMD3(repeating: rng.uniform(0.05...0.8)))
      let r = ScreenRect.of(b, viewProjection: hizVP, width: 64, height: 48)
      let f = hizRaster.footprint(b)
      if !f.isEmpty && !f.crossesNear {
        #expect(r.x0 <= f.x0 && r.x1 >= f.x1 && r.y0 <= f.y0 && r.y1 >= f.y1 && r.minDepth <= f.minDepth)
      }
      let occluded = hiz.isOccluded(r)
      if occluded {
        culled += 1
        #expect(!hizRaster.isVisible(b, in: depth))  // never culls what the exact test sees
        #expect(HiZ.isOccludedTexelByTexel(r, in: depth))  // and never more than the per-pixel rectangle test
      }
    }
    #expect(culled > 100)  // the scene does hide things, so the loop above tested something
  }
}
