import Imaging
import WorkbookKit

// The two rasterisers of chapter 07: the exact full-resolution one every shortcut is measured
// against, and the small conservative one. Internal to the chapter.

/// Rasterises boxes into a full-resolution `DepthImage`, and answers the exact per-pixel
/// question "does any pixel of this box pass the depth test?" — the reference the occlusion
/// chapter measures every shortcut against.
///
/// Pixel (x, y) is sampled at its centre (x + 0.5, y + 0.5) in window coordinates. A triangle
/// covers the centres inside it or on its edges. Window depth is interpolated linearly in screen
/// space, which is exact for a perspective projection (z/w is affine in screen x, y), and clamped
/// to the vertices' range.
///
/// Only the *front-facing* triangles of a box are drawn: behind every pixel of a back face there
/// is a front face of the same (convex) box, nearer, so the back faces change no depth and no
/// answer, and skipping them halves the work. Each triangle is filled row by row, the row's run
/// of covered pixels computed from the three edge functions, so no time goes to pixels outside.
///
/// Boxes that reach behind the near plane are not rasterised (`draw` returns false): clipping is
/// left out, and leaving an occluder out only makes culling more cautious.
struct DepthRasterizer: Sendable {
  /// World → clip matrix in OpenGL's convention (clip z from −w to w), e.g.
  /// `Camera.compositeProjectionMatrix(aspect:nearZ:farZ:)` with its defaults (-1, 1).
  let viewProjection: Matrix4
  /// Screen width in pixels; every buffer drawn into must have it.
  let width: Int
  /// Screen height in pixels.
  let height: Int

  /// The 12 triangles of a box, as corner indices into `AABB.corners` (x varies fastest), each
  /// wound counter-clockwise seen from outside the box.
  static let boxTriangles: [(Int, Int, Int)] = [
    (0, 2, 1), (1, 2, 3), (4, 5, 6), (5, 7, 6),  // z = min, z = max
    (0, 1, 4), (1, 5, 4), (2, 6, 3), (3, 6, 7),  // y = min, y = max
    (0, 4, 2), (2, 4, 6), (1, 3, 5), (3, 7, 5),  // x = min, x = max
  ]

  /// The box's corners in window coordinates (x, y in pixels, z in [0, 1]), or nil when a
  /// corner is not in front of the near plane.
  func windowCorners(_ box: AABB) -> [SIMD3<Double>]? {
    var out: [SIMD3<Double>] = []
    out.reserveCapacity(8)
    for i in 0..<8 {
      let c = SIMD3(
        i & 1 == 0 ? box.min.x : box.max.x, i & 2 == 0 ? box.min.y : box.max.y, i & 4 == 0 ? box.min.z : box.max.z)
      guard let w = windowPoint(c) else { return nil }
      out.append(w)
    }
    return out
  }

  /// One point in window coordinates, or nil when it is not in front of the near plane
  /// (z_ndc ≥ -1, i.e. z + w ≥ 0, with w > 0).
  @inline(__always)
  func windowPoint(_ p: SIMD3<Double>) -> SIMD3<Double>? {
    let clip = viewProjection.transform(point: p)
    guard clip.w > 0, clip.z + clip.w >= 0 else { return nil }
    let ndc = SIMD3(clip.x, clip.y, clip.z) / clip.w
    return SIMD3((ndc.x + 1) / 2 * Double(width), (ndc.y + 1) / 2 * Double(height), (ndc.z + 1) / 2)
  }

  /// The box's front-facing triangles in window coordinates, each scaled by `scale` in x and y
  /// (1 for pixels; 1/4 for the texels of a buffer a quarter the size). Nil when the box reaches
  /// behind the near plane.
  func frontTriangles(_ box: AABB, scale: Double = 1) -> [ScreenTriangle]? {
    guard let v = windowCorners(box) else { return nil }
    let s = SIMD3(scale, scale, 1)
    var out: [ScreenTriangle] = []
    out.reserveCapacity(6)  // a box shows at most three faces
    for (i, j, k) in DepthRasterizer.boxTriangles {
      // Facing first: half the triangles are dropped before paying for their edge functions.
      let (a, b, c) = (v[i], v[j], v[k])
      guard (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) > 0 else { continue }
      if let t = ScreenTriangle(a * s, b * s, c * s), t.signedArea > 0 { out.append(t) }
    }
    return out
  }

  /// Draws the box's depth (keeping the nearest value per pixel). Returns false, drawing
  /// nothing, when the box reaches behind the near plane.
  @discardableResult
  func draw(_ box: AABB, into buffer: inout DepthImage) -> Bool {
    precondition(buffer.width == width && buffer.height == height, "buffer size differs from the rasteriser's")
    guard let triangles = frontTriangles(box) else { return false }
    for t in triangles { DepthRasterizer.fill(t, into: &buffer) }
    return true
  }

