import Testing
import WorkbookKit

@testable import Chapters

/// Hierarchies that forget plane masking in the ways learners do, on the check's own scene
/// (200 000 boxes, the scene camera). Forgetting it between nodes, or never using "inside",
/// makes at least as many plane tests as the reference tree without masking, so
/// `bvh-plane-masking` catches it; masking between nodes but not for a leaf's objects makes
/// fewer, and passes. The counts are printed for the lesson.
@Suite struct ForgottenMaskTests {
  /// How a traversal uses a plane a node is entirely inside.
  enum Forgets {
    /// Tests all six planes at every node, but still takes a node inside all six whole.
    case maskBetweenNodes
    /// Never uses "inside": descends to every leaf and tests each object against six planes.
    case insideAltogether
    /// Masks between nodes but tests every object of a leaf against all six planes.
    case maskInLeaves
  }

  static func cull(_ bvh: BVH, _ tester: Chapter06.PlaneTester, forgets: Forgets) -> [Int] {
    var visible: [Int] = []
    var stack: [(Int, Int)] = [(0, 0b11_1111)]
    while let (index, inherited) = stack.popLast() {
      let node = bvh.nodes[index]
      var mask = forgets == .maskBetweenNodes ? 0b11_1111 : inherited
      var outside = false
      for i in 0..<6 where mask & (1 << i) != 0 {
        switch tester.classify(node.bounds, plane: i) {
        case .outside: outside = true
        case .inside: if forgets != .insideAltogether { mask &= ~(1 << i) }
        case .intersecting: break
        }
        if outside { break }
      }
      if outside { continue }
      let objects = Int(node.first)..<Int(node.first + node.count)
      if mask == 0 {
        visible += objects.map { Int(bvh.objects[$0]) }
      } else if node.isLeaf {
        let planes = forgets == .maskInLeaves ? 0b11_1111 : mask
        for k in objects
        where !(0..<6).contains(where: {
          planes & (1 << $0) != 0 && tester.classify(bvh.objectBounds[k], plane: $0) == .outside
        }) {
          visible.append(Int(bvh.objects[k]))
        }
      } else {
        stack.append((Int(node.left) + 1, mask))
        stack.append((Int(node.left), mask))
      }
    }
    return visible
  }

  @Test(arguments: [Forgets.maskBetweenNodes, .insideAltogether, .maskInLeaves])
  func forgettingTheMaskNeverMakesFewerTests(forgets: Forgets) {
    let boxes = Chapter06.makeBoxes(count: 200_000)
    let frustum = Frustum(
      viewProjection: Chapter06.sceneCamera.viewProjection(
        aspect: Double(Chapter06.width) / Double(Chapter06.height)))
    let bvh = BVH(boxes: boxes)
    var masked = CullStats()
    var unmasked = CullStats()
    let exact = bvh.cull(frustum, stats: &masked)
    _ = bvh.cullWithoutMasking(frustum, stats: &unmasked)
    let tester = Chapter06.PlaneTester(frustum.planes)
    let got = Self.cull(bvh, tester, forgets: forgets)
    #expect(got.sorted() == exact)
    switch forgets {
    case .maskBetweenNodes, .insideAltogether:
      // Caught by bvh-plane-masking: not fewer tests than the tree without masking.
      #expect(tester.tests >= unmasked.planeTests)
    case .maskInLeaves:
      // Fewer than without masking, so bvh-plane-masking lets it pass; still more than the
      // reference, which masks in the leaves too.
      #expect(tester.tests > masked.planeTests && tester.tests < unmasked.planeTests)
    }
    print(
      "forgets \(forgets): \(tester.tests) plane tests; the tree without masking \(unmasked.planeTests), with masking \(masked.planeTests)"
    )
  }
}
