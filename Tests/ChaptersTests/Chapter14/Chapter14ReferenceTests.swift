import Testing

@testable import Chapters

/// The block and cyclic decompositions of chapter 14's answer key, for every rank count the
/// chapter could meet and object counts that do and do not divide evenly.
@Suite struct Chapter14ReferenceTests {
  static let rankCounts = Array(1...6)
  static let objectCounts = Array(0...40) + [97, 100, 1000, 1001, 1003]

  func owners(_ scheme: (Int, Int, Int) -> [Int], ranks: Int, count: Int) -> [[Int]] {
    (0..<ranks).map { scheme($0, ranks, count) }
  }

  @Test(arguments: rankCounts)
  func blockOwnsEveryObjectOnceInBalancedContiguousRanges(ranks: Int) {
    for n in Self.objectCounts {
      let perRank = owners(Chapter14.referenceBlock, ranks: ranks, count: n)
      #expect(Chapter14.ownershipProblem(perRank, count: n) == nil, "\(n) objects on \(ranks) ranks")
      #expect(Chapter14.balanceProblem(perRank.map(\.count)) == nil, "\(n) objects on \(ranks) ranks")
      // Concatenated in rank order, the ranges are 0 ..< n: contiguous and in order.
      #expect(perRank.flatMap { $0 } == Array(0..<n))
      // The extra objects go to the first ranks.
      #expect(perRank.map(\.count) == (0..<ranks).map { n / ranks + ($0 < n % ranks ? 1 : 0) })
    }
  }

  @Test func blockOfTenOnFourIsThreeThreeTwoTwo() {
    #expect(owners(Chapter14.referenceBlock, ranks: 4, count: 10) == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]])
    #expect(Chapter14.blockRange(rank: 3, ranks: 4, count: 2) == 2..<2)
  }

  @Test(arguments: rankCounts)
  func cyclicOwnsEveryObjectOnceDealtInTurn(ranks: Int) {
    for n in Self.objectCounts {
      let perRank = owners(Chapter14.referenceCyclic, ranks: ranks, count: n)
      #expect(Chapter14.ownershipProblem(perRank, count: n) == nil)
      #expect(Chapter14.balanceProblem(perRank.map(\.count)) == nil)
      for (rank, ids) in perRank.enumerated() { #expect(ids.allSatisfy { $0 % ranks == rank }) }
    }
  }

  @Test func imbalanceIsMaxOverMean() {
    #expect(Chapter14.maxOverMean([1, 1, 1]) == 1)
    #expect(abs(Chapter14.maxOverMean([1, 1.5, 2]) - 2 / 1.5) < 1e-12)
    // All the work on one of four ranks: the others wait three quarters of the time.
    #expect(Chapter14.maxOverMean([4, 0, 0, 0]) == 4)
    #expect(Chapter14.maxOverMean([]) == 1)
    #expect(Chapter14.maxOverMean([0, 0]) == 1)
  }

  @Test func skewedWorkloadIsSortedHeaviestFirstAndImbalancedForBlocks() {
    let costs = Chapter14.skewedCosts(count: Chapter14.skewedCount)
    #expect(costs.count == Chapter14.skewedCount)
    #expect(costs == costs.sorted(by: >))
    // The check needs the static block split clearly above the dynamic bound at 2, 3 and 4 ranks
    // by the triangle counts alone; the cyclic split of the same list is close to even.
    for ranks in 2...4 {
      let block = (0..<ranks).map { Chapter14.referenceBlock($0, ranks, costs.count).reduce(0) { $0 + costs[$1] } }
      let cyclic = (0..<ranks).map { Chapter14.referenceCyclic($0, ranks, costs.count).reduce(0) { $0 + costs[$1] } }
      #expect(Chapter14.maxOverMean(block.map(Double.init)) > Chapter14.dynamicBound + 0.3)
      #expect(Chapter14.maxOverMean(cyclic.map(Double.init)) < 1.05)
    }
  }
}
