import Imaging
import WorkbookKit

// Chapter 07's answer key: a box's screen rectangle, the conservative texel rule, the
// max-depth pyramid and the occlusion test. The checks, the demo and the benchmark use these;
// they are internal, so no exercise can call them. The rasterisers they rest on are in
// Chapter07+Rasterizers.swift.

extension ScreenRect {
  /// The rectangle of `box` on a `width` × `height` screen.
  ///
  /// Window x of a corner is `(x_ndc + 1) / 2 · width`; pixel x is covered when its centre
  /// x + 0.5 lies in the corners' span, so the range is ceil(min − 0.5) ... floor(max − 0.5),
  /// clamped to the screen.
  static func of(_ box: AABB, viewProjection: Matrix4, width: Int, height: Int) -> ScreenRect {
    let r = DepthRasterizer(viewProjection: viewProjection, width: width, height: height)
    var lo = SIMD3<Double>(repeating: .infinity)
    var hi = SIMD3<Double>(repeating: -.infinity)
    // Corner by corner, without building an array: this runs once per object per frame.
    for i in 0..<8 {
      let c = SIMD3(
        i & 1 == 0 ? box.min.x : box.max.x, i & 2 == 0 ? box.min.y : box.max.y, i & 4 == 0 ? box.min.z : box.max.z)
      guard let v = r.windowPoint(c) else { return .nearCrossing }
      lo = pointwiseMin(lo, v)
      hi = pointwiseMax(hi, v)
    }
    return ScreenRect(
      x0: clampedCeil(lo.x - 0.5, 0...width), x1: clampedFloor(hi.x - 0.5, -1...width - 1),
      y0: clampedCeil(lo.y - 0.5, 0...height), y1: clampedFloor(hi.y - 0.5, -1...height - 1),
      minDepth: lo.z)
  }
}

extension ScreenTriangle {
  /// The rule of a conservative occlusion buffer, for texel (x, y) = the square
  /// [x, x + 1] × [y, y + 1]: the depth the triangle may claim there, or nil.
  ///
  /// The texel is claimed only when all four corners are inside (a triangle is convex, so then
  /// the whole square is), and then with the *largest* depth the plane takes on the square —
  /// an affine function is largest at a corner — clamped to the vertices' range. Every point
  /// of the texel is then covered by the triangle at that depth or nearer, which is what lets
  /// a small buffer stand in for the full-resolution one without ever hiding too much.
  func conservativeTexelDepth(_ x: Int, _ y: Int) -> Double? {
    let x0 = Double(x)
    let y0 = Double(y)
    let x1 = x0 + 1
    let y1 = y0 + 1
    guard contains(x0, y0), contains(x1, y0), contains(x0, y1), contains(x1, y1) else { return nil }
    let farthest = max(depth(x0, y0), depth(x1, y0), depth(x0, y1), depth(x1, y1))
    return min(depthRange.upperBound, max(depthRange.lowerBound, farthest))
  }
}

/// A hierarchical z-buffer: a depth buffer and a pyramid of coarser copies, each texel holding
/// the *farthest* (maximum) depth of the four below it.
///
/// Why the maximum: an object is hidden in a region when it is behind *everything* drawn there,
/// that is, nearer than nothing; the farthest depth of the region is the one to beat. With the
/// maximum stored, one texel of a coarse level answers for a whole block of pixels, so any
/// screen rectangle is covered by at most 2 × 2 texels of the right level: four reads instead
/// of one per pixel.
///
/// Level 0 may be smaller than the screen: with `pixelShift` s, one level-0 texel stands for
/// 2^s × 2^s screen pixels (a `ConservativeRasterizer` with the same shift draws it). Screen
/// rectangles stay in pixels; pixel x lies in texel x >> (s + L) of level L, so the mapping
/// rounds the rectangle outward to whole texels by itself.
///
/// ```swift
/// let hiz = HiZ(small, pixelShift: 2)
/// if hiz.isOccluded(ScreenRect.of(box, viewProjection: vp, width: 640, height: 480)) { skip(box) }
/// ```
struct HiZ: Sendable {
  /// Level 0 is the depth buffer itself; level L has ⌈w / 2^L⌉ × ⌈h / 2^L⌉ texels; the last is 1 × 1.
  let levels: [DepthImage]
  /// A level-0 texel covers 2^pixelShift × 2^pixelShift screen pixels (0: full resolution).
  let pixelShift: Int

