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
  public let edges: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)
  /// -1 / A of each edge (infinite for an edge parallel to the x axis), for rasterisers that
  /// solve `A·x + B·y + C = 0` for x once per row.
  public let inverseA: SIMD3<Double>
  /// The depth plane as (zx, zy, z0): `depth = zx·x + zy·y + z0`.
  @usableFromInline let plane: SIMD3<Double>
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
    let e0 = edge(b, c)
    let e1 = edge(c, a)
    let e2 = edge(a, b)
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
  @inlinable public func contains(_ x: Double, _ y: Double) -> Bool {
    edgeValues(x, y).min() >= 0
  }

  /// The three edge functions at (x, y); all ≥ 0 inside.
  @inlinable public func edgeValues(_ x: Double, _ y: Double) -> SIMD3<Double> {
    SIMD3(
      edges.0.x * x + edges.0.y * y + edges.0.z,
      edges.1.x * x + edges.1.y * y + edges.1.z,
      edges.2.x * x + edges.2.y * y + edges.2.z)
  }

  /// The triangle's plane at (x, y), not clamped: outside the triangle it extrapolates.
  @inlinable public func depth(_ x: Double, _ y: Double) -> Double {
    let p = planeCoefficients
    return p.x * x + p.y * y + p.z
  }

  /// (zx, zy, z0) with `depth = zx·x + zy·y + z0`.
  @inlinable public var planeCoefficients: SIMD3<Double> { plane }
}
