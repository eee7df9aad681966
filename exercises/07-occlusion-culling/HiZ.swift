import Imaging
import WorkbookKit

// Chapter 07: occlusion culling with a hierarchical z-buffer.
// Read lessons/07-occlusion-culling/README.md first.
//
// Window coordinates: x in 0...width, y in 0...height (row 0 at the bottom), depth in 0...1.
// Pixel (x, y) is sampled at its centre (x + 0.5, y + 0.5). A DepthImage holds one Float per
// pixel or texel: buffer[x, y], buffer.width, buffer.height.
//
// The occlusion buffer is small: one texel per 4 × 4 pixels (shift = 2: pixel x lies in texel
// x >> 2), 160 × 120 for the 640 × 480 frame. Screen rectangles stay in pixels.

/// The pixels `box` may cover on a `width` × `height` screen, and its nearest window depth.
func screenRect(_ box: AABB, _ viewProjection: Matrix4, _ width: Int, _ height: Int) -> ScreenRect {
  // TODO(07): this rectangle is the whole screen at depth 0, so nothing is ever culled.
  // Project the eight corners (viewProjection.transform(point:) gives clip coordinates; divide
  // by w; window x = (x_ndc + 1) / 2 * width, depth = (z_ndc + 1) / 2). Return .nearCrossing if
  // a corner is behind the near plane. Round the pixel range outward.
  return ScreenRect(x0: 0, x1: width - 1, y0: 0, y1: height - 1, minDepth: 0)
}

/// The depth `triangle` may claim for texel (x, y) of the small buffer, the square
/// [x, x + 1] × [y, y + 1] in the triangle's (texel) coordinates; nil when it may claim nothing.
func texelDepth(_ triangle: ScreenTriangle, _ x: Int, _ y: Int) -> Double? {
  // TODO(07): this samples the texel's centre, as an ordinary low-resolution render would, and
  // claims the whole texel when the centre is covered. Not safe: claim a texel only when the
  // triangle covers all of it (triangle.contains at its four corners), and then with the
  // largest depth the triangle has over it (triangle.depth at the corners), clamped to
  // triangle.depthRange.
  let cx = Double(x) + 0.5
  let cy = Double(y) + 0.5
  guard triangle.contains(cx, cy) else { return nil }
  return triangle.depth(cx, cy)
}

/// Level 0 is `base`; each next level halves the size (rounding up) and keeps, per texel, the
/// largest (farthest) depth of the up to four texels below it; the last level is 1×1.
func buildPyramid(_ base: DepthImage) -> [DepthImage] {
  // TODO(07): build the coarser levels. Mind odd sizes: a texel whose 2 × 2 block hangs over
  // the edge takes the maximum of the children that exist.
  return [base]
}

/// True when the object behind `rect` (in screen pixels) is certainly hidden. Level 0 of the
/// pyramid has one texel per 2^shift × 2^shift pixels.
func isOccluded(_ rect: ScreenRect, _ pyramid: [DepthImage], _ shift: Int) -> Bool {
  // TODO(07): this reads every level-0 texel under the rectangle: right, but slow for big
  // rectangles. Pick the finest level l where the rectangle spans at most 2 × 2 texels (pixel x
  // is texel x >> (shift + l) there) and read only those.
  if rect.crossesNear { return false }
  if rect.isEmpty { return true }
  for y in (rect.y0 >> shift)...(rect.y1 >> shift) {
    for x in (rect.x0 >> shift)...(rect.x1 >> shift) where rect.minDepth <= Double(pyramid[0][x, y]) { return false }
  }
  return true
}
