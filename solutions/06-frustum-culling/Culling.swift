import Chapters
import WorkbookKit

// Chapter 06: frustum culling. Read lessons/06-frustum-culling/README.md first.
//
// Planes are `Plane(normal:d:)` with normal·x + d ≥ 0 inside. Boxes are `AABB(min:max:)`.

/// The six frustum planes, in VTK's order (left, right, bottom, top, near, far), each with a
/// unit normal pointing into the frustum, from a world → clip matrix `m` (rows m.row(0)...m.row(3)).
func frustumPlanes(viewProjection m: Matrix4) -> [Plane] {
  // Inside the clip cube means -w ≤ x ≤ w, -w ≤ y ≤ w, -w ≤ z ≤ w, where (x, y, z, w) = m·X.
  // -w ≤ x is (row 3 + row 0)·X ≥ 0, and so on: each side is a row sum or difference.
  let r0 = m.row(0)
  let r1 = m.row(1)
  let r2 = m.row(2)
  let r3 = m.row(3)
  return [r3 + r0, r3 - r0, r3 + r1, r3 - r1, r3 + r2, r3 - r2].map { abcd in
    let n = SIMD3(abcd.x, abcd.y, abcd.z)
    let length = (n * n).sum().squareRoot()
    // Dividing (a, b, c, d) by |n| keeps the plane and makes n·x + d a distance.
    return Plane(normal: n / length, d: abcd.w / length)
  }
}

/// Whether a sphere is not entirely outside the planes.
func sphereVisible(_ s: Sphere, _ planes: [Plane]) -> Bool {
  // Outside one plane means the centre is more than a radius behind it.
  for p in planes where p.signedDistance(to: s.center) < -s.radius { return false }
  return true
}

/// Inside, intersecting or outside the planes, by the p/n-vertex test.
func classifyBox(_ b: AABB, _ planes: [Plane]) -> Containment {
  var result = Containment.inside
  for p in planes {
    let n = p.normal
    // The p-vertex: the corner farthest along the normal. If it is behind, the box is.
    let pv = SIMD3(n.x >= 0 ? b.max.x : b.min.x, n.y >= 0 ? b.max.y : b.min.y, n.z >= 0 ? b.max.z : b.min.z)
    if p.signedDistance(to: pv) < 0 { return .outside }
    // The n-vertex: the opposite corner. If it is in front too, the box is inside this plane.
    let nv = SIMD3(n.x >= 0 ? b.min.x : b.max.x, n.y >= 0 ? b.min.y : b.max.y, n.z >= 0 ? b.min.z : b.max.z)
    if p.signedDistance(to: nv) < 0 { result = .intersecting }
  }
  return result
}

/// Ids (`batch.ids[k]` for each position k kept) of the boxes in `batch` that are not outside,
/// eight at a time with SIMD.
func cullBatch(_ batch: BoxBatch, _ planes: [SIMD4<Float>]) -> [Int32] {
  var out: [Int32] = []
  out.reserveCapacity(batch.count / 4)
  batch.minX.withUnsafeBufferPointer { x0 in
    batch.minY.withUnsafeBufferPointer { y0 in
      batch.minZ.withUnsafeBufferPointer { z0 in
        batch.maxX.withUnsafeBufferPointer { x1 in
          batch.maxY.withUnsafeBufferPointer { y1 in
            batch.maxZ.withUnsafeBufferPointer { z1 in
              // Per plane, once: the coefficients in eight lanes, and which array holds the p-vertex
              // coordinate (max where the normal's component is ≥ 0).
              let prepared = planes.map { p in
                (
                  a: SIMD8<Float>(repeating: p.x), b: SIMD8<Float>(repeating: p.y), c: SIMD8<Float>(repeating: p.z),
                  minusD: SIMD8<Float>(repeating: -p.w),
                  x: p.x >= 0 ? x1.baseAddress! : x0.baseAddress!, y: p.y >= 0 ? y1.baseAddress! : y0.baseAddress!,
                  z: p.z >= 0 ? z1.baseAddress! : z0.baseAddress!
                )
              }
              prepared.withUnsafeBufferPointer { prepared in
                var i = 0
                while i < batch.count {
                  var outside = SIMDMask<SIMD8<Int32>>(repeating: false)
                  for p in prepared {
                    // The arrays are padded to a multiple of 8, so reading 8 is always allowed.
                    let x = UnsafeRawPointer(p.x + i).loadUnaligned(as: SIMD8<Float>.self)
                    let y = UnsafeRawPointer(p.y + i).loadUnaligned(as: SIMD8<Float>.self)
                    let z = UnsafeRawPointer(p.z + i).loadUnaligned(as: SIMD8<Float>.self)
                    outside .|= p.a * x + p.b * y + p.c * z .< p.minusD
                    // Neighbours in the batch are neighbours in space: often all eight are out at once.
                    if all(outside) { break }
                  }
                  if !all(outside) {
                    for lane in 0..<min(8, batch.count - i) where !outside[lane] { out.append(batch.ids[i + lane]) }
                  }
                  i += 8
                }
              }
            }
          }
        }
      }
    }
  }
  return out
}

/// Ids of the objects in `bvh` that are not outside, walking the tree from the root with plane
/// masking. Test boxes only through `tester.classify(box, plane: i)`, which counts the tests.
func cullHierarchy(_ bvh: BVH, tester: Chapter06.PlaneTester) -> [Int] {
  guard !bvh.nodes.isEmpty else { return [] }
  var visible: [Int] = []
  // Bit i of a mask set: plane i must still be tested below this node.
  var stack: [(node: Int, mask: Int)] = [(0, 0b111111)]
  while let (index, inherited) = stack.popLast() {
    let node = bvh.nodes[index]
    var mask = inherited
    var outside = false
    for i in 0..<6 where mask & (1 << i) != 0 {
      switch tester.classify(node.bounds, plane: i) {
      case .outside: outside = true
      case .inside: mask &= ~(1 << i)  // everything below is inside this plane too
      case .intersecting: break
      }
      if outside { break }
    }
    if outside { continue }
    let objects = Int(node.first)..<Int(node.first + node.count)
    if mask == 0 {
      visible += objects.map { Int(bvh.objects[$0]) }  // inside all six: take the subtree
    } else if node.isLeaf {
      for k in objects {
        var keep = true
        for i in 0..<6 where mask & (1 << i) != 0 {
          if tester.classify(bvh.objectBounds[k], plane: i) == .outside {
            keep = false
            break
          }
        }
        if keep { visible.append(Int(bvh.objects[k])) }
      }
    } else {
      stack.append((Int(node.left) + 1, mask))
      stack.append((Int(node.left), mask))
    }
  }
  return visible
}
