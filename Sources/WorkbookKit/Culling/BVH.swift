/// A bounding-volume hierarchy of boxes: a binary tree whose every node holds the box around
/// all objects below it, so one plane test can reject (or accept) thousands of objects.
///
/// Built top-down: each node splits its objects at the median centroid along the longest axis
/// of their centroids, until at most `leafSize` remain. Objects below any node are contiguous in
/// `objects`, so accepting a whole subtree is a range copy.
///
/// ```swift
/// let bvh = BVH(boxes: boxes)
/// let root = bvh.nodes[0]                 // children at root.left and root.left + 1
/// let ids = bvh.objects[Int(root.first)..<Int(root.first + root.count)]
/// ```
public struct BVH: Sendable {
  /// A tree node. Children of an inner node are at `left` and `left + 1`; a leaf has `left = -1`.
  public struct Node: Sendable, Equatable {
    /// The box around every object below this node.
    public var bounds: AABB
    /// The objects below this node are `objects[first ..< first + count]`.
    public var first: Int32
    /// How many objects are below this node.
    public var count: Int32
    /// Index of the left child in `nodes` (the right one follows it), or -1 for a leaf.
    public var left: Int32
    /// Whether the node has no children, so its objects are tested one by one.
    public var isLeaf: Bool { left < 0 }
  }

  /// Nodes; the root is `nodes[0]` (none for an empty scene).
  public private(set) var nodes: [Node] = []
  /// Object ids in tree order.
  public private(set) var objects: [Int32] = []
  /// Object boxes in tree order (`objectBounds[k]` is the box of `objects[k]`).
  public private(set) var objectBounds: [AABB] = []
  /// The most objects a leaf holds, as given to `init`.
  public let leafSize: Int

  /// Builds the hierarchy over `boxes`; object `i` is `boxes[i]`.
  /// - Parameter leafSize: stop splitting at this many objects (at least 1). Larger leaves mean
  ///   fewer nodes to visit but more boxes tested one by one.
  public init(boxes: [AABB], leafSize: Int = 4) {
    precondition(leafSize >= 1)
    self.leafSize = leafSize
    guard !boxes.isEmpty else { return }
    objects = (0..<Int32(boxes.count)).map { $0 }
    let centroids = boxes.map(\.center)
    nodes.reserveCapacity(2 * boxes.count / leafSize + 1)
    nodes.append(Node(bounds: .empty, first: 0, count: Int32(boxes.count), left: -1))
    var work = [0]
    while let n = work.popLast() {
      let first = Int(nodes[n].first)
      let count = Int(nodes[n].count)
      var bounds = AABB.empty
      var cbounds = AABB.empty
      for k in first..<first + count {
        bounds.formUnion(boxes[Int(objects[k])])
        cbounds.formUnion(centroids[Int(objects[k])])
      }
      nodes[n].bounds = bounds
      guard count > leafSize else { continue }
      let s = cbounds.size
      let axis = s.x >= s.y && s.x >= s.z ? 0 : (s.y >= s.z ? 1 : 2)
      let mid = first + count / 2
      BVH.select(&objects, first..<first + count, nth: mid) { centroids[Int($0)][axis] }
      let left = Int32(nodes.count)
      nodes[n].left = left
      nodes.append(Node(bounds: .empty, first: Int32(first), count: Int32(mid - first), left: -1))
      nodes.append(Node(bounds: .empty, first: Int32(mid), count: Int32(first + count - mid), left: -1))
      work.append(Int(left))
      work.append(Int(left) + 1)
    }
    objectBounds = objects.map { boxes[Int($0)] }
  }

  /// Reorders `a[range]` so that `a[nth]` is the element a full sort by `key` would put there,
  /// with no larger key before it and no smaller key after it (quickselect, O(n) on average).
  static func select(_ a: inout [Int32], _ range: Range<Int>, nth: Int, key: (Int32) -> Double) {
    var lo = range.lowerBound
    var hi = range.upperBound - 1
    while lo < hi {
      let pivot = key(a[(lo + hi) / 2])
      var i = lo
      var j = hi
      while i <= j {
        while key(a[i]) < pivot { i += 1 }
        while key(a[j]) > pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if nth <= j { hi = j } else if nth >= i { lo = i } else { return }
    }
  }
}
