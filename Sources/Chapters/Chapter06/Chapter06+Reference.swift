import WorkbookKit

// Chapter 06's answer key: plane extraction, sphere and box tests, the SIMD batch culler and the
// hierarchy with plane masking. The checks, the demo and the benchmark use these; they are
// internal, so no exercise can call them.

/// The six planes of a view frustum, in VTK's order: left, right, bottom, top, near, far,
/// with unit normals pointing inward (as `vtkCamera::GetFrustumPlanes` returns them).
///
/// Why planes: a point is visible exactly when it is on the inner side of all six, so culling a
/// bounding volume is six signed-distance tests. The planes come straight out of the
/// view-projection matrix (Gribb and Hartmann's extraction), with no trigonometry.
///
/// ```swift
/// let f = Frustum(viewProjection: camera.viewProjection(aspect: 4.0 / 3.0))
/// if f.classify(box) != .outside { draw(box) }
/// ```
struct Frustum: Sendable {
  /// Plane names in order, for messages.
  static let planeNames = ["left", "right", "bottom", "top", "near", "far"]

  /// The six planes (left, right, bottom, top, near, far).
  var planes: [Plane]

  /// A frustum from six planes in the order left, right, bottom, top, near, far, used as given.
  /// The box tests only look at signs; `classify(_: Sphere)` compares distances with the radius,
  /// so it needs unit normals.
  /// - Precondition: exactly six planes.
  init(planes: [Plane]) {
    precondition(planes.count == 6, "a frustum has 6 planes, got \(planes.count)")
    self.planes = planes
  }

  /// Extracts the planes from a world → clip matrix `m` (OpenGL clip cube, −w ≤ x, y, z ≤ w).
  ///
  /// A point X is inside when `−w ≤ x`, that is `(row3 + row0)·X ≥ 0`; likewise right is
  /// `row3 − row0`, bottom/top use row 1 and near/far row 2. Each plane is then scaled to a unit
  /// normal. For VTK's `GetCompositeProjectionTransformMatrix(aspect, -1, 1)` this reproduces
  /// `GetFrustumPlanes(aspect)` to rounding.
  init(viewProjection m: Matrix4) {
    let r0 = m.row(0)
    let r1 = m.row(1)
    let r2 = m.row(2)
    let r3 = m.row(3)
    self.init(planes: [r3 + r0, r3 - r0, r3 + r1, r3 - r1, r3 + r2, r3 - r2].map { Plane($0).normalized })
  }

  /// The p/n-vertex test of one box against one plane.
  ///
  /// The *p-vertex* is the corner farthest along the normal: if even it is outside, the whole box
  /// is. The *n-vertex* is the opposite corner: if it is inside, the whole box is. A box touching
  /// the plane from outside (p-vertex distance exactly 0) counts as intersecting, so a closed
  /// frustum keeps what touches it.
  @inlinable
  static func classify(_ b: AABB, against p: Plane) -> Containment {
    let n = p.normal
    let px = n.x >= 0 ? b.max.x : b.min.x
    let py = n.y >= 0 ? b.max.y : b.min.y
    let pz = n.z >= 0 ? b.max.z : b.min.z
    if n.x * px + n.y * py + n.z * pz + p.d < 0 { return .outside }
    let qx = n.x >= 0 ? b.min.x : b.max.x
    let qy = n.y >= 0 ? b.min.y : b.max.y
    let qz = n.z >= 0 ? b.min.z : b.max.z
    return n.x * qx + n.y * qy + n.z * qz + p.d >= 0 ? .inside : .intersecting
  }

  /// Classifies a box against all six planes: outside as soon as one plane rejects it.
  func classify(_ b: AABB) -> Containment {
    var result = Containment.inside
    for p in planes {
      switch Frustum.classify(b, against: p) {
      case .outside: return .outside
      case .intersecting: result = .intersecting
      case .inside: break
      }
    }
    return result
  }

  /// Whether a box may be visible (not outside). Counts the plane tests it made into `tests`.
  @inlinable
  func isVisible(_ b: AABB, tests: inout Int) -> Bool {
    for p in planes {
      tests += 1
      let n = p.normal
      let px = n.x >= 0 ? b.max.x : b.min.x
      let py = n.y >= 0 ? b.max.y : b.min.y
      let pz = n.z >= 0 ? b.max.z : b.min.z
      if n.x * px + n.y * py + n.z * pz + p.d < 0 { return false }
    }
    return true
  }

  /// Classifies a sphere: outside when its centre is more than `radius` behind a plane, inside
  /// when it is at least `radius` in front of all six. This is the test
  /// `vtkFrustumCoverageCuller` makes with each prop's bounding sphere.
  func classify(_ s: Sphere) -> Containment {
    var result = Containment.inside
    for p in planes {
      let d = p.signedDistance(to: s.center)
      if d < -s.radius { return .outside }
      if d < s.radius { result = .intersecting }
    }
    return result
  }

  /// The planes rounded to `Float`, for the batch culler.
  var floatPlanes: [SIMD4<Float>] { planes.map { SIMD4<Float>($0.coefficients) } }
}

