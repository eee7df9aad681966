import Foundation
import WorkbookKit

/// The images chapter 17 composites: the spheres of the parallel chapters drawn as shaded
/// discs by a small software splatter (no VTK, so the checks stay fast at any size), opaque
/// with depth or translucent.
extension Chapter17 {
  /// The objects rank `rank` draws in the opaque checks: id % P == rank, as in chapter 16.
  static func objects(rank: Int, ranks: Int, count: Int = objectCount) -> [SceneObject] {
    ParallelScene.objects(count: count).filter { $0.id % ranks == rank }
  }

  /// For each rank, the objects of one k-d part: rank 0 gets the part nearest the camera,
  /// rank P − 1 the farthest (chapter 14's split, ordered by `KDSplit.frontToBack(from:)`).
  /// With ranks in visibility order, radix-k's groups are runs of consecutive parts, and
  /// "over" may be applied to them in any grouping.
  static func visibilityParts(ranks: Int, count: Int = objectCount) -> [[SceneObject]] {
    let all = ParallelScene.objects(count: count)
    let split = KDSplit(points: all.map(\.center), parts: ranks)
    return split.frontToBack(from: ParallelScene.camera.position).map { part in split.parts[part].map { all[$0] } }
  }

  /// Where a sphere lands on a `width × height` screen: centre, radius in pixels, and its
  /// distance from the camera along the view axis (the camera looks down −z).
  static func project(_ o: SceneObject, width: Int, height: Int) -> (x: Double, y: Double, r: Double, d: Double) {
    let camera = ParallelScene.camera
    let d = camera.position.z - o.center.z
    let scale = Double(height) / 2 / (d * tan(camera.viewAngle / 2 * .pi / 180))
    return (Double(width) / 2 + o.center.x * scale, Double(height) / 2 - o.center.y * scale, o.radius * scale, d)
  }

  /// Visits every pixel a sphere covers with its shading (the normal's z) and window depth.
  static func splat(
    _ o: SceneObject, width: Int, height: Int, _ body: (_ index: Int, _ shade: Double, _ depth: Float) -> Void
  ) {
    let camera = ParallelScene.camera
    let s = project(o, width: width, height: height)
    guard s.d > camera.near else { return }
    let y0 = max(0, Int((s.y - s.r).rounded(.down)))
    let y1 = min(height - 1, Int((s.y + s.r).rounded(.up)))
    let x0 = max(0, Int((s.x - s.r).rounded(.down)))
    let x1 = min(width - 1, Int((s.x + s.r).rounded(.up)))
    guard y0 <= y1, x0 <= x1 else { return }
    for y in y0...y1 {
      for x in x0...x1 {
        let dx = (Double(x) + 0.5 - s.x) / s.r
        let dy = (Double(y) + 0.5 - s.y) / s.r
        let q = dx * dx + dy * dy
        guard q < 1 else { continue }
        let nz = (1 - q).squareRoot()
        let depth = (s.d - o.radius * nz - camera.near) / (camera.far - camera.near)
        body(y * width + x, 0.25 + 0.75 * nz, Float(depth))
      }
    }
  }

  /// Opaque discs, the nearest winning: colour RGBA8 (red in the low byte), depth in [0, 1).
  static func opaqueSplats(_ objects: [SceneObject], width: Int, height: Int) -> Pixels {
    var p = Pixels(count: width * height)
    for o in objects {
      splat(o, width: width, height: height) { i, shade, depth in
        guard depth < p.depth[i] else { return }
        let c = o.color * shade * 255
        p.depth[i] = depth
        p.color[i] = 0xFF00_0000 | UInt32(c.z.rounded()) << 16 | UInt32(c.y.rounded()) << 8 | UInt32(c.x.rounded())
      }
    }
    return p
  }

  /// Translucent discs of opacity `alpha`, blended back to front within this rank's objects.
  static func translucentSplats(_ objects: [SceneObject], width: Int, height: Int, alpha: Float = 0.55)
    -> Translucent
  {
    var t = Translucent(empty: width * height)
    for o in objects.sorted(by: { $0.center.z < $1.center.z }) {  // far (small z) first
      splat(o, width: width, height: height) { i, shade, _ in
        let c = SIMD3<Float>(o.color * shade) * alpha
        t[i] = referenceOver(Premultiplied(c.x, c.y, c.z, alpha), t[i])
      }
    }
    return t
  }

  /// Every rank draws the same shapes at the same few depths in its own colour, so that most
  /// covered pixels are ties and only the right tie order gives the oracle's picture.
  static func tiePattern(rank: Int, ranks: Int, width: Int, height: Int) -> Pixels {
    var p = Pixels(count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        let stripe = (x / 5 + y / 3 + rank) % (ranks + 2)
        guard stripe < ranks else { continue }
        p.depth[y * width + x] = 0.25 + 0.25 * Float((x / 9 + y / 7) % 3)
        p.color[y * width + x] = 0xFF00_0000 | UInt32(40 + 40 * rank) | UInt32(30 * stripe) << 16
      }
    }
    return p
  }
}
