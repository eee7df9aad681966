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
  // TODO(15): every rank gets the whole screen, so the ranks' windows lie on top of each other.
  // Give each rank its own part.
  return Chapter15.TileRect(x: 0, y: 0, width: width, height: height)
}

/// The camera of one tile. The full view's camera has vertical view angle `viewAngle` (degrees)
/// on a `width` × `height` view; `tile` is a rectangle of that view. Return the view angle and
/// window centre that make a `tile.width` × `tile.height` render show exactly those pixels
/// (VTK: vtkCamera::SetViewAngle, vtkCamera::SetWindowCenter).
func tileView(for tile: Chapter15.TileRect, width: Int, height: Int, viewAngle: Double) -> Chapter15.TileView {
  // TODO(15): this keeps the full view's angle and centre, so every tile shows the whole
  // picture squeezed into it. Narrow the angle to the tile's height and move the window centre
  // to the tile's centre (in units of the tile's half size, +y up).
  return Chapter15.TileView(viewAngle: viewAngle, windowCenter: SIMD2(0, 0))
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
  // TODO(15): every tile gets every item: right, but each rank then renders the whole scene.
  return items.map(\.id)
}

/// Cuts a `length`-pixel axis into `parts` parts of about equal cost. `positions[i]` (pixels
/// from 0) carries `costs[i]`. Return `parts + 1` increasing cuts, the first 0 and the last
/// `length`; part k is `cuts[k] ..< cuts[k + 1]` and must have at least one pixel.
func balancedCuts(positions: [Double], costs: [Int], parts: Int, length: Int) -> [Int] {
  // TODO(15): equal parts, whatever the costs. Put the cuts where the running cost (positions
  // taken in order) reaches 1/parts, 2/parts, ... of the total.
  return (0...parts).map { $0 * length / parts }
}
