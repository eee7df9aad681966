/// Boxes stored as a structure of arrays of `Float`, laid out for culling many at a time with
/// SIMD.
///
/// Why this layout: a loop over `[AABB]` (an array of structures of doubles) reads 64 bytes per
/// box (a `SIMD3<Double>` takes 32) and uses one lane of the vector unit. Here the six
/// coordinates live in six `Float` arrays (24 bytes per box, 28 with its id), so eight or sixteen
/// boxes load as one `SIMD8<Float>` or `SIMD16<Float>` per coordinate, and one plane costs three
/// multiplies, two adds and a compare for all of them, with no branch. The arrays are padded to a
/// multiple of `lanes`, so the last step can load a full vector. The padding boxes are huge
/// (±1e30 on every axis: inside every frustum) and their `ids` are `count`, `count + 1`, … (no
/// box has them), so a loop that reports lanes past `count` returns ids that do not exist
/// instead of hiding the mistake.
///
/// The boxes are also *reordered* along a Morton (Z-order) curve of their centres, so the
/// boxes of one step are neighbours in space and often all outside the same plane. `ids` maps a
/// position in the batch back to the box's original index.
///
/// The arithmetic is `Float`: a box within about 1e-5 of a plane (relative to the scene's
/// coordinates) may be classified differently than in `Double`.
///
/// ```swift
/// let batch = BoxBatch(boxes)
/// batch.minX[k]...batch.maxZ[k]     // box batch.ids[k], rounded to Float
/// ```
public struct BoxBatch: Sendable {
  /// Boxes handled per step.
  public static let lanes = 16

  /// Half the size of a padding box on each axis: its p-vertex is in front of any plane whose
  /// normal is a unit vector and whose offset is far below 1e30, so no frustum culls it.
  public static let paddingExtent: Float = 1e30

  /// Number of boxes (the arrays are padded to a multiple of `lanes`).
  public let count: Int
  /// `ids[k]`: the index, in the array given to `init`, of the box stored at position `k`
  /// (k < `count`); padded like the coordinates, with ids from `count` up that name no box.
  public private(set) var ids: [Int32]
  /// The boxes' minimum x, y and z in batch order, padded to a multiple of `lanes` (with -1e30,
  /// see the type's comment) so that the last step can load a full vector.
  public private(set) var minX: [Float], minY: [Float], minZ: [Float]
  /// The boxes' maximum x, y and z, laid out like `minX`.
  public private(set) var maxX: [Float], maxY: [Float], maxZ: [Float]

  /// Copies `boxes` into the six arrays, rounding to `Float`, in Morton order of their centres
  /// (`spatialOrder: true`) or in the order given.
  public init(_ input: [AABB], spatialOrder: Bool = true) {
    let order = spatialOrder ? MortonOrder.permutation(of: input.map(\.center)) : Array(0..<Int32(input.count))
    let boxes = order.map { input[Int($0)] }
    let n = boxes.count
    let padded = (n + BoxBatch.lanes - 1) / BoxBatch.lanes * BoxBatch.lanes
    ids = order + (Int32(n)..<Int32(padded))
    func column(_ f: (AABB) -> Double, padding: Float) -> [Float] {
      var a = boxes.map { Float(f($0)) }
      a.append(contentsOf: repeatElement(padding, count: padded - n))
      return a
    }
    minX = column({ $0.min.x }, padding: -BoxBatch.paddingExtent)
    minY = column({ $0.min.y }, padding: -BoxBatch.paddingExtent)
    minZ = column({ $0.min.z }, padding: -BoxBatch.paddingExtent)
    maxX = column({ $0.max.x }, padding: BoxBatch.paddingExtent)
    maxY = column({ $0.max.y }, padding: BoxBatch.paddingExtent)
    maxZ = column({ $0.max.z }, padding: BoxBatch.paddingExtent)
    count = n
  }

  /// Box `i` as it is stored (rounded to `Float`, back in `Double`).
  public subscript(i: Int) -> AABB {
    AABB(
      min: SIMD3(Double(minX[i]), Double(minY[i]), Double(minZ[i])),
      max: SIMD3(Double(maxX[i]), Double(maxY[i]), Double(maxZ[i])))
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
    return (0..<Int32(points.count)).sorted {
      codes[Int($0)] < codes[Int($1)] || (codes[Int($0)] == codes[Int($1)] && $0 < $1)
    }
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
