import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

func randomBoxes(_ n: Int, seed: UInt64) -> [AABB] {
  var rng = SeededRandom(seed: seed)
  return (0..<n).map { _ in
    AABB(
      center: SIMD3(rng.uniform(-15...15), rng.uniform(-15...15), rng.uniform(-15...5)),
      halfExtent: SIMD3(rng.uniform(0.01...1), rng.uniform(0.01...1), rng.uniform(0.01...1)))
  }
}

@Suite struct BatchAndBVHTests {
  @Test(arguments: [0, 1, 7, 8, 9, 1000, 4099])
  func batchMatchesItsScalarTwinAndTheExactTest(count: Int) {
    let boxes = randomBoxes(count, seed: UInt64(count))
    for ordered in [true, false] {
      let batch = BoxBatch(boxes, spatialOrder: ordered)
      #expect(Set(batch.ids.prefix(count)) == Set(0..<Int32(count)))
      let simd = batch.cull(testFrustum.floatPlanes)
      #expect(simd == batch.cullScalar(testFrustum.floatPlanes))  // same ids in the same order
      // Against the Double test: these boxes are nowhere near 1e-5 of a plane, so no rounding flips.
      #expect(Set(simd.map(Int.init)) == Set(BruteForceCuller.visibleBoxes(boxes, testFrustum)))
    }
  }

  @Test func paddingLanesAreNeverReported() {
    // Nine boxes, all visible: the one step of sixteen lanes has seven padding lanes (huge boxes,
    // inside every frustum), so only masking keeps them out.
    let wide = PerspectiveCamera(position: SIMD3(0, 0, 5), focalPoint: .zero, viewAngle: 90, near: 0.1, far: 20)
    let f = Frustum(viewProjection: wide.viewProjection(aspect: 1))
    let boxes = (0..<9).map { box(SIMD3(Double($0) * 0.1, 0, 0), 0.01) }
    #expect(BoxBatch(boxes).cull(f.floatPlanes).sorted() == (0..<9).map(Int32.init))
  }

  /// The padding lanes are inside every frustum and carry ids that name no box: a loop that
  /// reports every lane of the last step fails `batch-same-set` (it passed when the padding was
  /// zero-sized boxes at the origin, outside the check's frustum).
  @Test func aLoopReadingPastCountFailsTheBatchCheck() {
    let boxes = Chapter06.makeBoxes(count: 2_000)
    let frustum = Frustum(
      viewProjection: Chapter06.sceneCamera.viewProjection(
        aspect: Double(Chapter06.width) / Double(Chapter06.height)))
    let batch = Chapter06.batchForCheck(boxes)
    #expect(batch.count % 8 != 0 && batch.ids.count % BoxBatch.lanes == 0)
    #expect(batch.ids.dropFirst(batch.count).allSatisfy { $0 >= batch.count })
    let exact = BruteForceCuller.visibleBoxes(Array(boxes.prefix(batch.count)), frustum)
    // The scalar loop, but over every lane the arrays hold.
    func sloppy(upTo end: Int) -> [Int] {
      let planes = frustum.floatPlanes
      return (0..<end).filter { i in
        !planes.contains { p in
          let x = p.x >= 0 ? batch.maxX[i] : batch.minX[i]
          let y = p.y >= 0 ? batch.maxY[i] : batch.minY[i]
          let z = p.z >= 0 ? batch.maxZ[i] : batch.minZ[i]
          return p.x * x + p.y * y + p.z * z + p.w < 0
        }
      }.map { Int(batch.ids[$0]) }
    }
    let right = Chapter06.checkBatchSet(
      got: sloppy(upTo: batch.count), exact: exact, boxes: boxes, frustum: frustum, batchCount: batch.count)
    #expect(right.passed, "\(right)")
    let wrong = Chapter06.checkBatchSet(
      got: sloppy(upTo: batch.ids.count), exact: exact, boxes: boxes, frustum: frustum, batchCount: batch.count)
    #expect(!wrong.passed)
    #expect(wrong.detail?.contains("padding lanes past batch.count") == true, "\(wrong)")
  }

  @Test func emptySceneCullsToNothing() {
    #expect(BoxBatch([]).cull(testFrustum.floatPlanes).isEmpty)
    let bvh = BVH(boxes: [])
    var stats = CullStats()
    #expect(bvh.cull(testFrustum, stats: &stats).isEmpty && stats == CullStats())
    #expect(BruteForceCuller.visibleBoxes([], testFrustum).isEmpty)
    #expect(MortonOrder.permutation(of: []).isEmpty)
  }

  @Test(arguments: [1, 2, 4, 16])
  func hierarchyKeepsTheSameSetWithFewerTests(leafSize: Int) {
    let boxes = randomBoxes(20_000, seed: 9)
    let bvh = BVH(boxes: boxes, leafSize: leafSize)
    #expect(Set(bvh.objects) == Set(0..<Int32(boxes.count)))
    var flat = 0
    let exact = BruteForceCuller.visibleBoxes(boxes, testFrustum, tests: &flat)
    var masked = CullStats()
    var unmasked = CullStats()
    #expect(bvh.cull(testFrustum, stats: &masked) == exact)
    #expect(bvh.cullWithoutMasking(testFrustum, stats: &unmasked) == exact)
    #expect(masked.planeTests < unmasked.planeTests)
    #expect(unmasked.planeTests < flat)
  }

  @Test func everyNodeBoundsItsObjects() {
    let boxes = randomBoxes(3000, seed: 3)
    let bvh = BVH(boxes: boxes, leafSize: 3)
    for node in bvh.nodes {
      let range = Int(node.first)..<Int(node.first + node.count)
      #expect(!range.isEmpty)
      for k in range {
        let b = boxes[Int(bvh.objects[k])]
        #expect(node.bounds.union(b) == node.bounds)
        #expect(bvh.objectBounds[k] == b)
      }
      if node.isLeaf {
        #expect(node.count <= 3)
      } else {
        let l = bvh.nodes[Int(node.left)]
        let r = bvh.nodes[Int(node.left) + 1]
        #expect(l.first == node.first && l.count + r.count == node.count && r.first == l.first + l.count)
      }
    }
  }

  @Test func aWholeSubtreeInsideIsAcceptedWithoutTestingItsObjects() {
    // Everything well inside the frustum: the root is inside all six planes, 6 tests in all.
    let boxes = (0..<100).map { (i: Int) -> AABB in
      let x = Double(i % 10) * 0.1 - 0.5
      let y = Double(i / 10) * 0.1 - 0.5
      return box(SIMD3(x, y, -5), 0.01)
    }
    var stats = CullStats()
    #expect(BVH(boxes: boxes).cull(testFrustum, stats: &stats) == Array(0..<100))
    #expect(stats.planeTests == 6 && stats.nodesVisited == 1)
  }

  @Test func mortonOrderKeepsNeighboursTogether() {
    let points = (0..<64).map { (i: Int) -> SIMD3<Double> in
      SIMD3<Double>(Double(i % 4), Double((i / 4) % 4), Double(i / 16))
    }
    let order = MortonOrder.permutation(of: points)
    #expect(Set(order) == Set(0..<64))
    // The first eight in Morton order form the 2×2×2 corner cube.
    let first = order.prefix(8).map { points[Int($0)] }
    #expect(first.allSatisfy { $0.x < 2 && $0.y < 2 && $0.z < 2 })
  }
}