/// Reference loops over whole scenes: what every faster culler is checked against.
enum BruteForceCuller {
  /// Indices of boxes that are not outside `frustum`, testing each box against the planes in
  /// order and stopping at the first that rejects it. `tests` receives the plane tests made.
  static func visibleBoxes(_ boxes: [AABB], _ frustum: Frustum, tests: inout Int) -> [Int] {
    var out: [Int] = []
    for (i, b) in boxes.enumerated() where frustum.isVisible(b, tests: &tests) { out.append(i) }
    return out
  }

  /// Indices of boxes that are not outside, without counting.
  static func visibleBoxes(_ boxes: [AABB], _ frustum: Frustum) -> [Int] {
    var tests = 0
    return visibleBoxes(boxes, frustum, tests: &tests)
  }

  /// Indices whose bounding sphere (`AABB.boundingSphere`, as VTK builds it) is not outside.
  static func visibleSpheres(_ boxes: [AABB], _ frustum: Frustum) -> [Int] {
    boxes.indices.filter { frustum.classify(boxes[$0].boundingSphere) != .outside }
  }

  /// Every box's full classification (inside / intersecting / outside).
  static func classes(_ boxes: [AABB], _ frustum: Frustum) -> [Containment] {
    boxes.map { frustum.classify($0) }
  }
}

extension BoxBatch {
  /// Ids (indices into the array given to `init`, in batch order) of the boxes not outside the
  /// six `planes` (a, b, c, d each), sixteen boxes per step with SIMD.
  func cull(_ planes: [SIMD4<Float>]) -> [Int32] {
    if count == 0 { return [] }
    var out = [Int32](repeating: 0, count: count)
    let n = out.withUnsafeMutableBufferPointer { cull(planes, into: $0.baseAddress!) }
    out.removeLast(count - n)
    return out
  }

  /// As `cull(_:)`, writing the ids to `out` (room for `count` of them); returns how many.
  /// Use this form in benchmarks to leave allocation out of the timing.
  func cull(_ planes: [SIMD4<Float>], into out: UnsafeMutablePointer<Int32>) -> Int {
    precondition(planes.count == 6, "six planes expected")
    if count == 0 { return 0 }
    return minX.withUnsafeBufferPointer { x0 in
      minY.withUnsafeBufferPointer { y0 in
        minZ.withUnsafeBufferPointer { z0 in
          maxX.withUnsafeBufferPointer { x1 in
            maxY.withUnsafeBufferPointer { y1 in
              maxZ.withUnsafeBufferPointer { z1 in
                let lo = (x0.baseAddress!, y0.baseAddress!, z0.baseAddress!)
                let hi = (x1.baseAddress!, y1.baseAddress!, z1.baseAddress!)
                let p = planes.map { BatchPlane($0, lo: lo, hi: hi) }
                return ids.withUnsafeBufferPointer { ids in
                  BoxBatch.kernel(p[0], p[1], p[2], p[3], p[4], p[5], count: count, ids: ids.baseAddress!, out: out)
                }
              }
            }
          }
        }
      }
    }
  }

  // The loop itself. Sixteen boxes per step; a step stops testing planes as soon as all
  // lanes are outside one (common, because neighbours in the batch are neighbours in space).
  // The lanes that survive all six planes become a bit mask, written out in order.
  @inline(__always)
  private static func kernel(
    _ p0: BatchPlane, _ p1: BatchPlane, _ p2: BatchPlane, _ p3: BatchPlane,
    _ p4: BatchPlane, _ p5: BatchPlane, count: Int, ids: UnsafePointer<Int32>,
    out: UnsafeMutablePointer<Int32>
  ) -> Int {
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
  func cullScalar(_ planes: [SIMD4<Float>]) -> [Int32] {
    precondition(planes.count == 6, "six planes expected")
    var out: [Int32] = []
    let sel = planes.map { p in (p, p.x >= 0, p.y >= 0, p.z >= 0) }
    for i in 0..<count {
      var visible = true
      for (p, sx, sy, sz) in sel {
        let x = sx ? maxX[i] : minX[i]
        let y = sy ? maxY[i] : minY[i]
        let z = sz ? maxZ[i] : minZ[i]
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
    a = SIMD16(repeating: p.x)
    b = SIMD16(repeating: p.y)
    c = SIMD16(repeating: p.z)
    minusD = SIMD16(repeating: -p.w)
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

extension BVH {
  /// Visible object ids (sorted), testing nodes top-down with plane masking.
  /// `stats` receives the plane tests and nodes visited.
  func cull(_ frustum: Frustum, stats: inout CullStats) -> [Int] {
    traverse(frustum, masking: true, stats: &stats)
  }

  /// The same traversal without plane masking: every node is tested against all six planes
  /// (stopping at the first that rejects it). Only for comparison.
  func cullWithoutMasking(_ frustum: Frustum, stats: inout CullStats) -> [Int] {
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
}

/// Counters a culler fills in: the work it did, not the time it took, so they are exact and
/// the same on every machine.
struct CullStats: Sendable, Equatable {
  /// Box-against-one-plane tests.
  var planeTests = 0
  /// Hierarchy nodes looked at.
  var nodesVisited = 0

  /// All counters at zero.
  init() {}
}
