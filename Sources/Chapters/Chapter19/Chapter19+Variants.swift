extension Chapter19 {
  /// Learner code that is wrong the way learners get it wrong (run by `chapter-variants`; each
  /// must fail at the check named in Tests/MPITests/ChapterVariantTests.swift).
  static var variants: [String: () -> Never] {
    [
      // Every thread increments the same counts with plain loads and stores.
      "19-racy-shared-counts": { check(Learner(chunks: chunks, histogram: racyHistogram)) },
      // Correct, but one lock taken for every increment: slower than one thread.
      "19-lock-per-increment": { check(Learner(chunks: chunks, histogram: lockedHistogram)) },
      // count / parts items each: the last count % parts items belong to no chunk.
      "19-chunks-drop-remainder": { check(Learner(chunks: chunksDroppingRemainder, histogram: partialsHistogram)) },
    ]
  }

  /// `count / parts` items per chunk, the remainder forgotten.
  static func chunksDroppingRemainder(count: Int, parts: Int) -> [Range<Int>] {
    let size = count / parts
    return (0..<parts).map { $0 * size..<($0 + 1) * size }
  }
}
