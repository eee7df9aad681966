import Testing

@testable import Chapters

/// The pure tests chapter 14's checks are made of catch the mistakes they are written for.
@Suite struct Chapter14CheckTests {
  @Test func ownershipNamesMissingRepeatedAndOutOfRangeIds() {
    #expect(Chapter14.ownershipProblem([[0, 1], [2]], count: 3) == nil)
    #expect(Chapter14.ownershipProblem([[], []], count: 0) == nil)
    // The remainder dropped: 10 objects, 3 each on 3 ranks.
    #expect(
      Chapter14.ownershipProblem([[0, 1, 2], [3, 4, 5], [6, 7, 8]], count: 10)?.contains("1 owned by nobody (9)")
        == true)
    // A shared boundary.
    #expect(
      Chapter14.ownershipProblem([[0, 1, 2, 3], [3, 4]], count: 5)?.contains("1 owned more than once (3)") == true)
    // Twice on the same rank counts too.
    #expect(Chapter14.ownershipProblem([[0, 0], [1]], count: 2)?.contains("owned more than once") == true)
    // Counting from one.
    let fromOne = Chapter14.ownershipProblem([[1, 3], [2, 4]], count: 4)
    #expect(fromOne?.contains("owned by nobody (0)") == true && fromOne?.contains("not in 0..<4 (4)") == true)
  }

  @Test func balanceAllowsADifferenceOfOne() {
    #expect(Chapter14.balanceProblem([3, 3, 2, 2]) == nil)
    #expect(Chapter14.balanceProblem([]) == nil)
    #expect(Chapter14.balanceProblem([3, 3, 3, 1]) != nil)
    #expect(Chapter14.balanceProblem([5, 2, 3]) != nil)
  }

  @Test func separationCatchesPartsThatInterleave() {
    // Two parts along x, then the same points dealt alternately.
    let centers = Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, SIMD3(Double($0), Double($0 % 3), 0)) })
    #expect(Chapter14.separationProblem([[0, 1, 2, 3], [4, 5, 6, 7]], centers: centers) == nil)
    #expect(Chapter14.separationProblem([[0, 2, 4, 6], [1, 3, 5, 7]], centers: centers) != nil)
    // Separated along y only is still separated.
    let stacked = Dictionary(uniqueKeysWithValues: (0..<4).map { ($0, SIMD3(Double($0 % 2), Double($0 / 2), 0)) })
    #expect(Chapter14.separationProblem([[0, 1], [2, 3]], centers: stacked) == nil)
    // Empty parts are never in the way.
    #expect(Chapter14.separationProblem([[], [0, 1], []], centers: centers) == nil)
  }

  @Test func descriptionsNameRanges() {
    #expect(Chapter14.describe([3, 4, 5]) == "3..<6")
    #expect(Chapter14.describe([]) == "none")
    #expect(Chapter14.describe([0, 2, 4]) == "[0, 2, 4] (3)")
  }

  @Test func theVariantsOwnershipMistakesAreWhatTheirChecksCatch() {
    // What the variants of Chapter14+Variants.swift return, seen by the pure tests directly.
    let ranks = 3
    let n = 10
    let drops = (0..<ranks).map { Chapter14.blockDropsRemainder($0, ranks, n) }
    #expect(Chapter14.ownershipProblem(drops, count: n) != nil)
    let outward = (0..<ranks).map { Chapter14.blockRoundsOutward($0, ranks, n) }
    #expect(Chapter14.ownershipProblem(outward, count: n)?.contains("more than once") == true)
    let ceil = (0..<4).map { Chapter14.blockCeilChunks($0, 4, n) }
    #expect(Chapter14.ownershipProblem(ceil, count: n) == nil && Chapter14.balanceProblem(ceil.map(\.count)) != nil)
    let atEnd = (0..<ranks).map { Chapter14.blockRemainderAtEnd($0, ranks, n) }
    #expect(Chapter14.ownershipProblem(atEnd, count: n) == nil && Chapter14.balanceProblem(atEnd.map(\.count)) == nil)
    #expect(atEnd != (0..<ranks).map { Chapter14.referenceBlock($0, ranks, n) })
    let items = Chapter14.items(ParallelScene.objects(count: 30))
    let halves = Chapter14.kdSplit(items, 3, proportional: false, sorted: true)
    #expect(Chapter14.balanceProblem(halves.map(\.count)) != nil)
    let unsorted = Chapter14.kdSplit(items, 4, proportional: true, sorted: false)
    let centers = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.center) })
    #expect(Chapter14.separationProblem(unsorted, centers: centers) != nil)
    #expect(
      Chapter14.separationProblem(Chapter14.kdSplit(items, 4, proportional: true, sorted: true), centers: centers)
        == nil)
  }
}
