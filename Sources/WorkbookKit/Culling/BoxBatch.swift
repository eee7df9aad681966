/// Boxes stored as a structure of arrays of `Float`, culled sixteen at a time with SIMD.
///
/// Why this layout: a loop over `[AABB]` (an array of structures of doubles) reads 64 bytes per
/// box (a `SIMD3<Double>` takes 32), branches on every plane and uses one lane of the vector
/// unit. Here the six coordinates live in six `Float` arrays (24 bytes per box), so sixteen
/// boxes load as one `SIMD16<Float>` per coordinate (four SSE registers on the baseline x86-64
/// target Swift compiles for), and one plane is three multiplies, two adds and a compare for all
/// sixteen, with no branch. Which corner is the p-vertex depends only on the plane, so it is
/// chosen once per plane, outside the loop, by picking the min or max array. (Sixteen lanes
/// measured a little faster than eight here; the exercise uses eight.)
///
/// The boxes are also *reordered* along a Morton (Z-order) curve of their centres, so the
/// boxes of a step are neighbours in space. Then a step is usually entirely outside one of the
/// first planes tested, and the loop moves on after one or two planes with a branch the
/// processor predicts well. `ids` maps a position in the batch back to the box's original index.
///
/// The arithmetic is `Float`, so a box within about 1e-5 of a plane (relative to the scene's
/// coordinates) may be classified differently than in `Double`; `cullScalar` is the exact twin
/// of `cull` (same operations, same order, one box at a time), which is what tests compare with.
///
/// ```swift
/// let batch = BoxBatch(boxes)
/// let visible = batch.cull(frustum.floatPlanes)      // ids, in batch (Morton) order
/// ```
public struct BoxBatch: Sendable {
  /// Boxes handled per step.
  public static let lanes = 16

  /// Number of boxes (the arrays are padded to a multiple of `lanes`).
  public let count: Int
  /// `ids[k]`: the index, in the array given to `init`, of the box stored at position `k`.
  public private(set) var ids: [Int32]
  /// The boxes' minimum x, y and z in batch order, padded with zeros to a multiple of `lanes`
  /// so that the last step can load a full vector.
  public private(set) var minX: [Float], minY: [Float], minZ: [Float]
  /// The boxes' maximum x, y and z, laid out like `minX`.
  public private(set) var maxX: [Float], maxY: [Float], maxZ: [Float]

  /// Copies `boxes` into the six arrays, rounding to `Float`, in Morton order of their centres
  /// (`spatialOrder: true`) or in the order given.
  public init(_ input: [AABB], spatialOrder: Bool = true) {
    let order = spatialOrder ? MortonOrder.permutation(of: input.map(\.center)) : Array(0..<Int32(input.count))
    let boxes = order.map { input[Int($0)] }
    ids = order
    let n = boxes.count
    let padded = (n + BoxBatch.lanes - 1) / BoxBatch.lanes * BoxBatch.lanes
    func column(_ f: (AABB) -> Double) -> [Float] {
      var a = boxes.map { Float(f($0)) }
      a.append(contentsOf: repeatElement(0, count: padded - n))
      return a
    }
    minX = column { $0.min.x }; minY = column { $0.min.y }; minZ = column { $0.min.z }
    maxX = column { $0.max.x }; maxY = column { $0.max.y }; maxZ = column { $0.max.z }
    count = n
  }

  /// Box `i` as it is stored (rounded to `Float`, back in `Double`).
  public subscript(i: Int) -> AABB {
    AABB(min: SIMD3(Double(minX[i]), Double(minY[i]), Double(minZ[i])),
         max: SIMD3(Double(maxX[i]), Double(maxY[i]), Double(maxZ[i])))
  }

  /// Ids (indices into the array given to `init`, in batch order) of the boxes not outside the
  /// six `planes` (a, b, c, d each), sixteen boxes per step with SIMD.
  public func cull(_ planes: [SIMD4<Float>]) -> [Int32] {
    if count == 0 { return [] }
    var out = [Int32](repeating: 0, count: count)
    let n = out.withUnsafeMutableBufferPointer { cull(planes, into: $0.baseAddress!) }
    out.removeLast(count - n)
    return out
  }

  /// As `cull(_:)`, writing the ids to `out` (room for `count` of them); returns how many.
  /// Use this form in benchmarks to leave allocation out of the timing.
  public func cull(_ planes: [SIMD4<Float>], into out: UnsafeMutablePointer<Int32>) -> Int {
    precondition(planes.count == 6, "six planes expected")
    if count == 0 { return 0 }
    return minX.withUnsafeBufferPointer { x0 in minY.withUnsafeBufferPointer { y0 in minZ.withUnsafeBufferPointer { z0 in
      maxX.withUnsafeBufferPointer { x1 in maxY.withUnsafeBufferPointer { y1 in maxZ.withUnsafeBufferPointer { z1 in
        let lo = (x0.baseAddress!, y0.baseAddress!, z0.baseAddress!), hi = (x1.baseAddress!, y1.baseAddress!, z1.baseAddress!)
        let p = planes.map { BatchPlane($0, lo: lo, hi: hi) }
        return ids.withUnsafeBufferPointer { ids in
          BoxBatch.kernel(p[0], p[1], p[2], p[3], p[4], p[5], count: count, ids: ids.baseAddress!, out: out)
        }
      } } }
    } } }
  }

