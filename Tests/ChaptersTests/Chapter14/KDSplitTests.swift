import Testing

@testable import Chapters

/// The shared k-d split: any number of parts, every point once, sizes within one, parts on
/// their sides of the cuts, and a front-to-back order that follows the cuts.
@Suite struct KDSplitTests {
  static let partCounts = Array(1...6)

  func centers(_ n: Int, _ layout: ParallelScene.Layout = .uniform, seed: UInt64 = 3) -> [SIMD3<Double>] {
    ParallelScene.objects(count: n, layout: layout, seed: seed).map(\.center)
  }

  @Test(arguments: partCounts)
  func everyPointOnceAndSizesWithinOne(parts: Int) {
    for n in Array(0...60) + [333, 1000] {
      for layout in [ParallelScene.Layout.uniform, .bunched] {
        let split = KDSplit(points: centers(n, layout), parts: parts)
        #expect(split.parts.count == parts)
        #expect(Chapter14.ownershipProblem(split.parts, count: n) == nil, "\(n) points, \(parts) parts")
        #expect(
          Chapter14.balanceProblem(split.parts.map(\.count)) == nil,
          "\(n) points, \(parts) parts: \(split.parts.map(\.count))")
      }
    }
  }

  @Test(arguments: partCounts)
  func partsLieOnTheirSidesOfEveryCut(parts: Int) {
    let points = centers(250, .bunched)
    let split = KDSplit(points: points, parts: parts)
    #expect(split.planes.count == parts - 1)
    for plane in split.planes {
      for p in plane.lowParts { #expect(split.parts[p].allSatisfy { points[$0][plane.axis] <= plane.position }) }
      for p in plane.highParts { #expect(split.parts[p].allSatisfy { points[$0][plane.axis] >= plane.position }) }
    }
    let byIndex = Dictionary(uniqueKeysWithValues: points.enumerated().map { ($0.offset, $0.element) })
    #expect(Chapter14.separationProblem(split.parts, centers: byIndex) == nil)
  }

  @Test func threePartsAreAOneToTwoCutAlongTheLongestAxis() {
    // Points along x only: the first cut is across x, a third of them on the low side.
    let points = (0..<9).map { SIMD3(Double($0), 0.5 * Double($0 % 2), 0) }
    let split = KDSplit(points: points, parts: 3)
    #expect(split.parts == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
    #expect(split.planes[0].axis == 0 && split.planes[0].position == 2.5)
    #expect(split.planes[0].lowParts == 0..<1 && split.planes[0].highParts == 1..<3)
  }

  @Test func emptySceneAndFewerPointsThanParts() {
    #expect(KDSplit(points: [], parts: 4).parts == [[], [], [], []])
    let two = KDSplit(points: [SIMD3(0, 0, 0), SIMD3(1, 0, 0)], parts: 4)
    #expect(two.parts.flatMap { $0 }.sorted() == [0, 1])
    #expect(two.parts.filter { !$0.isEmpty }.count == 2)
  }

  @Test func tiesOnTheCutAxisAreSplitByIndex() {
    let points = [SIMD3<Double>](repeating: SIMD3(1, 1, 1), count: 7)
    #expect(KDSplit(points: points, parts: 2).parts == [[0, 1, 2], [3, 4, 5, 6]])
  }

  @Test(arguments: [2, 3, 4, 5])
  func frontToBackFollowsTheCuts(parts: Int) {
    let points = centers(200)
    let split = KDSplit(points: points, parts: parts)
    for eye in [SIMD3<Double>(0, 0, 62), SIMD3(-80, 5, 0), SIMD3(30, 90, -40)] {
      let order = split.frontToBack(from: eye)
      #expect(order.sorted() == Array(0..<parts))
      // At every cut, all parts on the eye's side come before all parts on the other side.
      for plane in split.planes {
        let near = eye[plane.axis] <= plane.position ? plane.lowParts : plane.highParts
        let far = eye[plane.axis] <= plane.position ? plane.highParts : plane.lowParts
        let lastNear = near.map { order.firstIndex(of: $0)! }.max()!
        let firstFar = far.map { order.firstIndex(of: $0)! }.min()!
        #expect(lastNear < firstFar)
      }
    }
  }
}
