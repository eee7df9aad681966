/// Where an object lands on screen, for an occlusion test: the pixels whose centres its
/// projection may cover, and the smallest window depth any of its points can have.
///
/// Both are conservative: every pixel the object covers is in the rectangle (it is rounded
/// outward), and no point of the object is nearer than `minDepth` (the nearest corner: depth is
/// monotonic along the view direction, and a box's nearest point is a corner).
public struct ScreenRect: Equatable, Sendable {
  /// Inclusive pixel ranges; empty (`x0 > x1` or `y0 > y1`) when no pixel centre is covered.
  public var x0: Int, x1: Int, y0: Int, y1: Int
  /// Nearest window depth of the object, in [0, 1].
  public var minDepth: Double
  /// The object reaches behind the near plane: it cannot be projected, so it is never culled.
  public var crossesNear: Bool

  public init(x0: Int, x1: Int, y0: Int, y1: Int, minDepth: Double, crossesNear: Bool = false) {
    self.x0 = x0
    self.x1 = x1
    self.y0 = y0
    self.y1 = y1
    self.minDepth = minDepth
    self.crossesNear = crossesNear
  }

  /// An object that reaches behind the near plane.
  public static let nearCrossing = ScreenRect(x0: 0, x1: -1, y0: 0, y1: -1, minDepth: 0, crossesNear: true)

  /// No pixel centre inside.
  public var isEmpty: Bool { x0 > x1 || y0 > y1 }

  /// The rectangle of `box` on a `width` × `height` screen.
  ///
  /// Window x of a corner is `(x_ndc + 1) / 2 · width`; pixel x is covered when its centre
  /// x + 0.5 lies in the corners' span, so the range is ceil(min − 0.5) ... floor(max − 0.5),
  /// clamped to the screen.
  public static func of(_ box: AABB, viewProjection: Matrix4, width: Int, height: Int) -> ScreenRect {
    let r = DepthRasterizer(viewProjection: viewProjection, width: width, height: height)
    guard let v = r.windowCorners(box) else { return .nearCrossing }
    let lo = v.dropFirst().reduce(v[0]) { pointwiseMin($0, $1) }, hi = v.dropFirst().reduce(v[0]) { pointwiseMax($0, $1) }
    return ScreenRect(x0: max(0, Int((lo.x - 0.5).rounded(.up))), x1: min(width - 1, Int((hi.x - 0.5).rounded(.down))),
                      y0: max(0, Int((lo.y - 0.5).rounded(.up))), y1: min(height - 1, Int((hi.y - 0.5).rounded(.down))),
                      minDepth: lo.z)
  }
}

/// A hierarchical z-buffer: the depth buffer and a pyramid of coarser copies, each texel holding
/// the *farthest* (maximum) depth of the four below it.
///
/// Why the maximum: an object is hidden in a region when it is behind *everything* drawn there,
/// that is, nearer than nothing; the farthest depth of the region is the one to beat. With the
/// maximum stored, one texel of a coarse level answers for up to 2^L × 2^L pixels, so any screen
/// rectangle is covered by at most 2 × 2 texels of the right level: four reads instead of one
/// per pixel.
///
/// ```swift
/// let hiz = HiZ(depth)
/// if hiz.isOccluded(ScreenRect.of(box, viewProjection: vp, width: 320, height: 240)) { skip(box) }
/// ```
public struct HiZ: Sendable {
  /// Level 0 is the depth buffer itself; level L has ⌈w / 2^L⌉ × ⌈h / 2^L⌉ texels; the last is 1 × 1.
  public let levels: [DepthBuffer]

  /// Builds the pyramid. A texel whose 2 × 2 block hangs over the edge (odd sizes) takes the
  /// maximum of the children that exist.
  public init(_ base: DepthBuffer) {
    levels = HiZ.pyramid(base)
  }

  /// The max-pyramid of `base`, level 0 first.
  public static func pyramid(_ base: DepthBuffer) -> [DepthBuffer] {
    var levels = [base]
    while let last = levels.last, last.width > 1 || last.height > 1 {
      var next = DepthBuffer(width: (last.width + 1) / 2, height: (last.height + 1) / 2, clearedTo: 0)
      last.values.withUnsafeBufferPointer { src in
        next.values.withUnsafeMutableBufferPointer { dst in
          for y in 0..<next.height {
            let ya = 2 * y, yb = min(2 * y + 1, last.height - 1)
            for x in 0..<next.width {
              let xa = 2 * x, xb = min(2 * x + 1, last.width - 1)
              dst[y * next.width + x] = max(max(src[ya * last.width + xa], src[ya * last.width + xb]),
                                            max(src[yb * last.width + xa], src[yb * last.width + xb]))
            }
          }
        }
      }
      levels.append(next)
    }
    return levels
  }

  /// The finest level at which the rectangle spans at most two texels in each direction.
  public static func level(for r: ScreenRect, levels: Int) -> Int {
    var l = 0
    while l < levels - 1 && ((r.x1 >> l) - (r.x0 >> l) > 1 || (r.y1 >> l) - (r.y0 >> l) > 1) { l += 1 }
    return l
  }

  /// True when the object is certainly hidden: nearer than nothing drawn over its rectangle.
  /// Never true for an object crossing the near plane; always true for an empty rectangle
  /// (no pixel centre to be seen at).
  public func isOccluded(_ r: ScreenRect) -> Bool {
    if r.crossesNear { return false }
    if r.isEmpty { return true }
    let l = HiZ.level(for: r, levels: levels.count)
    let w = levels[l].width
    return levels[l].values.withUnsafeBufferPointer { texels in
      var farthest: Float = 0
      for y in (r.y0 >> l)...(r.y1 >> l) {
        for x in (r.x0 >> l)...(r.x1 >> l) { farthest = max(farthest, texels[y * w + x]) }
      }
      return r.minDepth > Double(farthest)
    }
  }

  /// The same question answered on the full-resolution buffer, pixel by pixel over the whole
  /// rectangle (stopping at the first pixel that could show the object). The baseline the
  /// pyramid is measured against: same answer as a level-0 test, more reads.
  public static func isOccludedFullResolution(_ r: ScreenRect, in depth: DepthBuffer) -> Bool {
    if r.crossesNear { return false }
    if r.isEmpty { return true }
    return depth.values.withUnsafeBufferPointer { pixels in
      for y in r.y0...r.y1 {
        for x in r.x0...r.x1 where r.minDepth <= Double(pixels[y * depth.width + x]) { return false }
      }
      return true
    }
  }
}