  /// Builds the pyramid. A texel whose 2 × 2 block hangs over the edge (odd sizes) takes the
  /// maximum of the children that exist.
  init(_ base: DepthImage, pixelShift: Int = 0) {
    levels = HiZ.pyramid(base)
    self.pixelShift = pixelShift
  }

  /// The max-pyramid of `base`, level 0 first.
  static func pyramid(_ base: DepthImage) -> [DepthImage] {
    var levels = [base]
    while let last = levels.last, last.width > 1 || last.height > 1 {
      var next = DepthImage(width: (last.width + 1) / 2, height: (last.height + 1) / 2, clearedTo: 0)
      last.values.withUnsafeBufferPointer { src in
        next.values.withUnsafeMutableBufferPointer { dst in
          for y in 0..<next.height {
            let ya = 2 * y
            let yb = min(2 * y + 1, last.height - 1)
            for x in 0..<next.width {
              let xa = 2 * x
              let xb = min(2 * x + 1, last.width - 1)
              dst[y * next.width + x] = max(
                max(src[ya * last.width + xa], src[ya * last.width + xb]),
                max(src[yb * last.width + xa], src[yb * last.width + xb]))
            }
          }
        }
      }
      levels.append(next)
    }
    return levels
  }

  /// The finest level at which the rectangle (in screen pixels) spans at most two texels in
  /// each direction, for a pyramid of `levels` levels whose level 0 has 2^pixelShift pixels
  /// per texel.
  static func level(for r: ScreenRect, levels: Int, pixelShift: Int = 0) -> Int {
    var l = 0
    while l < levels - 1 {
      let s = pixelShift + l
      if (r.x1 >> s) - (r.x0 >> s) <= 1 && (r.y1 >> s) - (r.y0 >> s) <= 1 { break }
      l += 1
    }
    return l
  }

  /// True when the object is certainly hidden: nearer than nothing drawn over its rectangle.
  /// Never true for an object crossing the near plane; always true for an empty rectangle
  /// (no pixel centre to be seen at).
  func isOccluded(_ r: ScreenRect) -> Bool {
    if r.crossesNear { return false }
    if r.isEmpty { return true }
    let l = HiZ.level(for: r, levels: levels.count, pixelShift: pixelShift)
    let s = pixelShift + l
    let w = levels[l].width
    return levels[l].values.withUnsafeBufferPointer { texels in
      var farthest: Float = 0
      for y in (r.y0 >> s)...(r.y1 >> s) {
        for x in (r.x0 >> s)...(r.x1 >> s) { farthest = max(farthest, texels[y * w + x]) }
      }
      return r.minDepth > Double(farthest)
    }
  }

  /// The same question answered on level 0 alone, texel by texel over the whole rectangle
  /// (stopping at the first texel that could show the object). With `pixelShift` 0 and a
  /// full-resolution buffer this is the per-pixel rectangle test; either way it is the
  /// baseline the pyramid is measured against: the same answer as the pyramid's or a
  /// stricter one, and many more reads for big rectangles.
  static func isOccludedTexelByTexel(_ r: ScreenRect, in depth: DepthImage, pixelShift: Int = 0) -> Bool {
    if r.crossesNear { return false }
    if r.isEmpty { return true }
    let s = pixelShift
    return depth.values.withUnsafeBufferPointer { texels in
      for y in (r.y0 >> s)...(r.y1 >> s) {
        for x in (r.x0 >> s)...(r.x1 >> s) where r.minDepth <= Double(texels[y * depth.width + x]) { return false }
      }
      return true
    }
  }
}
