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
public struct ConservativeRasterizer: Sendable {
  /// Projects boxes at the full screen resolution; its triangles are scaled down to texels.
  public let screen: DepthRasterizer
  /// One texel is 2^pixelShift screen pixels wide and high.
  public let pixelShift: Int
  /// The small buffer's size: the screen's, divided by 2^pixelShift and rounded up.
  public let width: Int, height: Int

  /// - Parameters:
  ///   - viewProjection: world → clip matrix, as for `DepthRasterizer`.
  ///   - screenWidth: the full-resolution screen's width in pixels.
  ///   - screenHeight: its height in pixels.
  ///   - pixelShift: texel size as a power of two, 0..<16 (2: one texel per 4 × 4 pixels).
  public init(viewProjection: Matrix4, screenWidth: Int, screenHeight: Int, pixelShift: Int) {
    precondition(pixelShift >= 0 && pixelShift < 16)
    screen = DepthRasterizer(viewProjection: viewProjection, width: screenWidth, height: screenHeight)
    self.pixelShift = pixelShift
    let size = 1 << pixelShift
    width = (screenWidth + size - 1) / size
    height = (screenHeight + size - 1) / size
  }

  /// A small buffer of the right size, cleared to the far plane.
  public func makeBuffer() -> DepthBuffer { DepthBuffer(width: width, height: height) }

  /// The box's front-facing triangles in texel coordinates (window x and y divided by
  /// 2^pixelShift — exact, a power of two — and z unchanged); nil when it crosses the near plane.
  public func triangles(_ box: AABB) -> [ScreenTriangle]? {
    screen.frontTriangles(box, scale: 1 / Double(1 << pixelShift))
  }

  /// Draws the box (keeping the nearest value per texel); false, drawing nothing, when the box
  /// reaches behind the near plane.
  @discardableResult
  public func draw(_ box: AABB, into buffer: inout DepthBuffer) -> Bool {
    precondition(buffer.width == width && buffer.height == height, "buffer size differs from the rasteriser's")
    guard let triangles = triangles(box) else { return false }
    for t in triangles { ConservativeRasterizer.fill(t, into: &buffer) }
    return true
  }

  /// Writes `t.conservativeTexelDepth` (made `storable`) into every texel it returns a value
  /// for, keeping the nearest, without asking texel by texel: for each row of texels, the run whose four corners
  /// are inside comes from the edge functions directly (`texelSpan`), and the farthest corner
  /// depth is the plane at the texel's origin plus max(zx, 0) + max(zy, 0).
  public static func fill(_ t: ScreenTriangle, into buffer: inout DepthBuffer) {
    let w = buffer.width
    let j0 = clampedCeil(t.minY, 0...buffer.height), j1 = clampedFloor(t.maxY - 1, -1...buffer.height - 1)
    guard j0 <= j1 else { return }
    let p = t.planeCoefficients
    // Depths beyond 1 change nothing in a buffer cleared to 1, and capping there keeps `storable`'s margin valid.
    let zlo = min(t.depthRange.lowerBound, 1), zhi = min(t.depthRange.upperBound, 1)
    buffer.values.withUnsafeMutableBufferPointer { texels in
      for j in j0...j1 {
        let (lo, hi) = t.texelSpan(row: Double(j))
        let i0 = clampedCeil(lo, 0...w), i1 = clampedFloor(hi, -1...w - 1)
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
  public static func storable(_ z: Double) -> Float {
    Float(z + 0x1p-24)
  }
}
