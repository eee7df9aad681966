import Foundation
import WorkbookKit

/// Chapter 15 done wrong (see `ChapterVariants`).
extension Chapter15 {
  /// Wrong learner code, by name, each run through the real check.
  static var variants: [String: () -> Never] {
    [
      // The window centre moves to the tile, but the view angle stays the full view's: on a 2×2
      // wall each tile shows a piece of a picture twice too large. (In a 2×1 or 3×1 wall every
      // tile is as tall as the view, and the vertical angle is right anyway.)
      "15-wide-angle": {
        check(
          .init(
            tileRect: referenceTileRect,
            tileView: { tile, width, height, angle in
              TileView(viewAngle: angle, windowCenter: referenceTileView(tile, width, height, angle).windowCenter)
            }, objectsTouching: referenceObjectsTouching, balancedCuts: referenceBalancedCuts))
      },
      // The window centre with its sign flipped (the shift of the picture instead of the
      // position of the tile): tiles show their mirror tile's part.
      "15-centre-sign": {
        check(
          .init(
            tileRect: referenceTileRect,
            tileView: { tile, width, height, angle in
              let v = referenceTileView(tile, width, height, angle)
              return TileView(viewAngle: v.viewAngle, windowCenter: -v.windowCenter)
            }, objectsTouching: referenceObjectsTouching, balancedCuts: referenceBalancedCuts))
      },
      // Rows taken from the bottom as VTK counts them, while tiles count from the top: on a 2×2
      // wall the top and bottom rows swap.
      "15-rows-from-bottom": {
        check(
          .init(
            tileRect: referenceTileRect,
            tileView: { tile, width, height, angle in
              let v = referenceTileView(tile, width, height, angle)
              return TileView(viewAngle: v.viewAngle, windowCenter: SIMD2(v.windowCenter.x, -v.windowCenter.y))
            }, objectsTouching: referenceObjectsTouching, balancedCuts: referenceBalancedCuts))
      },
      // Each object goes to the tile of its projected centre only: objects across a border lose
      // the part in the other tile.
      "15-centre-only": {
        check(
          .init(
            tileRect: referenceTileRect, tileView: referenceTileView, objectsTouching: centreOnly,
            balancedCuts: referenceBalancedCuts))
      },
      // Rebalancing that ignores the costs: equal parts.
      "15-equal-cuts": {
        check(
          .init(
            tileRect: referenceTileRect, tileView: referenceTileView, objectsTouching: referenceObjectsTouching,
            balancedCuts: { _, _, parts, length in (0...parts).map { $0 * length / parts } }))
      },
    ]
  }

  /// The items whose projected centre falls in `tile`: the mistake that cuts border objects.
  static func centreOnly(_ tile: TileRect, _ items: [Item], _ camera: PerspectiveCamera, _ width: Int, _ height: Int)
    -> [Int]
  {
    let vp = camera.viewProjection(aspect: Double(width) / Double(height))
    return items.filter { item in
      let c = vp.transform(point: item.bounds.center)
      guard c.w > 0 else { return true }
      let x = Int(((c.x / c.w + 1) / 2 * Double(width)).rounded(.down))
      let y = Int(((1 - c.y / c.w) / 2 * Double(height)).rounded(.down))
      return tile.contains(x, y)
    }.map(\.id)
  }
}
