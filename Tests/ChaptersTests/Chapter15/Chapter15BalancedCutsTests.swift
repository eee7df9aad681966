import Testing
import WorkbookKit

@testable import Chapters

/// Cuts by cost: always valid, equal where the cost is even, and a smaller max/mean on the
/// bunched scene than equal tiles.
@Suite struct Chapter15BalancedCutsTests {
  @Test func cutsAreAlwaysValid() {
    var rng = SeededRandom(seed: 3)
    for _ in 0..<300 {
      let parts = 1 + Int(rng.uniform(0...5.999))
      let length = parts + Int(rng.uniform(0...1000))
      let n = Int(rng.uniform(0...50))
      let positions = (0..<n).map { _ in rng.uniform(-10...Double(length) + 10) }
      let costs = (0..<n).map { _ in Int(rng.uniform(0...3000)) }
      let cuts = Chapter15.referenceBalancedCuts(positions, costs, parts, length)
      #expect(Chapter15.cutsProblem(cuts, parts: parts, length: length) == nil, "\(cuts)")
    }
    // Everything at one spot: the parts still get a pixel each.
    #expect(Chapter15.referenceBalancedCuts([5, 5, 5], [1, 1, 1], 3, 10) == [0, 5, 6, 10])
    // No cost at all: equal parts.
    #expect(Chapter15.referenceBalancedCuts([1, 2], [0, 0], 2, 10) == [0, 5, 10])
  }

  @Test func evenCostGivesNearlyEqualParts() {
    let positions = (0..<960).map { Double($0) + 0.5 }
    let cuts = Chapter15.referenceBalancedCuts(positions, [Int](repeating: 1, count: 960), 4, 960)
    #expect(zip(cuts, [0, 240, 480, 720, 960]).allSatisfy { abs($0 - $1) <= 1 })
  }

  @Test func costGoesWhereTheCutsAre() {
    // Three quarters of the cost at x = 100: the first part ends there.
    let cuts = Chapter15.referenceBalancedCuts([100, 600, 700], [3, 0, 1], 2, 960)
    #expect(cuts == [0, 100, 960])
  }

  @Test(arguments: [2, 3, 4])
  func bunchedSceneIsBetterBalancedThanEqualTiles(ranks: Int) throws {
    let bunched = ParallelScene.objects(count: Chapter15.objectCount, layout: .bunched)
    let equal = (0..<ranks).map { Chapter15.referenceTileRect($0, ranks, 960, 540) }
    let cut = try #require(
      Chapter15.balancedTiles(Chapter15.reference.balancedCuts, objects: bunched, ranks: ranks).tiles)
    #expect(Chapter15.coverageProblem(cut, 960, 540) == nil)
    let before = Chapter15.imbalance(Chapter15.tileCosts(equal, objects: bunched))
    let after = Chapter15.imbalance(Chapter15.tileCosts(cut, objects: bunched))
    #expect(after < before - 0.5, "max/mean \(before) with equal tiles, \(after) cut by cost")
    // Cutting by equal parts is the equal layout: no gain.
    let ignoring = try #require(
      Chapter15.balancedTiles(
        { _, _, parts, length in (0...parts).map { $0 * length / parts } },
        objects: bunched, ranks: ranks
      ).tiles)
    #expect(ignoring == equal)
  }
}
