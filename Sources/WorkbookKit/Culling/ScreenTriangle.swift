/// A triangle already projected to window coordinates (x, y on the screen, z the window depth
/// in [0, 1]), with the three affine functions a rasteriser evaluates: one *edge function* per
/// side, and the depth plane.
///
/// Why affine functions: under a perspective projection the window depth z/w is an affine
/// function of window x and y across a planar triangle, and "on the inner side of an edge" is
/// the sign of another affine function. So a rasteriser only ever evaluates
/// `A·x + B·y + C` — for a point, for a corner of a texel, or for a whole row at once.
///
/// The unit of x and y is whatever the caller chose: pixels of the full-resolution screen, or
/// texels of a smaller occlusion buffer (divide x and y by the texel size; z stays).
///
/// ```swift
/// let t = ScreenTriangle(SIMD3(0, 0, 0.5), SIMD3(8, 0, 0.5), SIMD3(0, 8, 0.9))!
/// t.contains(1, 1)                    // true
/// t.depth(1, 1)                       // 0.55: the plane at (1, 1)
/// t.conservativeTexelDepth(1, 1)      // 0.6: the farthest the plane gets over [1, 2] × [1, 2]
/// t.conservativeTexelDepth(7, 0)      // nil: corner (8, 1) of texel (7, 0) is outside
/// ```
public struct ScreenTriangle: Sendable {
  /// The vertices as given: x and y in the caller's unit, z the window depth.
  public let a: SIMD3<Double>, b: SIMD3<Double>, c: SIMD3<Double>
  /// Twice the signed area in window coordinates: positive when a → b → c turns counter-clockwise
  /// (x right, y up). A box's triangles are wound counter-clockwise seen from outside, so
  /// positive means *front-facing*.
  public let signedArea: Double
  /// The nearest and farthest vertex depth: every point of the triangle lies in between.
  public let depthRange: ClosedRange<Double>
  /// Edge k as (A, B, C): `A·x + B·y + C ≥ 0` on the inner side, whatever the winding; edge 0 is
  /// opposite a, edge 1 opposite b, edge 2 opposite c.
  let edges: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)
  /// -1 / A of each edge (infinite for an edge parallel to the x axis, never used then).
  let inverseA: SIMD3<Double>
  /// The depth plane as (zx, zy, z0): `depth = zx·x + zy·y + z0`.
  let plane: SIMD3<Double>
  /// The triangle's bounding rectangle in window coordinates.
  public let minX: Double, maxX: Double, minY: Double, maxY: Double

  /// Nil when the triangle has no area (or a coordinate is not finite): it covers nothing.
  public init?(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>) {
    let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    guard area != 0, area.isFinite else { return nil }
    self.a = a
    self.b = b
    self.c = c
    signedArea = area
    let s = area > 0 ? 1.0 : -1.0
    // The edge through p and q, positive on the side of the third vertex.
    func edge(_ p: SIMD3<Double>, _ q: SIMD3<Double>) -> SIMD3<Double> {
      SIMD3(-s * (q.y - p.y), s * (q.x - p.x), s * ((q.y - p.y) * p.x - (q.x - p.x) * p.y))
    }
    let e0 = edge(b, c), e1 = edge(c, a), e2 = edge(a, b)
    edges = (e0, e1, e2)
    inverseA = SIMD3(-1 / e0.x, -1 / e1.x, -1 / e2.x)
    // Barycentric weights are e_k / |area|, so the plane's coefficients are their depth-weighted sums.
    plane = (e0 * a.z + e1 * b.z + e2 * c.z) / abs(area)
    depthRange = min(a.z, b.z, c.z)...max(a.z, b.z, c.z)
    minX = min(a.x, b.x, c.x)
    maxX = max(a.x, b.x, c.x)
    minY = min(a.y, b.y, c.y)
    maxY = max(a.y, b.y, c.y)
  }

  /// True when (x, y) is inside the triangle or on its boundary.
  public func contains(_ x: Double, _ y: Double) -> Bool {
    edgeValues(x, y).min() >= 0
  }

  /// The three edge functions at (x, y); all ≥ 0 inside.
  public func edgeValues(_ x: Double, _ y: Double) -> SIMD3<Double> {
    SIMD3(edges.0.x * x + edges.0.y * y + edges.0.z,
          edges.1.x * x + edges.1.y * y + edges.1.z,
          edges.2.x * x + edges.2.y * y + edges.2.z)
  }

  /// The triangle's plane at (x, y), not clamped: outside the triangle it extrapolates.
  public func depth(_ x: Double, _ y: Double) -> Double {
    let p = planeCoefficients
    return p.x * x + p.y * y + p.z
  }

  /// (zx, zy, z0) with `depth = zx·x + zy·y + z0`.
  public var planeCoefficients: SIMD3<Double> { plane }

  /// The rule of a conservative occlusion buffer, for texel (x, y) = the square
  /// [x, x + 1] × [y, y + 1]: the depth the triangle may claim there, or nil.
  ///
  /// The texel is claimed only when all four corners are inside (a triangle is convex, so then
  /// the whole square is), and then with the *largest* depth the plane takes on the square —
  /// an affine function is largest at a corner — clamped to the vertices' range. Every point
  /// of the texel is then covered by the triangle at that depth or nearer, which is what lets
  /// a small buffer stand in for the full-resolution one without ever hiding too much.
  public func conservativeTexelDepth(_ x: Int, _ y: Int) -> Double? {
    let x0 = Double(x), y0 = Double(y), x1 = x0 + 1, y1 = y0 + 1
    guard contains(x0, y0), contains(x1, y0), contains(x0, y1), contains(x1, y1) else { return nil }
    let farthest = max(depth(x0, y0), depth(x1, y0), depth(x0, y1), depth(x1, y1))
    return min(depthRange.upperBound, max(depthRange.lowerBound, farthest))
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
    var lo = minX, hi = maxX
    let (e0, e1, e2) = edges, r = inverseA
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
    var lo = minX, hi = maxX - 1
    let (e0, e1, e2) = edges, r = inverseA
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
