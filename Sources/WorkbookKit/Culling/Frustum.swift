/// Where a bounding volume lies relative to a plane or a frustum.
public enum Containment: UInt8, Sendable, CaseIterable {
  /// Entirely on the outer side: it cannot be seen, cull it.
  case outside
  /// Partly inside: keep it (a hierarchy must look at its children).
  case intersecting
  /// Entirely inside: keep it (a hierarchy can accept everything below without more tests).
  case inside
}

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
public struct Frustum: Sendable {
  /// Plane names in order, for messages.
  public static let planeNames = ["left", "right", "bottom", "top", "near", "far"]

  /// The six planes (left, right, bottom, top, near, far).
  public var planes: [Plane]

  /// A frustum from six planes in the order left, right, bottom, top, near, far, used as given.
  /// The box tests only look at signs; `classify(_: Sphere)` compares distances with the radius,
  /// so it needs unit normals.
  /// - Precondition: exactly six planes.
  public init(planes: [Plane]) {
    precondition(planes.count == 6, "a frustum has 6 planes, got \(planes.count)")
    self.planes = planes
  }

  /// Extracts the planes from a world → clip matrix `m` (OpenGL clip cube, −w ≤ x, y, z ≤ w).
  ///
  /// A point X is inside when `−w ≤ x`, that is `(row3 + row0)·X ≥ 0`; likewise right is
  /// `row3 − row0`, bottom/top use row 1 and near/far row 2. Each plane is then scaled to a unit
  /// normal. For VTK's `GetCompositeProjectionTransformMatrix(aspect, -1, 1)` this reproduces
  /// `GetFrustumPlanes(aspect)` to rounding.
  public init(viewProjection m: Matrix4) {
    let r0 = m.row(0), r1 = m.row(1), r2 = m.row(2), r3 = m.row(3)
    self.init(planes: [r3 + r0, r3 - r0, r3 + r1, r3 - r1, r3 + r2, r3 - r2].map { Plane($0).normalized })
  }

  /// The p/n-vertex test of one box against one plane.
  ///
  /// The *p-vertex* is the corner farthest along the normal: if even it is outside, the whole box
  /// is. The *n-vertex* is the opposite corner: if it is inside, the whole box is. A box touching
  /// the plane from outside (p-vertex distance exactly 0) counts as intersecting, so a closed
  /// frustum keeps what touches it.
  @inlinable
  public static func classify(_ b: AABB, against p: Plane) -> Containment {
    let n = p.normal
    let px = n.x >= 0 ? b.max.x : b.min.x, py = n.y >= 0 ? b.max.y : b.min.y, pz = n.z >= 0 ? b.max.z : b.min.z
    if n.x * px + n.y * py + n.z * pz + p.d < 0 { return .outside }
    let qx = n.x >= 0 ? b.min.x : b.max.x, qy = n.y >= 0 ? b.min.y : b.max.y, qz = n.z >= 0 ? b.min.z : b.max.z
    return n.x * qx + n.y * qy + n.z * qz + p.d >= 0 ? .inside : .intersecting
  }

  /// Classifies a box against all six planes: outside as soon as one plane rejects it.
  public func classify(_ b: AABB) -> Containment {
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
  public func isVisible(_ b: AABB, tests: inout Int) -> Bool {
    for p in planes {
      tests += 1
      let n = p.normal
      let px = n.x >= 0 ? b.max.x : b.min.x, py = n.y >= 0 ? b.max.y : b.min.y, pz = n.z >= 0 ? b.max.z : b.min.z
      if n.x * px + n.y * py + n.z * pz + p.d < 0 { return false }
    }
    return true
  }

  /// Classifies a sphere: outside when its centre is more than `radius` behind a plane, inside
  /// when it is at least `radius` in front of all six. This is the test
  /// `vtkFrustumCoverageCuller` makes with each prop's bounding sphere.
  public func classify(_ s: Sphere) -> Containment {
    var result = Containment.inside
    for p in planes {
      let d = p.signedDistance(to: s.center)
      if d < -s.radius { return .outside }
      if d < s.radius { result = .intersecting }
    }
    return result
  }

  /// The planes rounded to `Float`, for the batch culler.
  public var floatPlanes: [SIMD4<Float>] { planes.map { SIMD4<Float>($0.coefficients) } }
}

/// Reference loops over whole scenes: what every faster culler is checked against.
public enum BruteForceCuller {
  /// Indices of boxes that are not outside `frustum`, testing each box against the planes in
  /// order and stopping at the first that rejects it. `tests` receives the plane tests made.
  public static func visibleBoxes(_ boxes: [AABB], _ frustum: Frustum, tests: inout Int) -> [Int] {
    var out: [Int] = []
    for (i, b) in boxes.enumerated() where frustum.isVisible(b, tests: &tests) { out.append(i) }
    return out
  }

  /// Indices of boxes that are not outside, without counting.
  public static func visibleBoxes(_ boxes: [AABB], _ frustum: Frustum) -> [Int] {
    var tests = 0
    return visibleBoxes(boxes, frustum, tests: &tests)
  }

  /// Indices whose bounding sphere (`AABB.boundingSphere`, as VTK builds it) is not outside.
  public static func visibleSpheres(_ boxes: [AABB], _ frustum: Frustum) -> [Int] {
    boxes.indices.filter { frustum.classify(boxes[$0].boundingSphere) != .outside }
  }

  /// Every box's full classification (inside / intersecting / outside).
  public static func classes(_ boxes: [AABB], _ frustum: Frustum) -> [Containment] {
    boxes.map { frustum.classify($0) }
  }
}
