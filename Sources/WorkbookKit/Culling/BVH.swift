/// A bounding-volume hierarchy of boxes: a binary tree whose every node holds the box around
/// all objects below it, so one plane test can reject (or accept) thousands of objects.
///
/// Built top-down: each node splits its objects at the median centroid along the longest axis
/// of their centroids, until at most `leafSize` remain. Objects below any node are contiguous in
/// `objects`, so accepting a whole subtree is a range copy.
///
/// `cull` adds *plane masking*: when a node lies entirely on the inner side of a plane, so does
/// everything below it, and that plane is not tested again in the subtree. A node inside all
/// six planes is accepted with its whole subtree.
///
/// ```swift
/// let bvh = BVH(boxes: boxes)
/// var stats = CullStats()
/// let visible = bvh.cull(frustum, stats: &stats)   // sorted ids, same set as the brute force
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
      let first = Int(nodes[n].first), count = Int(nodes[n].count)
      var bounds = AABB.empty, cbounds = AABB.empty
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

  /// Visible object ids (sorted), testing nodes top-down with plane masking.
  /// `stats` receives the plane tests and nodes visited.
  public func cull(_ frustum: Frustum, stats: inout CullStats) -> [Int] {
    traverse(frustum, masking: true, stats: &stats)
  }

  /// The same traversal without plane masking: every node is tested against all six planes
  /// (stopping at the first that rejects it). Only for comparison.
  public func cullWithoutMasking(_ frustum: Frustum, stats: inout CullStats) -> [Int] {
    traverse(frustum, masking: false, stats: &stats)
  }

  private func traverse(_ frustum: Frustum, masking: Bool, stats: inout CullStats) -> [Int] {
    guard !nodes.isEmpty else { return [] }
    let planes = frustum.planes
    var out: [Int] = []
    var stack: [(node: Int32, mask: UInt8)] = [(0, 0b11_1111)]
    while let (n, inherited) = stack.popLast() {
      let node = nodes[Int(n)]
      stats.nodesVisited += 1
      var mask: UInt8 = masking ? inherited : 0b11_1111
      var rejected = false
      for i in 0..<6 where mask & (1 << i) != 0 {
        stats.planeTests += 1
        switch Frustum.classify(node.bounds, against: planes[i]) {
        case .outside: rejected = true
        case .inside: mask &= ~(1 << i)
        case .intersecting: break
        }
        if rejected { break }
      }
      if rejected { continue }
      let range = Int(node.first)..<Int(node.first + node.count)
      if mask == 0 {
        out.append(contentsOf: objects[range].lazy.map(Int.init))
      } else if node.isLeaf {
        for k in range where BVH.notOutside(objectBounds[k], planes, mask: mask, tests: &stats.planeTests) {
          out.append(Int(objects[k]))
        }
      } else {
        stack.append((node.left + 1, mask))
        stack.append((node.left, mask))
      }
    }
    return out.sorted()
  }

  /// Whether `b` is on the inner side of every plane whose bit is set in `mask`.
  @inline(__always)
  static func notOutside(_ b: AABB, _ planes: [Plane], mask: UInt8, tests: inout Int) -> Bool {
    for i in 0..<6 where mask & (1 << i) != 0 {
      tests += 1
      if Frustum.classify(b, against: planes[i]) == .outside { return false }
    }
    return true
  }

  /// Reorders `a[range]` so that `a[nth]` is the element a full sort by `key` would put there,
  /// with no larger key before it and no smaller key after it (quickselect, O(n) on average).
  static func select(_ a: inout [Int32], _ range: Range<Int>, nth: Int, key: (Int32) -> Double) {
    var lo = range.lowerBound, hi = range.upperBound - 1
    while lo < hi {
      let pivot = key(a[(lo + hi) / 2])
      var i = lo, j = hi
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

/// Counters a culler fills in: the work it did, not the time it took, so they are exact and
/// the same on every machine.
public struct CullStats: Sendable, Equatable {
  /// Box-against-one-plane tests.
  public var planeTests = 0
  /// Hierarchy nodes looked at.
  public var nodesVisited = 0

  /// All counters at zero.
  public init() {}
}
