import WorkbookKit

/// A k-d split of points (the parallel chapters use object centres) into any number of parts,
/// with the cutting planes kept, so that a later chapter can order the parts front to back.
///
/// Every cut divides a group of points along the longest axis of their bounding box. A group
/// that must become `p` parts goes `p / 2` parts to the low side and the rest to the high side,
/// and the points follow the same proportion: `n · (p / 2) / p` of them (rounded down) go low.
/// So 3 parts are a 1 : 2 cut and then a 1 : 1 cut, and part sizes differ by at most one for
/// any number of parts, not only powers of two. Ties on the cut axis go by index, so the split
/// is the same on every rank.
///
/// Chapter 14's reference uses it for its k-d decomposition; chapter 17 uses `frontToBack(from:)`
/// for the compositing order of the parts.
struct KDSplit: Sendable {
  /// A node of the split: a part, or a cut with the parts on its low and high sides.
  indirect enum Node: Sendable, Equatable {
    /// Part `part` (its indices are `parts[part]`).
    case leaf(part: Int)
    /// The plane `x[axis] = position`; `low` holds the points with the smaller coordinates.
    case cut(axis: Int, position: Double, low: Node, high: Node)
  }

  /// One cutting plane and the parts on each side of it.
  struct Plane: Sendable, Equatable {
    /// 0, 1 or 2 for x, y, z.
    let axis: Int
    /// Where the plane is: half-way between the last point on the low side and the first on
    /// the high side (at the group's edge when one side is empty).
    let position: Double
    /// The parts whose points lie on the low side (coordinate ≤ position).
    let lowParts: Range<Int>
    /// The parts on the high side (coordinate ≥ position).
    let highParts: Range<Int>
  }

  /// The tree of cuts.
  let root: Node
  /// For each part, the indices of its points (into the array given to `init`), ascending.
  let parts: [[Int]]
  /// Every cut, parents before children.
  let planes: [Plane]

  /// Splits `points` into `parts` parts (at least 1). With fewer points than parts, some parts
  /// are empty.
  init(points: [SIMD3<Double>], parts: Int) {
    precondition(parts >= 1, "a k-d split needs at least one part")
    var groups = [[Int]](repeating: [], count: parts)
    var planes: [Plane] = []
    func build(_ indices: [Int], _ range: Range<Int>) -> Node {
      if range.count == 1 {
        groups[range.lowerBound] = indices.sorted()
        return .leaf(part: range.lowerBound)
      }
      let box = AABB(enclosing: indices.map { points[$0] })
      let extent = indices.isEmpty ? SIMD3<Double>(repeating: 0) : box.max - box.min
      // The longest axis; the first of equal ones.
      let axis = extent.y > extent.x ? (extent.z > extent.y ? 2 : 1) : (extent.z > extent.x ? 2 : 0)
      let sorted = indices.sorted { a, b in
        let pa = points[a][axis]
        let pb = points[b][axis]
        return pa != pb ? pa < pb : a < b
      }
      let lowCount = range.count / 2
      let n = sorted.count
      let k = n * lowCount / range.count
      let position: Double
      if n == 0 {
        position = 0
      } else if k == 0 {
        position = points[sorted[0]][axis]
      } else if k == n {
        position = points[sorted[n - 1]][axis]
      } else {
        position = (points[sorted[k - 1]][axis] + points[sorted[k]][axis]) / 2
      }
      let split = range.lowerBound + lowCount
      planes.append(
        Plane(axis: axis, position: position, lowParts: range.lowerBound..<split, highParts: split..<range.upperBound))
      let low = build(Array(sorted[..<k]), range.lowerBound..<split)
      let high = build(Array(sorted[k...]), split..<range.upperBound)
      return .cut(axis: axis, position: position, low: low, high: high)
    }
    root = build(Array(points.indices), 0..<parts)
    self.parts = groups
    self.planes = planes
  }

  /// The parts in the order a viewer at `eye` meets them, nearest first: at every cut, the side
  /// the eye is on comes before the other. (Back to front, for blending, is the reverse.) The
  /// order is exact for the parts' cells of space; an object whose centre is on one side but
  /// whose extent reaches across a plane can still overlap a part further back.
  func frontToBack(from eye: SIMD3<Double>) -> [Int] {
    var order: [Int] = []
    func visit(_ node: Node) {
      switch node {
      case .leaf(let part):
        order.append(part)
      case .cut(let axis, let position, let low, let high):
        if eye[axis] <= position {
          visit(low)
          visit(high)
        } else {
          visit(high)
          visit(low)
        }
      }
    }
    visit(root)
    return order
  }
}
