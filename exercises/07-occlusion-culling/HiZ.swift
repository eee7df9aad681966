import WorkbookKit

// Chapter 07: occlusion culling with a hierarchical z-buffer.
// Read lessons/07-occlusion-culling/README.md first.
//
// Window coordinates: x in 0...width, y in 0...height (row 0 at the bottom), depth in 0...1.
// Pixel (x, y) is sampled at its centre (x + 0.5, y + 0.5). A DepthBuffer holds one Float per
// pixel: buffer[x, y], buffer.width, buffer.height.

/// The pixels `box` may cover on a `width` × `height` screen, and its nearest window depth.
func screenRect(_ box: AABB, _ viewProjection: Matrix4, _ width: Int, _ height: Int) -> ScreenRect {
  // TODO(07): this rectangle is the whole screen at depth 0, so nothing is ever culled.
  // Project the eight corners (viewProjection.transform(point:) gives clip coordinates; divide
  // by w; window x = (x_ndc + 1) / 2 * width, depth = (z_ndc + 1) / 2). Return .nearCrossing if
  // a corner is behind the near plane. Round the pixel range outward.
  return ScreenRect(x0: 0, x1: width - 1, y0: 0, y1: height - 1, minDepth: 0)
}

/// Level 0 is `base`; each next level halves the size (rounding up) and keeps, per texel, the
/// largest (farthest) depth of the up to four texels below it; the last level is 1×1.
func buildPyramid(_ base: DepthBuffer) -> [DepthBuffer] {
  // TODO(07): build the coarser levels. Mind odd sizes: a texel whose 2 × 2 block hangs over
  // the edge takes the maximum of the children that exist.
  return [base]
}

/// True when the object behind `rect` is certainly hidden.
func isOccluded(_ rect: ScreenRect, _ pyramid: [DepthBuffer]) -> Bool {
  // TODO(07): this reads every pixel of the rectangle at level 0: right, but slow for big
  // rectangles. Pick the finest level where the rectangle spans at most 2 × 2 texels (pixel x
  // is texel x >> level there) and read only those.
  if rect.crossesNear { return false }
  if rect.isEmpty { return true }
  for y in rect.y0...rect.y1 {
    for x in rect.x0...rect.x1 where rect.minDepth <= Double(pyramid[0][x, y]) { return false }
  }
  return true
}
