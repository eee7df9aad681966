import Testing

@testable import Chapters

/// Chapter 19's chunking: the reference cuts every size into near-equal consecutive ranges, and
/// the check's judge (`chunkProblem`) catches the ways a chunking goes wrong.
@Suite struct ChunkingTests {
  @Test(arguments: [(0, 1), (0, 4), (3, 4), (1, 1), (10, 3), (10, 1), (8, 8), (7, 2), (1_000_003, 4), (5, 7)])
  func referenceChunksArePartitions(count: Int, parts: Int) {
    let r = Chapter19.chunks(count: count, parts: parts)
    #expect(Chapter19.chunkProblem(r, count: count, parts: parts) == nil, "\(r)")
  }

  @Test func emptyInputGivesEmptyRanges() {
    #expect(Chapter19.chunks(count: 0, parts: 3) == [0..<0, 0..<0, 0..<0])
  }

  @Test func fewerItemsThanPartsLeavesTheLastEmpty() {
    #expect(Chapter19.chunks(count: 3, parts: 4) == [0..<1, 1..<2, 2..<3, 3..<3])
  }

  @Test func theRemainderGoesToTheFirstChunks() {
    #expect(Chapter19.chunks(count: 10, parts: 3) == [0..<4, 4..<7, 7..<10])
    #expect(Chapter19.chunks(count: 1_000_003, parts: 4).map(\.count) == [250_001, 250_001, 250_001, 250_000])
  }

  @Test func judgeCatchesWrongChunkings() {
    // The remainder dropped (the variant 19-chunks-drop-remainder).
    #expect(
      Chapter19.chunkProblem(Chapter19.chunksDroppingRemainder(count: 10, parts: 3), count: 10, parts: 3)?.contains(
        "end at 9") == true)
    // One range for everything.
    #expect(Chapter19.chunkProblem([0..<10], count: 10, parts: 3)?.contains("1 ranges") == true)
    // Overlapping and gapped ranges.
    #expect(Chapter19.chunkProblem([0..<5, 4..<10], count: 10, parts: 2)?.contains("starts at 4") == true)
    #expect(Chapter19.chunkProblem([0..<4, 5..<10], count: 10, parts: 2)?.contains("starts at 5") == true)
    // The remainder all in the last chunk: covers, but unbalanced; spread out, it is right.
    #expect(
      Chapter19.chunkProblem([0..<3, 3..<6, 6..<11], count: 11, parts: 3)?.contains("more than one apart") == true)
    #expect(Chapter19.chunkProblem([0..<4, 4..<8, 8..<11], count: 11, parts: 3) == nil)
  }

  @Test func chunkCheckPassesTheReferenceAndFailsTheVariant() {
    #expect(Chapter19.checkChunks { Chapter19.chunks(count: $0, parts: $1) }.passed)
    #expect(!Chapter19.checkChunks { Chapter19.chunksDroppingRemainder(count: $0, parts: $1) }.passed)
    #expect(!Chapter19.checkChunks { count, _ in [0..<count] }.passed)  // the exercise as shipped
  }
}
