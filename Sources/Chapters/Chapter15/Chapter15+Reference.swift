import Foundation
import WorkbookKit

/// Chapter 15's answer key, used by the checks, the demo and the variants.
extension Chapter15 {
  /// Sort-first done right.
  static var reference: Learner {
    Learner(
      tileRect: referenceTileRect, tileView: referenceTileView,
      objectsTouching: referenceObjectsTouching, balancedCuts: referenceBalancedCuts)
  }

  /// Rank `rank`'s tile of the `grid(ranks:)` wall. Column c spans ⌊c·W/n⌋ ..< ⌊(c+1)·W/n⌋, so
  /// the tiles cover every pixel once even when W is not a multiple of n (widths differ by at
  /// most one).
  static func referenceTileRect(_ rank: Int, _ ranks: Int, _ width: Int, _ height: Int) -> TileRect {
    let (columns, rows) = grid(ranks: ranks)
    let c = rank % columns
    let r = rank / columns
    let x0 = c * width / columns
    let x1 = (c + 1) * width / columns
    let y0 = r * height / rows
    let y1 = (r + 1) * height / rows
    return TileRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  /// The tile camera for any pixel rectangle of the full view.
  ///
  /// The full view maps the slope x/(−z) of an eye-space point to column
  /// p = W/2 + (H/2)·(x/(−z))/tan(a/2) (VTK's vertical view angle a; the horizontal extent
  /// follows from the aspect W/H). VTK's tile renderer has the tile's aspect w/h, and
  /// `vtkCamera::ComputeProjectionTransform` builds the frustum from
  /// xmin = (WindowCenter.x − 1)·half-width to xmax = (WindowCenter.x + 1)·half-width: the
  /// tile's normalised x is the centred one minus WindowCenter.x. Asking that tile column
  /// p − x0 land where p lands in the full view gives, with t = tan(a/2):
  ///
  ///     tan(a'/2) = t · h / H
  ///     WindowCenter.x = (2·x0 + w − W) / w
  ///     WindowCenter.y = (2·y0' + h − H) / h,   y0' = H − (y + h), the tile's bottom row counted from the bottom
  ///
  /// (For an n×n grid of equal tiles: a' = 2·atan(t/n), centre (2·tx + 1 − n, 2·ty + 1 − n),
  /// the same as `vtkRenderLargeImage` uses for its tiles.)
  static func referenceTileView(_ tile: TileRect, _ width: Int, _ height: Int, _ viewAngle: Double) -> TileView {
    let t = tan(viewAngle * Double.pi / 360) * Double(tile.height) / Double(height)
    let angle = 2 * atan(t) * 180 / Double.pi
    let cx = Double(2 * tile.x + tile.width - width) / Double(tile.width)
    // Rows run down on the screen and up in VTK: the tile's bottom row from the bottom is
    // H − maxY, so 2·(H − maxY) + h − H = H − 2·y − h.
    let cy = Double(height - 2 * tile.y - tile.height) / Double(tile.height)
    return TileView(viewAngle: angle, windowCenter: SIMD2(cx, cy))
  }

  /// Where a box lands on the view.
  enum Footprint {
    /// The rectangle around its eight projected corners, in pixel units (x from the left, y
    /// from the top, not rounded).
    case rect(minX: Double, maxX: Double, minY: Double, maxY: Double)
    /// Some corners lie in front of the near plane and some behind: it cannot be projected
    /// and may cover any pixel.
    case crossesNear
    /// Every corner lies behind the near plane (on the eye's side): nothing of it is drawn.
    case hidden
  }

  /// Where `box` lands on a `width` × `height` view seen through `viewProjection`.
  ///
  /// In OpenGL clip space a point is on the far side of the near plane exactly when z ≥ −w
  /// (z + w is 2f(d − n)/(f − n) for a point at distance d in front of the eye), which also
  /// holds for points behind the eye, where w ≤ 0.
  static func footprint(_ box: AABB, viewProjection: Matrix4, width: Int, height: Int) -> Footprint {
    var minX = Double.infinity
    var maxX = -Double.infinity
    var minY = Double.infinity
    var maxY = -Double.infinity
    var behind = 0
    for i in 0..<8 {
      let corner = SIMD3(
        i & 1 == 0 ? box.min.x : box.max.x, i & 2 == 0 ? box.min.y : box.max.y,
        i & 4 == 0 ? box.min.z : box.max.z)
      let c = viewProjection.transform(point: corner)
      guard c.z >= -c.w else {
        behind += 1
        continue
      }
      let x = (c.x / c.w + 1) / 2 * Double(width)
      let y = (1 - c.y / c.w) / 2 * Double(height)
      minX = min(minX, x)
      maxX = max(maxX, x)
      minY = min(minY, y)
      maxY = max(maxY, y)
    }
    if behind == 8 { return .hidden }
    if behind > 0 { return .crossesNear }
    return .rect(minX: minX, maxX: maxX, minY: minY, maxY: maxY)
  }

  /// Whether a projected rectangle, grown by `margin` pixels on every side, covers the centre
  /// of some pixel of `tile`. OpenGL fills a pixel when its centre (x + 0.5, y + 0.5) is inside
  /// a triangle, and every triangle of an object lies inside the object's projected bounds, so
  /// with margin 0 this misses no pixel the object can draw.
  static func touches(
    _ r: (minX: Double, maxX: Double, minY: Double, maxY: Double), _ tile: TileRect,
    margin: Double = 0
  ) -> Bool {
    let x0 = Int((r.minX - margin - 0.5).rounded(.up))
    let x1 = Int((r.maxX + margin - 0.5).rounded(.down))
    let y0 = Int((r.minY - margin - 0.5).rounded(.up))
    let y1 = Int((r.maxY + margin - 0.5).rounded(.down))
    return x0 <= x1 && y0 <= y1 && x0 < tile.maxX && x1 >= tile.x && y0 < tile.maxY && y1 >= tile.y
  }

  /// Items whose projected bounds cover a pixel centre of `tile`; items across the near plane
  /// go to every tile, items wholly behind it to none.
  static func referenceObjectsTouching(
    _ tile: TileRect, _ items: [Item], _ camera: PerspectiveCamera, _ width: Int,
    _ height: Int
  ) -> [Int] {
    let vp = camera.viewProjection(aspect: Double(width) / Double(height))
    return items.filter { item in
      switch footprint(item.bounds, viewProjection: vp, width: width, height: height) {
      case .rect(let minX, let maxX, let minY, let maxY): return touches((minX, maxX, minY, maxY), tile)
      case .crossesNear: return true
      case .hidden: return false
      }
    }.map(\.id)
  }

  /// Cuts so that each part holds about `total / parts` of the cost: walk the positions in
  /// order, adding up their costs, and cut at the position where the running sum reaches
  /// k/parts of the total. Every part keeps at least one pixel. Without any cost, equal parts.
  static func referenceBalancedCuts(_ positions: [Double], _ costs: [Int], _ parts: Int, _ length: Int) -> [Int] {
    let total = costs.reduce(0, +)
    guard total > 0 else { return (0...parts).map { $0 * length / parts } }
    var cuts = [0]
    var running = 0
    for i in positions.indices.sorted(by: { positions[$0] < positions[$1] }) {
      running += costs[i]
      // `running · parts ≥ k · total` is `running ≥ k/parts of the total` without rounding.
      while cuts.count < parts && running * parts >= cuts.count * total {
        cuts.append(Int(positions[i].rounded()))
      }
    }
    while cuts.count < parts { cuts.append(length) }
    cuts.append(length)
    // Clamp so that every part has at least one pixel and the cuts increase.
    for k in 1..<parts { cuts[k] = min(max(cuts[k], cuts[k - 1] + 1), length - (parts - k)) }
    return cuts
  }
}