  /// Draws one triangle, given in this buffer's window coordinates, keeping the nearest depth
  /// per pixel: every pixel whose centre it covers gets its plane's depth there.
  static func fill(_ t: ScreenTriangle, into buffer: inout DepthImage) {
    let w = buffer.width
    let h = buffer.height
    let zlo = t.depthRange.lowerBound
    let zhi = t.depthRange.upperBound
    buffer.values.withUnsafeMutableBufferPointer { pixels in
      forEachRun(t, width: w, height: h) { y, x0, x1, zx, zRow in
        let row = pixels.baseAddress! + y * w
        // Branch-free, with a plain counter, so the compiler can process several pixels per
        // instruction (a `for` over a closed range checks for overflow on every step).
        var x = x0
        while x <= x1 {
          row[x] = min(row[x], Float(min(zhi, max(zlo, zx * (Double(x) + 0.5) + zRow))))
          x &+= 1
        }
        return true
      }
    }
  }

  /// The exact test: true when some pixel the box covers has a depth ≤ the buffer's there
  /// (ties count as visible). A box reaching behind the near plane is reported visible.
  func isVisible(_ box: AABB, in buffer: DepthImage) -> Bool {
    guard let triangles = frontTriangles(box) else { return true }
    let w = width
    return buffer.values.withUnsafeBufferPointer { pixels in
      for t in triangles {
        var seen = false
        DepthRasterizer.forEachRun(t, width: w, height: height) { y, x0, x1, zx, zRow in
          let row = y * w
          for x in x0...x1 {
            let z = min(t.depthRange.upperBound, max(t.depthRange.lowerBound, zx * (Double(x) + 0.5) + zRow))
            if z <= Double(pixels[row + x]) {
              seen = true
              return false
            }
          }
          return true
        }
        if seen { return true }
      }
      return false
    }
  }

  /// The pixels the box really covers, as a tight rectangle, with the nearest depth among
  /// them: what a correct `ScreenRect` must contain. `.nearCrossing` when the box reaches behind
  /// the near plane; an empty rectangle when it covers no pixel centre.
  func footprint(_ box: AABB) -> ScreenRect {
    guard let triangles = frontTriangles(box) else { return .nearCrossing }
    var r = ScreenRect(x0: width, x1: -1, y0: height, y1: -1, minDepth: 1)
    for t in triangles {
      DepthRasterizer.forEachRun(t, width: width, height: height) { y, x0, x1, zx, zRow in
        r.x0 = min(r.x0, x0)
        r.x1 = max(r.x1, x1)
        r.y0 = min(r.y0, y)
        r.y1 = max(r.y1, y)
        // Depth is affine along the run: its smallest value is at one end.
        let ends = min(zx * (Double(x0) + 0.5), zx * (Double(x1) + 0.5)) + zRow
        r.minDepth = min(r.minDepth, min(t.depthRange.upperBound, max(t.depthRange.lowerBound, ends)))
        return true
      }
    }
    return r
  }

  /// Calls `body(y, x0, x1, zx, zRow)` for each row y of pixel centres the triangle covers, with
  /// the covered run x0...x1 (clipped to the screen) and the depth plane along the row,
  /// `depth(x) = zx · (x + 0.5) + zRow`; stops when `body` returns false.
  @inline(__always)
  static func forEachRun(_ t: ScreenTriangle, width: Int, height: Int, _ body: (Int, Int, Int, Double, Double) -> Bool)
  {
    let y0 = clampedCeil(t.minY - 0.5, 0...height)
    let y1 = clampedFloor(t.maxY - 0.5, -1...height - 1)
    guard y0 <= y1 else { return }
    let p = t.planeCoefficients
    for y in y0...y1 {
      let py = Double(y) + 0.5
      let (lo, hi) = t.span(atY: py)
      let x0 = clampedCeil(lo - 0.5, 0...width)
      let x1 = clampedFloor(hi - 0.5, -1...width - 1)
      if x0 > x1 { continue }
      if !body(y, x0, x1, p.x, p.y * py + p.z) { return }
    }
  }
}

