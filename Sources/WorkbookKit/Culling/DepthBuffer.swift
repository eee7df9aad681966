/// A depth buffer: one `Float` per pixel, window depth in [0, 1] (0 at the near plane, 1 at the
/// far plane, as OpenGL and VTK's z-buffer store it), row 0 at the *bottom* of the image.
///
/// The occlusion chapter rasterises occluders into one of these on the CPU, so that objects can
/// be tested against it before anything is sent to the GPU.
///
/// ```swift
/// var depth = DepthBuffer(width: 320, height: 240)     // cleared to 1 (far)
/// let r = DepthRasterizer(viewProjection: vp, width: 320, height: 240)
/// r.draw(buildingBox, into: &depth)
/// ```
public struct DepthBuffer: Equatable, Sendable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// Row-major from the bottom row: pixel (x, y) is `values[y * width + x]`.
  public var values: [Float]

  /// A buffer with every pixel at `value` (1: the far plane, nothing drawn yet).
  /// - Precondition: both sizes are positive.
  public init(width: Int, height: Int, clearedTo value: Float = 1) {
    precondition(width > 0 && height > 0)
    self.width = width
    self.height = height
    values = [Float](repeating: value, count: width * height)
  }

  /// The depth at pixel (x, y), row 0 at the bottom. Only the array's bounds are checked, so
  /// an `x` past the right edge reads the next row.
  public subscript(x: Int, y: Int) -> Float {
    get { values[y * width + x] }
    set { values[y * width + x] = newValue }
  }
}

/// Rasterises boxes into a full-resolution `DepthBuffer`, and answers the exact per-pixel
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
public struct DepthRasterizer: Sendable {
  /// World → clip matrix in OpenGL's convention (clip z from −w to w), e.g.
  /// `Camera.compositeProjectionMatrix(aspect:nearZ:farZ:)` with its defaults (-1, 1).
  public let viewProjection: Matrix4
  /// Screen width in pixels; every buffer drawn into must have it.
  public let width: Int
  /// Screen height in pixels.
  public let height: Int

  /// A rasteriser for a `width` × `height` screen seen through `viewProjection`.
  public init(viewProjection: Matrix4, width: Int, height: Int) {
    self.viewProjection = viewProjection
    self.width = width
    self.height = height
  }

  /// The 12 triangles of a box, as corner indices into `AABB.corners` (x varies fastest), each
  /// wound counter-clockwise seen from outside the box.
  public static let boxTriangles: [(Int, Int, Int)] = [
    (0, 2, 1), (1, 2, 3), (4, 5, 6), (5, 7, 6),  // z = min, z = max
    (0, 1, 4), (1, 5, 4), (2, 6, 3), (3, 6, 7),  // y = min, y = max
    (0, 4, 2), (2, 4, 6), (1, 3, 5), (3, 7, 5),  // x = min, x = max
  ]

  /// The box's corners in window coordinates (x, y in pixels, z in [0, 1]), or nil when a
  /// corner is not in front of the near plane.
  public func windowCorners(_ box: AABB) -> [SIMD3<Double>]? {
    var out: [SIMD3<Double>] = []
    out.reserveCapacity(8)
    for i in 0..<8 {
      let c = SIMD3(i & 1 == 0 ? box.min.x : box.max.x, i & 2 == 0 ? box.min.y : box.max.y, i & 4 == 0 ? box.min.z : box.max.z)
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
  public func frontTriangles(_ box: AABB, scale: Double = 1) -> [ScreenTriangle]? {
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
  public func draw(_ box: AABB, into buffer: inout DepthBuffer) -> Bool {
    precondition(buffer.width == width && buffer.height == height, "buffer size differs from the rasteriser's")
    guard let triangles = frontTriangles(box) else { return false }
    for t in triangles { DepthRasterizer.fill(t, into: &buffer) }
    return true
  }

  /// Draws one triangle, given in this buffer's window coordinates, keeping the nearest depth
  /// per pixel: every pixel whose centre it covers gets its plane's depth there.
  public static func fill(_ t: ScreenTriangle, into buffer: inout DepthBuffer) {
    let w = buffer.width, h = buffer.height
    let zlo = t.depthRange.lowerBound, zhi = t.depthRange.upperBound
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
  public func isVisible(_ box: AABB, in buffer: DepthBuffer) -> Bool {
    guard let triangles = frontTriangles(box) else { return true }
    let w = width
    return buffer.values.withUnsafeBufferPointer { pixels in
      for t in triangles {
        var seen = false
        DepthRasterizer.forEachRun(t, width: w, height: height) { y, x0, x1, zx, zRow in
          let row = y * w
          for x in x0...x1 {
            let z = min(t.depthRange.upperBound, max(t.depthRange.lowerBound, zx * (Double(x) + 0.5) + zRow))
            if z <= Double(pixels[row + x]) { seen = true; return false }
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
  public func footprint(_ box: AABB) -> ScreenRect {
    guard let triangles = frontTriangles(box) else { return .nearCrossing }
    var r = ScreenRect(x0: width, x1: -1, y0: height, y1: -1, minDepth: 1)
    for t in triangles {
      DepthRasterizer.forEachRun(t, width: width, height: height) { y, x0, x1, zx, zRow in
        r.x0 = min(r.x0, x0); r.x1 = max(r.x1, x1); r.y0 = min(r.y0, y); r.y1 = max(r.y1, y)
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
  static func forEachRun(_ t: ScreenTriangle, width: Int, height: Int, _ body: (Int, Int, Int, Double, Double) -> Bool) {
    let y0 = clampedCeil(t.minY - 0.5, 0...height), y1 = clampedFloor(t.maxY - 0.5, -1...height - 1)
    guard y0 <= y1 else { return }
    let p = t.planeCoefficients
    for y in y0...y1 {
      let py = Double(y) + 0.5
      let (lo, hi) = t.span(atY: py)
      let x0 = clampedCeil(lo - 0.5, 0...width), x1 = clampedFloor(hi - 0.5, -1...width - 1)
      if x0 > x1 { continue }
      if !body(y, x0, x1, p.x, p.y * py + p.z) { return }
    }
  }
}
