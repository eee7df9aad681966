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
  public let width: Int
  public let height: Int
  /// Row-major from the bottom row: pixel (x, y) is `values[y * width + x]`.
  public var values: [Float]

  public init(width: Int, height: Int, clearedTo value: Float = 1) {
    precondition(width > 0 && height > 0)
    self.width = width
    self.height = height
    values = [Float](repeating: value, count: width * height)
  }

  public subscript(x: Int, y: Int) -> Float {
    get { values[y * width + x] }
    set { values[y * width + x] = newValue }
  }
}

/// Rasterises boxes (as 12 triangles) into a `DepthBuffer`, and answers the exact per-pixel
/// question "does any pixel of this box pass the depth test?".
///
/// Pixel (x, y) is sampled at its centre (x + 0.5, y + 0.5) in window coordinates. A triangle
/// covers the centres inside it or on its edges (closed triangles: a centre on a shared edge is
/// covered by both, harmless for depth). Window depth is interpolated linearly in screen space,
/// which is exact for a perspective projection (z/w is affine in screen x, y).
///
/// Boxes that reach behind the near plane are not rasterised (`draw` returns false): clipping is
/// left out, and leaving an occluder out only makes culling more cautious.
public struct DepthRasterizer: Sendable {
  public let viewProjection: Matrix4
  public let width: Int
  public let height: Int

  public init(viewProjection: Matrix4, width: Int, height: Int) {
    self.viewProjection = viewProjection
    self.width = width
    self.height = height
  }

  /// The 12 triangles of a box, as corner indices into `AABB.corners` (x varies fastest).
  static let boxTriangles: [(Int, Int, Int)] = [
    (0, 2, 1), (1, 2, 3), (4, 5, 6), (5, 7, 6),  // z = min, z = max
    (0, 1, 4), (1, 5, 4), (2, 6, 3), (3, 6, 7),  // y = min, y = max
    (0, 4, 2), (2, 4, 6), (1, 3, 5), (3, 7, 5),  // x = min, x = max
  ]

  /// The box's corners in window coordinates (x, y in pixels, z in [0, 1]), or nil when a
  /// corner is not in front of the near plane.
  public func windowCorners(_ box: AABB) -> [SIMD3<Double>]? {
    var out: [SIMD3<Double>] = []
    out.reserveCapacity(8)
    for c in box.corners {
      let clip = viewProjection.transform(point: c)
      // In front of the near plane means z_ndc ≥ -1, i.e. z + w ≥ 0, with w > 0.
      guard clip.w > 0, clip.z + clip.w >= 0 else { return nil }
      let ndc = SIMD3(clip.x, clip.y, clip.z) / clip.w
      out.append(SIMD3((ndc.x + 1) / 2 * Double(width), (ndc.y + 1) / 2 * Double(height), (ndc.z + 1) / 2))
    }
    return out
  }

  /// Draws the box's depth (keeping the nearest value per pixel). Returns false, drawing
  /// nothing, when the box reaches behind the near plane.
  @discardableResult
  public func draw(_ box: AABB, into buffer: inout DepthBuffer) -> Bool {
    guard let v = windowCorners(box) else { return false }
    for (a, b, c) in DepthRasterizer.boxTriangles {
      forEachPixel(v[a], v[b], v[c]) { x, y, z in
        let i = y * buffer.width + x
        if Float(z) < buffer.values[i] { buffer.values[i] = Float(z) }
        return true
      }
    }
    return true
  }

  /// The exact test: true when some pixel the box covers has a depth ≤ the buffer's there
  /// (ties count as visible). A box reaching behind the near plane is reported visible.
  public func isVisible(_ box: AABB, in buffer: DepthBuffer) -> Bool {
    guard let v = windowCorners(box) else { return true }
    for (a, b, c) in DepthRasterizer.boxTriangles {
      var seen = false
      forEachPixel(v[a], v[b], v[c]) { x, y, z in
        if z <= Double(buffer.values[y * buffer.width + x]) { seen = true }
        return !seen
      }
      if seen { return true }
    }
    return false
  }

  /// The pixels the box really covers, as a tight rectangle, with the nearest depth among
  /// them: what a correct `ScreenRect` must contain. `.nearCrossing` when the box reaches behind
  /// the near plane; an empty rectangle when it covers no pixel centre.
  public func footprint(_ box: AABB) -> ScreenRect {
    guard let v = windowCorners(box) else { return .nearCrossing }
    var r = ScreenRect(x0: width, x1: -1, y0: height, y1: -1, minDepth: 1)
    for (a, b, c) in DepthRasterizer.boxTriangles {
      forEachPixel(v[a], v[b], v[c]) { x, y, z in
        r.x0 = min(r.x0, x); r.x1 = max(r.x1, x); r.y0 = min(r.y0, y); r.y1 = max(r.y1, y)
        r.minDepth = min(r.minDepth, z)
        return true
      }
    }
    return r
  }

  /// Calls `body(x, y, depth)` for each pixel centre covered by the triangle, until it returns
  /// false. The depth is clamped to the vertices' range, so rounding in the interpolation can
  /// never put it nearer than the nearest vertex.
  func forEachPixel(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>,
                    _ body: (Int, Int, Double) -> Bool) {
    let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    guard area != 0, area.isFinite else { return }
    let x0 = max(0, Int((min(a.x, b.x, c.x) - 0.5).rounded(.up))), x1 = min(width - 1, Int((max(a.x, b.x, c.x) - 0.5).rounded(.down)))
    let y0 = max(0, Int((min(a.y, b.y, c.y) - 0.5).rounded(.up))), y1 = min(height - 1, Int((max(a.y, b.y, c.y) - 0.5).rounded(.down)))
    guard x0 <= x1, y0 <= y1 else { return }
    let zmin = min(a.z, b.z, c.z), zmax = max(a.z, b.z, c.z)
    let s = area > 0 ? 1.0 : -1.0
    for y in y0...y1 {
      let py = Double(y) + 0.5
      for x in x0...x1 {
        let px = Double(x) + 0.5
        // Edge functions, signed so that inside is ≥ 0 whatever the winding.
        let w0 = s * ((c.x - b.x) * (py - b.y) - (c.y - b.y) * (px - b.x))
        let w1 = s * ((a.x - c.x) * (py - c.y) - (a.y - c.y) * (px - c.x))
        let w2 = s * ((b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x))
        guard w0 >= 0, w1 >= 0, w2 >= 0 else { continue }
        let z = min(zmax, max(zmin, (w0 * a.z + w1 * b.z + w2 * c.z) / abs(area)))
        if !body(x, y, z) { return }
      }
    }
  }
}