/// Rasterises occluder boxes into a *small* depth buffer — one texel per 2^pixelShift ×
/// 2^pixelShift block of screen pixels — so conservatively that the small buffer never claims
/// an occluder where the full-resolution one would not, nor nearer than it would.
///
/// Why: an occlusion buffer is read many times per frame but costs a rasterisation first, and
/// that cost is proportional to its area. At a quarter of the width and height (160 × 120 for a
/// 640 × 480 frame) it is sixteen times smaller. Sampling the occluders at the texel centres,
/// as an ordinary low-resolution render would, is *not* safe: a texel half covered by a wall
/// would claim the wall's depth over its whole area, and an object seen through the other half
/// would be culled. So a texel is written only when a triangle covers it entirely (its four
/// corners are inside), and with the farthest depth the triangle has over it (the largest at
/// the four corners, as depth is affine on the triangle). Texels no triangle covers entirely
/// stay at 1, the far plane.
///
/// Consequence: for every screen pixel p in texel T, `small[T] ≥ full[p]`, where `full` is what
/// `DepthRasterizer` draws from the same boxes. The max-pyramid built on top and the occlusion
/// test (`HiZ` with the same `pixelShift`) keep that direction, so they never cull an object the
/// full-resolution depth test sees.
///
/// ```swift
/// let r = ConservativeRasterizer(viewProjection: vp, screenWidth: 640, screenHeight: 480, pixelShift: 2)
/// var small = r.makeBuffer()                      // 160 × 120, cleared to 1
/// for b in occluders { r.draw(b, into: &small) }
/// let hiz = HiZ(small, pixelShift: 2)             // tests take full-resolution ScreenRects
/// ```
struct ConservativeRasterizer: Sendable {
  /// Projects boxes at the full screen resolution; its triangles are scaled down to texels.
  let screen: DepthRasterizer
  /// One texel is 2^pixelShift screen pixels wide and high.
  let pixelShift: Int
  /// The small buffer's size: the screen's, divided by 2^pixelShift and rounded up.
  let width: Int, height: Int

  /// - Parameters:
  ///   - viewProjection: world → clip matrix, as for `DepthRasterizer`.
  ///   - screenWidth: the full-resolution screen's width in pixels.
  ///   - screenHeight: its height in pixels.
  ///   - pixelShift: texel size as a power of two, 0..<16 (2: one texel per 4 × 4 pixels).
  init(viewProjection: Matrix4, screenWidth: Int, screenHeight: Int, pixelShift: Int) {
    precondition(pixelShift >= 0 && pixelShift < 16)
    screen = DepthRasterizer(viewProjection: viewProjection, width: screenWidth, height: screenHeight)
    self.pixelShift = pixelShift
    let size = 1 << pixelShift
    width = (screenWidth + size - 1) / size
    height = (screenHeight + size - 1) / size
  }

  /// A small buffer of the right size, cleared to the far plane.
  func makeBuffer() -> DepthImage { DepthImage(width: width, height: height) }

  /// The box's front-facing triangles in texel coordinates (window x and y divided by
  /// 2^pixelShift — exact, a power of two — and z unchanged); nil when it crosses the near plane.
  func triangles(_ box: AABB) -> [ScreenTriangle]? {
    screen.frontTriangles(box, scale: 1 / Double(1 << pixelShift))
  }

  /// Draws the box (keeping the nearest value per texel); false, drawing nothing, when the box
  /// reaches behind the near plane.
  @discardableResult
  func draw(_ box: AABB, into buffer: inout DepthImage) -> Bool {
    precondition(buffer.width == width && buffer.height == height, "buffer size differs from the rasteriser's")
    guard let triangles = triangles(box) else { return false }
    for t in triangles { ConservativeRasterizer.fill(t, into: &buffer) }
    return true
  }

  /// Writes `t.conservativeTexelDepth` (made `storable`) into every texel it returns a value
  /// for, keeping the nearest, without asking texel by texel: for each row of texels, the run whose four corners
  /// are inside comes from the edge functions directly (`texelSpan`), and the farthest corner
  /// depth is the plane at the texel's origin plus max(zx, 0) + max(zy, 0).
  static func fill(_ t: ScreenTriangle, into buffer: inout DepthImage) {
    let w = buffer.width
    let j0 = clampedCeil(t.minY, 0...buffer.height)
    let j1 = clampedFloor(t.maxY - 1, -1...buffer.height - 1)
    guard j0 <= j1 else { return }
    let p = t.planeCoefficients
    // Depths beyond 1 change nothing in a buffer cleared to 1, and capping there keeps `storable`'s margin valid.
    let zlo = min(t.depthRange.lowerBound, 1)
    let zhi = min(t.depthRange.upperBound, 1)
    buffer.values.withUnsafeMutableBufferPointer { texels in
      for j in j0...j1 {
        let (lo, hi) = t.texelSpan(row: Double(j))
        let i0 = clampedCeil(lo, 0...w)
        let i1 = clampedFloor(hi, -1...w - 1)
        if i0 > i1 { continue }
        let zRow = p.y * Double(j) + max(p.y, 0) + p.z + max(p.x, 0)
        let row = texels.baseAddress! + j * w
        // Branch-free, with a plain counter, so the compiler can process several texels per
        // instruction (a `for` over a closed range checks for overflow on every step).
        var i = i0
        while i <= i1 {
          row[i] = min(row[i], storable(min(zhi, max(zlo, p.x * Double(i) + zRow))))
          i &+= 1
        }
      }
    }
  }

