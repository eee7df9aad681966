import Chapters
import Foundation
import WorkbookKit

// Chapter 15: sort-first parallel rendering on a display wall.
// Read lessons/15-sort-first/README.md first.
//
// The full view is width × height pixels. Pixel rows are counted from the TOP, as on the
// screen (X11 places windows from the top-left corner) and in images; VTK counts from the
// bottom. A Chapter15.TileRect holds columns x ..< x + width and rows y ..< y + height.

/// Rank `rank`'s tile of a `width` × `height` screen shared by `ranks` ranks.
///
/// The wall is `Chapter15.grid(ranks:)` tiles wide and high (4 ranks: 2 × 2). Rank r is in
/// column r % columns and row r / columns, row 0 at the top. Column c spans the pixel columns
/// c·width/columns ..< (c+1)·width/columns in integer division, and rows likewise, so that the
/// tiles cover every pixel exactly once even when the size does not divide.
func tileRect(rank: Int, ranks: Int, width: Int, height: Int) -> Chapter15.TileRect {
  let (columns, rows) = Chapter15.grid(ranks: ranks)
  let column = rank % columns
  let row = rank / columns
  // Both ends from the same formula: the next tile starts exactly where this one stops.
  let left = column * width / columns
  let right = (column + 1) * width / columns
  let top = row * height / rows
  let bottom = (row + 1) * height / rows
  return Chapter15.TileRect(x: left, y: top, width: right - left, height: bottom - top)
}

/// The camera of one tile. The full view's camera has vertical view angle `viewAngle` (degrees)
/// on a `width` × `height` view; `tile` is a rectangle of that view. Return the view angle and
/// window centre that make a `tile.width` × `tile.height` render show exactly those pixels
/// (VTK: vtkCamera::SetViewAngle, vtkCamera::SetWindowCenter).
func tileView(for tile: Chapter15.TileRect, width: Int, height: Int, viewAngle: Double) -> Chapter15.TileView {
  // The tile is tile.height / height of the full view's height, and VTK's view angle is
  // vertical: scale the tangent of the half angle.
  let halfTangent = tan(viewAngle / 2 * .pi / 180) * Double(tile.height) / Double(height)
  let angle = 2 * atan(halfTangent) * 180 / .pi
  // Centre of the tile minus centre of the view, in half-tile units. VTK's y runs up, the
  // screen's rows run down: the tile's centre row from the top is y + h/2.
  let centreX = (Double(tile.x) + Double(tile.width) / 2 - Double(width) / 2) / (Double(tile.width) / 2)
  let centreY = (Double(height) / 2 - Double(tile.y) - Double(tile.height) / 2) / (Double(tile.height) / 2)
  return Chapter15.TileView(viewAngle: angle, windowCenter: SIMD2(centreX, centreY))
}

/// The ids of the items that may draw a pixel of `tile`, seen through `camera` on a
/// `width` × `height` view.
///
/// Project the eight corners of each item's bounds (`camera.viewProjection(aspect:)`, then
/// `transform(point:)`, divide by w) and take the rectangle around them. An item belongs to the
/// tile when that rectangle covers the centre of one of the tile's pixels. Items on a border
/// belong to every tile they touch; items reaching behind the near plane to every tile. Being
/// up to two pixels more generous is accepted.
func objectsTouching(
  _ tile: Chapter15.TileRect, items: [Chapter15.Item], camera: PerspectiveCamera, width: Int,
  height: Int
) -> [Int] {
  let viewProjection = camera.viewProjection(aspect: Double(width) / Double(height))
  var ids: [Int] = []
  for item in items {
    var left = Double.infinity
    var right = -Double.infinity
    var top = Double.infinity
    var bottom = -Double.infinity
    var behindNear = false
    for corner in 0..<8 {
      let b = item.bounds
      let p = SIMD3(
        corner & 1 == 0 ? b.min.x : b.max.x, corner & 2 == 0 ? b.min.y : b.max.y,
        corner & 4 == 0 ? b.min.z : b.max.z)
      let clip = viewProjection.transform(point: p)
      if clip.w <= 0 || clip.z < -clip.w {
        behindNear = true
        break
      }
      let x = (clip.x / clip.w + 1) / 2 * Double(width)
      let y = (1 - clip.y / clip.w) / 2 * Double(height)  // rows from the top
      left = min(left, x)
      right = max(right, x)
      top = min(top, y)
      bottom = max(bottom, y)
    }
    if behindNear {
      ids.append(item.id)
      continue
    }
    // Pixel column i is drawn when its centre i + 0.5 lies inside: i from ceil(left - 0.5) to
    // floor(right - 0.5).
    let firstColumn = Int((left - 0.5).rounded(.up))
    let lastColumn = Int((right - 0.5).rounded(.down))
    let firstRow = Int((top - 0.5).rounded(.up))
    let lastRow = Int((bottom - 0.5).rounded(.down))
    if firstColumn <= lastColumn && firstRow <= lastRow && firstColumn < tile.maxX && lastColumn >= tile.x
      && firstRow < tile.maxY && lastRow >= tile.y
    {
      ids.append(item.id)
    }
  }
  return ids
}

/// Cuts a `length`-pixel axis into `parts` parts of about equal cost. `positions[i]` (pixels
/// from 0) carries `costs[i]`. Return `parts + 1` increasing cuts, the first 0 and the last
/// `length`; part k is `cuts[k] ..< cuts[k + 1]` and must have at least one pixel.
func balancedCuts(positions: [Double], costs: [Int], parts: Int, length: Int) -> [Int] {
  let total = costs.reduce(0, +)
  if total == 0 { return (0...parts).map { $0 * length / parts } }
  let order = positions.indices.sorted { positions[$0] < positions[$1] }
  var cuts = [0]
  var sum = 0
  for i in order {
    sum += costs[i]
    // Cut k goes where the running cost first reaches k/parts of the total.
    while cuts.count < parts && Double(sum) >= Double(cuts.count) * Double(total) / Double(parts) {
      cuts.append(Int(positions[i].rounded()))
    }
  }
  while cuts.count < parts { cuts.append(length) }
  cuts.append(length)
  // At least one pixel per part, cuts increasing.
  for k in 1..<parts {
    cuts[k] = min(max(cuts[k], cuts[k - 1] + 1), length - (parts - k))
  }
  return cuts
}
