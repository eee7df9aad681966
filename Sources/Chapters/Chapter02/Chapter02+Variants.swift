import VTK

/// Chapter 02 done wrong (see `ChapterVariants`).
extension Chapter02 {
  static var variants: [String: () -> Never] {
    [
      // The time exactly on a level's draw time: right only while the measured time never moves.
      "02-rate-on-the-boundary": {
        check(Learner(buildLODChain: referenceChain, updateRate: { level, times in 1 / times[level] }))
      },
      // The mappers returned in another order than they were added.
      "02-chain-order": {
        check(
          Learner(
            buildLODChain: { actor, mesh in Array(referenceChain(actor, mesh).reversed()) },
            updateRate: referenceRate))
      },
      // Not a mistake: the reference, which must pass every check.
      "02-reference": { check(reference) },
    ]
  }
}