  /// A `Float` for depth `z` that is never nearer than `z`, for z in [0, 1]: z is pushed
  /// 2^-24 (6e-8) away from the viewer, then rounded to the nearest `Float`, which moves it by at
  /// most half a unit in the last place — 2^-25 below 1 — so less than the push. (Plain
  /// conversion rounds to the nearest, which may be a hair *nearer* than z; a conservative
  /// buffer cannot allow that.)
  @inline(__always)
  static func storable(_ z: Double) -> Float {
    Float(z + 0x1p-24)
  }
}

// MARK: - Rows, for the rasterisers

extension ScreenTriangle {
  /// Narrows [lo, hi] to the x where `A·x + k ≥ 0`, with A the edge's x coefficient and
  /// `inverse` = -1 / A (a multiplication per row is much cheaper than a division).
  @inline(__always)
  static func clip(_ a: Double, _ inverse: Double, _ k: Double, _ lo: inout Double, _ hi: inout Double) {
    if a > 0 {
      lo = Swift.max(lo, k * inverse)
    } else if a < 0 {
      hi = Swift.min(hi, k * inverse)
    } else if k < 0 {
      lo = .infinity  // parallel to the row and on the wrong side: nothing
    }
  }

  /// The x-interval of the line at height y inside the triangle (empty when lo > hi).
  @inline(__always)
  func span(atY y: Double) -> (lo: Double, hi: Double) {
    var lo = minX
    var hi = maxX
    let (e0, e1, e2) = edges
    let r = inverseA
    ScreenTriangle.clip(e0.x, r.x, e0.y * y + e0.z, &lo, &hi)
    ScreenTriangle.clip(e1.x, r.y, e1.y * y + e1.z, &lo, &hi)
    ScreenTriangle.clip(e2.x, r.z, e2.y * y + e2.z, &lo, &hi)
    return (lo, hi)
  }

  /// The real interval of i for which texel [i, i + 1] × [y, y + 1] has its four corners
  /// inside: for each edge, its smallest value over the four corners must be ≥ 0, and that
  /// smallest value is `A·i + min(A, 0) + B·y + min(B, 0) + C`.
  @inline(__always)
  func texelSpan(row y: Double) -> (lo: Double, hi: Double) {
    var lo = minX
    var hi = maxX - 1
    let (e0, e1, e2) = edges
    let r = inverseA
    ScreenTriangle.clip(e0.x, r.x, Swift.min(e0.x, 0) + e0.y * y + Swift.min(e0.y, 0) + e0.z, &lo, &hi)
    ScreenTriangle.clip(e1.x, r.y, Swift.min(e1.x, 0) + e1.y * y + Swift.min(e1.y, 0) + e1.z, &lo, &hi)
    ScreenTriangle.clip(e2.x, r.z, Swift.min(e2.x, 0) + e2.y * y + Swift.min(e2.y, 0) + e2.z, &lo, &hi)
    return (lo, hi)
  }
}

/// ⌈v⌉ clamped to `range`, as an Int; safe for huge, infinite or NaN values (NaN gives
/// `range.lowerBound`). Rasterisers clamp the first index of a run to 0...n and the last to
/// -1...n-1 (`clampedFloor`), so a run entirely off one side stays empty after clamping.
/// Written with an integer conversion rather than `rounded(.up)`, which without SSE4.1 (the
/// baseline x86-64 target) is a call into the C library — once per row adds up.
@inline(__always)
func clampedCeil(_ v: Double, _ range: ClosedRange<Int>) -> Int {
  guard v > Double(range.lowerBound) else { return range.lowerBound }
  guard v < Double(range.upperBound) else { return range.upperBound }
  let t = Int(v)  // toward zero; safe, v is between two Ints
  return Double(t) < v ? t + 1 : t
}

/// ⌊v⌋ clamped to `range`, as an Int; see `clampedCeil`.
@inline(__always)
func clampedFloor(_ v: Double, _ range: ClosedRange<Int>) -> Int {
  guard v > Double(range.lowerBound) else { return range.lowerBound }
  guard v < Double(range.upperBound) else { return range.upperBound }
  let t = Int(v)
  return Double(t) > v ? t - 1 : t
}
