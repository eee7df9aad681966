/// A plane `normal·x + d = 0`; points with `normal·x + d ≥ 0` are on its inner side.
///
/// Frustum planes in this workbook follow VTK's `vtkCamera::GetFrustumPlanes`: unit normals
/// pointing into the frustum, so `signedDistance` is a true distance, positive inside.
///
/// ```swift
/// let floor = Plane(normal: SIMD3(0, 1, 0), d: 0)   // y ≥ 0 is inside
/// floor.signedDistance(to: SIMD3(0, 2, 0))          // 2
/// ```
public struct Plane: Equatable, Sendable, CustomStringConvertible {
  /// The normal, pointing to the inner side.
  public var normal: SIMD3<Double>
  /// The offset: the plane holds the points with `normal·x = −d`.
  public var d: Double

  /// A plane from its normal and offset, used as given (see `normalized`).
  @inlinable public init(normal: SIMD3<Double>, d: Double) {
    self.normal = normal
    self.d = d
  }

  /// From the four coefficients (a, b, c, d) of `a·x + b·y + c·z + d`.
  public init(_ abcd: SIMD4<Double>) { self.init(normal: SIMD3(abcd.x, abcd.y, abcd.z), d: abcd.w) }

  /// The four coefficients (a, b, c, d).
  @inlinable public var coefficients: SIMD4<Double> { SIMD4(normal.x, normal.y, normal.z, d) }

  /// `normal·p + d`: positive on the inner side; a distance when the normal has length 1.
  @inlinable public func signedDistance(to p: SIMD3<Double>) -> Double {
    normal.x * p.x + normal.y * p.y + normal.z * p.z + d
  }

  /// The same plane with a unit normal. A plane whose normal has length 0 (it comes from a
  /// degenerate matrix) is returned unchanged: it then keeps everything when `d ≥ 0` and nothing
  /// when `d < 0`, which is what the unnormalised inequality says.
  public var normalized: Plane {
    let l = normal.length
    guard l > 0, l.isFinite else { return self }
    return Plane(normal: normal / l, d: d / l)
  }

  /// `(a, b, c, d)`.
  public var description: String { "(\(normal.x), \(normal.y), \(normal.z), \(d))" }
}

/// An axis-aligned bounding box given by its minimum and maximum corners.
///
/// The workhorse bounding volume of culling: cheap to store (six numbers), cheap to merge, and
/// tight for boxy objects. A box with `min > max` on some axis is *empty* (`AABB.empty`), which
/// is the identity of `union`.
public struct AABB: Equatable, Sendable, CustomStringConvertible {
  /// The minimum corner.
  public var min: SIMD3<Double>
  /// The maximum corner.
  public var max: SIMD3<Double>

  /// A box from its corners; `min > max` on some axis makes it empty.
  @inlinable public init(min: SIMD3<Double>, max: SIMD3<Double>) {
    self.min = min
    self.max = max
  }

  /// The box of `center ± halfExtent`.
  @inlinable public init(center: SIMD3<Double>, halfExtent: SIMD3<Double>) {
    self.init(min: center - halfExtent, max: center + halfExtent)
  }

  /// The smallest box around `points` (empty for no points).
  public init(enclosing points: [SIMD3<Double>]) {
    var b = AABB.empty
    for p in points { b.formUnion(p) }
    self = b
  }

  /// The empty box: `union` with it changes nothing.
  public static let empty = AABB(min: SIMD3(repeating: .infinity), max: SIMD3(repeating: -.infinity))

  /// Whether `min > max` on some axis: the box holds no point.
  @inlinable public var isEmpty: Bool { min.x > max.x || min.y > max.y || min.z > max.z }
  /// The middle of the box (meaningless for an empty box).
  @inlinable public var center: SIMD3<Double> { (min + max) * 0.5 }
  /// Half the size along each axis: the box is `center ± halfExtent`.
  @inlinable public var halfExtent: SIMD3<Double> { (max - min) * 0.5 }
  /// The box's extent along each axis.
  @inlinable public var size: SIMD3<Double> { max - min }

  /// The eight corners, x varying fastest.
  public var corners: [SIMD3<Double>] {
    (0..<8).map { i in
      SIMD3(i & 1 == 0 ? min.x : max.x, i & 2 == 0 ? min.y : max.y, i & 4 == 0 ? min.z : max.z)
    }
  }

  /// The box around both.
  public func union(_ o: AABB) -> AABB { AABB(min: pointwiseMin(min, o.min), max: pointwiseMax(max, o.max)) }
  /// Grows the box to contain `o` (`union(_:)` in place).
  public mutating func formUnion(_ o: AABB) { self = union(o) }
  /// Same as `formUnion(_:)` for a box, for a single point.
  public mutating func formUnion(_ p: SIMD3<Double>) {
    min = pointwiseMin(min, p)
    max = pointwiseMax(max, p)
  }

  /// The bounding sphere VTK's culler uses: centred on the box, radius half the diagonal.
  @inlinable public var boundingSphere: Sphere {
    let s = max - min
    return Sphere(center: center, radius: (s.x * s.x + s.y * s.y + s.z * s.z).squareRoot() / 2)
  }

  /// `[xmin, xmax]×[ymin, ymax]×[zmin, zmax]`.
  public var description: String { "[\(min.x), \(max.x)]×[\(min.y), \(max.y)]×[\(min.z), \(max.z)]" }
}

/// A ball: centre and radius.
public struct Sphere: Equatable, Sendable {
  /// The centre.
  public var center: SIMD3<Double>
  /// The radius.
  public var radius: Double

  /// A sphere from its centre and radius.
  @inlinable public init(center: SIMD3<Double>, radius: Double) {
    self.center = center
    self.radius = radius
  }
}

/// A small, fast, seedable random generator (SplitMix64), so scenes are the same on every run
/// and every machine.
///
/// ```swift
/// var rng = SeededRandom(seed: 6)
/// let x = Double.random(in: -1...1, using: &rng)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence depends only on `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits (one SplitMix64 step).
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double in `range` with 53 random bits (the same on every platform, unlike
  /// `Double.random(in:using:)`, whose algorithm the standard library may change).
  public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    let unit = Double(next() >> 11) * 0x1.0p-53
    return range.lowerBound + unit * (range.upperBound - range.lowerBound)
  }
}