  // The loop itself. Sixteen boxes per step; a step stops testing planes as soon as all
  // lanes are outside one (common, because neighbours in the batch are neighbours in space).
  // The lanes that survive all six planes become a bit mask, written out in order.
  @inline(__always)
  private static func kernel(_ p0: BatchPlane, _ p1: BatchPlane, _ p2: BatchPlane, _ p3: BatchPlane,
                             _ p4: BatchPlane, _ p5: BatchPlane, count: Int, ids: UnsafePointer<Int32>,
                             out: UnsafeMutablePointer<Int32>) -> Int {
    let bitOf = SIMD16<Int32>(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
    var written = 0
    var i = 0
    while i < count {
      var outside = p0.outside(i)
      if !all(outside) { outside .|= p1.outside(i) }
      if !all(outside) { outside .|= p2.outside(i) }
      if !all(outside) { outside .|= p3.outside(i) }
      if !all(outside) { outside .|= p4.outside(i) }
      if !all(outside) { outside .|= p5.outside(i) }
      if !all(outside) {
        var bits = Int(SIMD16<Int32>(repeating: 0).replacing(with: bitOf, where: .!outside).wrappedSum())
        if count - i < BoxBatch.lanes { bits &= (1 << (count - i)) - 1 }  // padding lanes
        while bits != 0 {
          out[written] = ids[i + bits.trailingZeroBitCount]
          written += 1
          bits &= bits - 1
        }
      }
      i += BoxBatch.lanes
    }
    return written
  }

  /// The same test one box at a time, with the same `Float` operations in the same order as
  /// `cull` (`a·x + b·y + c·z < −d` means outside): its exact twin, and the scalar baseline with
  /// the same memory layout. Ids in batch order.
  public func cullScalar(_ planes: [SIMD4<Float>]) -> [Int32] {
    precondition(planes.count == 6, "six planes expected")
    var out: [Int32] = []
    let sel = planes.map { p in (p, p.x >= 0, p.y >= 0, p.z >= 0) }
    for i in 0..<count {
      var visible = true
      for (p, sx, sy, sz) in sel {
        let x = sx ? maxX[i] : minX[i], y = sy ? maxY[i] : minY[i], z = sz ? maxZ[i] : minZ[i]
        if p.x * x + p.y * y + p.z * z < -p.w {
          visible = false
          break
        }
      }
      if visible { out.append(ids[i]) }
    }
    return out
  }
}

/// One plane prepared for the batch loop: coefficients splatted to all lanes and, per axis,
/// the array that holds the p-vertex coordinate (max when the normal's component is ≥ 0).
/// The box is outside when `a·x + b·y + c·z < −d`: comparing with −d saves an add per plane.
struct BatchPlane {
  let a: SIMD16<Float>, b: SIMD16<Float>, c: SIMD16<Float>, minusD: SIMD16<Float>
  let px: UnsafePointer<Float>, py: UnsafePointer<Float>, pz: UnsafePointer<Float>

  typealias Columns = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)

  init(_ p: SIMD4<Float>, lo: Columns, hi: Columns) {
    a = SIMD16(repeating: p.x); b = SIMD16(repeating: p.y); c = SIMD16(repeating: p.z); minusD = SIMD16(repeating: -p.w)
    px = p.x >= 0 ? hi.0 : lo.0
    py = p.y >= 0 ? hi.1 : lo.1
    pz = p.z >= 0 ? hi.2 : lo.2
  }

  @inline(__always)
  func outside(_ i: Int) -> SIMDMask<SIMD16<Int32>> {
    let x = UnsafeRawPointer(px + i).loadUnaligned(as: SIMD16<Float>.self)
    let y = UnsafeRawPointer(py + i).loadUnaligned(as: SIMD16<Float>.self)
    let z = UnsafeRawPointer(pz + i).loadUnaligned(as: SIMD16<Float>.self)
    return a * x + b * y + c * z .< minusD
  }
}

/// Orders points along a Morton (Z-order) curve: interleave the bits of their coordinates,
/// quantised to 1024 steps per axis over the points' bounding box, and sort by the result.
/// Points close in the order are close in space, which is what batches and caches want.
public enum MortonOrder {
  /// The permutation that sorts `points` by Morton code (ties keep their input order).
  public static func permutation(of points: [SIMD3<Double>]) -> [Int32] {
    guard !points.isEmpty else { return [] }
    let bounds = AABB(enclosing: points)
    let scale = pointwiseMax(bounds.size, SIMD3(repeating: 1e-300))
    let codes = points.map { p -> UInt32 in
      let q = (p - bounds.min) / scale * 1023
      return spread(q.x) | spread(q.y) << 1 | spread(q.z) << 2
    }
    return (0..<Int32(points.count)).sorted { codes[Int($0)] < codes[Int($1)] || (codes[Int($0)] == codes[Int($1)] && $0 < $1) }
  }

  /// The 10 low bits of `v` (clamped to 0...1023) spread to every third bit.
  static func spread(_ v: Double) -> UInt32 {
    var x = UInt32(Swift.max(0, Swift.min(1023, v)))
    x = (x | x << 16) & 0x0300_00FF
    x = (x | x << 8) & 0x0300_F00F
    x = (x | x << 4) & 0x030C_30C3
    x = (x | x << 2) & 0x0924_9249
    return x
  }
}
