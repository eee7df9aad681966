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
  var lo = SIMD3<Double>(repeating: .infinity)
  var hi = SIMD3<Double>(repeating: -.infinity)
  for corner in box.corners {
    let clip = viewProjection.transform(point: corner)
    // A corner behind the near plane (z_ndc < -1, or w ≤ 0) cannot be projected: give up,
    // the object is treated as visible.
    guard clip.w > 0, clip.z + clip.w >= 0 else { return .nearCrossing }
    let ndc = SIMD3(clip.x, clip.y, clip.z) / clip.w
    let window = SIMD3((ndc.x + 1) / 2 * Double(width), (ndc.y + 1) / 2 * Double(height), (ndc.z + 1) / 2)
    lo = pointwiseMin(lo, window)
    hi = pointwiseMax(hi, window)
  }
  // Pixel x is covered when lo.x ≤ x + 0.5 ≤ hi.x: round outward, then clamp to the screen.
  return ScreenRect(
    x0: max(0, Int((lo.x - 0.5).rounded(.up))), x1: min(width - 1, Int((hi.x - 0.5).rounded(.down))),
    y0: max(0, Int((lo.y - 0.5).rounded(.up))), y1: min(height - 1, Int((hi.y - 0.5).rounded(.down))),
    minDepth: lo.z)  // the nearest corner is the nearest point of a box
}

/// The depth `triangle` may claim for texel (x, y) of the small buffer, the square
/// [x, x + 1] × [y, y + 1] in the triangle's (texel) coordinates; nil when it may claim nothing.
func texelDepth(_ triangle: ScreenTriangle, _ x: Int, _ y: Int) -> Double? {
  let corners = [
    (Double(x), Double(y)), (Double(x + 1), Double(y)), (Double(x), Double(y + 1)), (Double(x + 1), Double(y + 1)),
  ]
  // Only a texel the triangle covers entirely: a pixel of a half-covered texel may show what is
  // behind. The triangle is convex, so its four corners inside mean all of it inside.
  guard corners.allSatisfy({ triangle.contains($0.0, $0.1) }) else { return nil }
  // The farthest the triangle gets over the texel: depth is planar, so it is largest at a
  // corner. Clamping to the vertices' range only undoes rounding.
  let farthest = corners.map { triangle.depth($0.0, $0.1) }.max()!
  return min(triangle.depthRange.upperBound, max(triangle.depthRange.lowerBound, farthest))
}

/// Level 0 is `base`; each next level halves the size (rounding up) and keeps, per texel, the
/// largest (farthest) depth of the up to four texels below it; the last level is 1×1.
func buildPyramid(_ base: DepthImage) -> [DepthImage] {
  var levels = [base]
  while let last = levels.last, last.width > 1 || last.height > 1 {
    var next = DepthImage(width: (last.width + 1) / 2, height: (last.height + 1) / 2)
    for y in 0..<next.height {
      for x in 0..<next.width {
        // On an odd edge the second child does not exist: reuse the first.
        let x1 = min(2 * x + 1, last.width - 1)
        let y1 = min(2 * y + 1, last.height - 1)
        next[x, y] = max(last[2 * x, 2 * y], last[x1, 2 * y], last[2 * x, y1], last[x1, y1])
      }
    }
    levels.append(next)
  }
  return levels
}

/// True when the object behind `rect` (in screen pixels) is certainly hidden. Level 0 of the
/// pyramid has one texel per 2^shift × 2^shift pixels.
func isOccluded(_ rect: ScreenRect, _ pyramid: [DepthImage], _ shift: Int) -> Bool {
  if rect.crossesNear { return false }
  if rect.isEmpty { return true }  // no pixel centre to be seen at
  // Pixel x lies in texel x >> (shift + l) of level l: the rectangle grows outward to whole
  // texels by itself. Take the finest level where it spans at most 2 × 2 texels.
  var l = 0
  while l < pyramid.count - 1
    && ((rect.x1 >> (shift + l)) - (rect.x0 >> (shift + l)) > 1
      || (rect.y1 >> (shift + l)) - (rect.y0 >> (shift + l)) > 1)
  {
    l += 1
  }
  let s = shift + l
  var farthest: Float = 0
  for y in (rect.y0 >> s)...(rect.y1 >> s) {
    for x in (rect.x0 >> s)...(rect.x1 >> s) { farthest = max(farthest, pyramid[l][x, y]) }
  }
  // Hidden only if its nearest point is behind the farthest thing drawn over the rectangle.
  return rect.minDepth > Double(farthest)
}
