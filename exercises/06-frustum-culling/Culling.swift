import Chapters
import WorkbookKit

// Chapter 06: frustum culling. Read lessons/06-frustum-culling/README.md first.
//
// Planes are `Plane(normal:d:)` with normal·x + d ≥ 0 inside. Boxes are `AABB(min:max:)`.

/// The six frustum planes, in VTK's order (left, right, bottom, top, near, far), each with a
/// unit normal pointing into the frustum, from a world → clip matrix `m` (rows m.row(0)...m.row(3)).
func frustumPlanes(viewProjection m: Matrix4) -> [Plane] {
  // TODO(06): a point X is inside when -w ≤ x ≤ w, -w ≤ y ≤ w and -w ≤ z ≤ w, where
  // (x, y, z, w) = m·X. Write each of the six inequalities as (some row combination)·X ≥ 0,
  // turn each into a Plane, and scale it so its normal has length 1.
  return []
}

/// Whether a sphere is not entirely outside the planes.
func sphereVisible(_ s: Sphere, _ planes: [Plane]) -> Bool {
  // TODO(06): the sphere is outside when, for some plane, its centre is more than a radius
  // behind it (p.signedDistance(to:) is negative behind).
  return true
}

/// Inside, intersecting or outside the planes, by the p/n-vertex test.
func classifyBox(_ b: AABB, _ planes: [Plane]) -> Containment {
  // TODO(06): for each plane, find the corner farthest along the normal (the p-vertex) and the
  // opposite corner (the n-vertex). Decide from their signed distances.
  return .intersecting
}

/// Ids (`batch.ids[k]` for each position k kept) of the boxes in `batch` that are not outside,
/// eight at a time with SIMD.
func cullBatch(_ batch: BoxBatch, _ planes: [SIMD4<Float>]) -> [Int32] {
  // TODO(06): this scalar loop is correct but slow. Make it test eight boxes per step: load
  // SIMD8<Float> values from the arrays (they are padded to a multiple of 8) and compare all
  // eight distances at once. The p-vertex choice depends only on the plane. Boxes are stored
  // in Morton order, so when all eight lanes are outside one plane you can stop early.
  var out: [Int32] = []
  for i in 0..<batch.count {
    var visible = true
    for p in planes {
      let x = p.x >= 0 ? batch.maxX[i] : batch.minX[i]
      let y = p.y >= 0 ? batch.maxY[i] : batch.minY[i]
      let z = p.z >= 0 ? batch.maxZ[i] : batch.minZ[i]
      // Outside one plane is enough: stop there, as the [AABB] loop it is timed against does.
      if p.x * x + p.y * y + p.z * z + p.w < 0 {
        visible = false
        break
      }
    }
    if visible { out.append(batch.ids[i]) }
  }
  return out
}

/// Ids of the objects in `bvh` that are not outside, walking the tree from the root with plane
/// masking. Test boxes only through `tester.classify(box, plane: i)`, which counts the tests.
func cullHierarchy(_ bvh: BVH, tester: Chapter06.PlaneTester) -> [Int] {
  // TODO(06): this tests every object against every plane, ignoring the tree. Start at
  // bvh.nodes[0] instead: a node outside a plane rejects its whole subtree; a plane the node is
  // entirely inside need not be tested below it (keep a bit mask of planes still to test).
  var visible: [Int] = []
  for k in bvh.objects.indices {
    var keep = true
    for i in 0..<tester.planeCount where tester.classify(bvh.objectBounds[k], plane: i) == .outside {
      keep = false
    }
    if keep { visible.append(Int(bvh.objects[k])) }
  }
  return visible
}
