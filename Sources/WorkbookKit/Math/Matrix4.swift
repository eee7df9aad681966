/// A 4×4 matrix of doubles, stored row by row, acting on column vectors (`m * v`).
///
/// This is VTK's convention (`vtkMatrix4x4::Element[row][col]`, points as columns), so a
/// matrix copied out of VTK row by row, such as `Camera.compositeProjectionMatrix`, can be
/// used as it is. Row `i` is `rows[i]`; the homogeneous point `v` maps to
/// `(rows[0]·v, rows[1]·v, rows[2]·v, rows[3]·v)`.
///
/// ```swift
/// let vp = Matrix4(rowMajor: camera.compositeProjectionMatrix(aspect: 4.0 / 3.0))
/// let clip = vp * SIMD4(p.x, p.y, p.z, 1)
/// ```
public struct Matrix4: Equatable, Sendable, CustomStringConvertible {
  /// The four rows.
  public var rows: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)

  /// A matrix from its four rows.
  @inlinable public init(rows r0: SIMD4<Double>, _ r1: SIMD4<Double>, _ r2: SIMD4<Double>, _ r3: SIMD4<Double>) {
    rows = (r0, r1, r2, r3)
  }

  /// A matrix from 16 numbers in row-major order (how the VTK wrapper returns matrices).
  public init(rowMajor e: [Double]) {
    precondition(e.count == 16, "a 4×4 matrix needs 16 numbers, got \(e.count)")
    rows = (
      SIMD4(e[0], e[1], e[2], e[3]), SIMD4(e[4], e[5], e[6], e[7]),
      SIMD4(e[8], e[9], e[10], e[11]), SIMD4(e[12], e[13], e[14], e[15])
    )
  }

  /// The identity.
  public static let identity = Matrix4(rows: SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1))

  /// Row `i` (0...3).
  @inlinable public func row(_ i: Int) -> SIMD4<Double> {
    switch i {
    case 0: return rows.0
    case 1: return rows.1
    case 2: return rows.2
    default: return rows.3
    }
  }

  /// Column `j` (0...3).
  @inlinable public func column(_ j: Int) -> SIMD4<Double> { SIMD4(rows.0[j], rows.1[j], rows.2[j], rows.3[j]) }

  /// The 16 numbers row by row.
  public var rowMajor: [Double] { (0..<4).flatMap { i in (0..<4).map { row(i)[$0] } } }

  /// The transpose.
  @inlinable public var transposed: Matrix4 { Matrix4(rows: column(0), column(1), column(2), column(3)) }

  /// `m * v` for a homogeneous column vector.
  @inlinable public static func * (m: Matrix4, v: SIMD4<Double>) -> SIMD4<Double> {
    SIMD4((m.rows.0 * v).sum(), (m.rows.1 * v).sum(), (m.rows.2 * v).sum(), (m.rows.3 * v).sum())
  }

  /// The product `a * b`: apply `b` first, then `a`.
  @inlinable public static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
    let bt = b.transposed
    func r(_ row: SIMD4<Double>) -> SIMD4<Double> {
      SIMD4((row * bt.rows.0).sum(), (row * bt.rows.1).sum(), (row * bt.rows.2).sum(), (row * bt.rows.3).sum())
    }
    return Matrix4(rows: r(a.rows.0), r(a.rows.1), r(a.rows.2), r(a.rows.3))
  }

  /// Transforms a point (w = 1) and returns the homogeneous result, before any division.
  @inlinable public func transform(point p: SIMD3<Double>) -> SIMD4<Double> { self * SIMD4(p.x, p.y, p.z, 1) }

  /// Entry-by-entry equality, so a matrix with a NaN entry equals nothing. Matrices computed two
  /// ways differ by rounding: compare those with `maxDifference(to:)`.
  public static func == (a: Matrix4, b: Matrix4) -> Bool { a.rowMajor == b.rowMajor }

  /// The largest absolute difference between two matrices' entries.
  public func maxDifference(to other: Matrix4) -> Double {
    zip(rowMajor, other.rowMajor).map { abs($0 - $1) }.max() ?? 0
  }

  /// Four lines, one row each, e.g. `[1.0, 0.0, 0.0, 0.0]`.
  public var description: String {
    (0..<4).map { i in "[" + (0..<4).map { "\(row(i)[$0])" }.joined(separator: ", ") + "]" }.joined(separator: "\n")
  }
}

extension SIMD3 where Scalar == Double {
  /// The dot product.
  @inlinable public func dot(_ o: SIMD3<Double>) -> Double { (self * o).sum() }
  /// The cross product.
  @inlinable public func cross(_ o: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
  }
  /// Euclidean length.
  @inlinable public var length: Double { (self * self).sum().squareRoot() }
  /// This vector scaled to length 1 (unchanged when its length is 0).
  @inlinable public var normalized: SIMD3<Double> {
    let l = length
    return l > 0 ? self / l : self
  }
}
