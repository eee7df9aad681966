import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// Chapter harnesses run with learner code that is wrong the way learners get it wrong
/// (Sources/chapter-variants), under the real runner and mpirun: each mistake must be caught.
@Suite(.serialized) struct ChapterVariantTests {
  let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)
  var runner: ChapterRunner { ChapterRunner(project: project) }

  func chapter(_ number: Int) throws -> ChapterInfo {
    try #require(try Catalog.load(project).chapter(number))
  }

  /// Processes still running a variant.
  func leftovers(_ variant: String) -> [Int32] { TestSupport.processes(matching: "chapter-variants \(variant)") }

  /// Chapter 09's classic deadlock: every rank sends 1.6 MB before receiving. The runner must
  /// stop it at the time limit, name every rank as unfinished, and leave no process behind.
  @Test(arguments: [2, 3])
  func deadlockingRingIsStoppedWithATimeOutVerdict(ranks: Int) throws {
    var c = try chapter(9)
    c.timeLimit = 8
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: ["09-naive-ring"])
    guard case .timedOut(let limit, let missing) = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(limit == 8)
    #expect(missing == Array(0..<ranks))
    #expect(outcome.seconds < 30)
    #expect(leftovers("09-naive-ring").isEmpty)
  }

  /// Chapter 14's manager hands out every chunk and returns without telling the workers to stop:
  /// they wait for an answer that never comes, and the runner stops the job at its time limit.
  @Test func managerThatNeverSaysStopIsStoppedWithATimeOutVerdict() throws {
    var c = try chapter(14)
    c.timeLimit = 8
    let outcome = runner.run(c, product: "chapter-variants", ranks: 3, arguments: ["14-manager-never-stops"])
    guard case .timedOut(let limit, let missing) = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(limit == 8)
    // The workers wait for an answer; the manager returned and waits for them in the harness's
    // next collective.
    #expect(missing == [0, 1, 2])
    #expect(outcome.seconds < 30)
    #expect(leftovers("14-manager-never-stops").isEmpty)
  }

  /// Wrong code that runs to the end fails at the check written for that mistake, which the
  /// chapter declares in `teaches`.
  @Test(arguments: [
    ("09-ring-backwards", 9, 3, "ring-shift"),
    ("09-mail-without-status", 9, 3, "mailbox"),
    ("10-one-tag", 10, 2, "halo-values"),
    ("10-blocking-start", 10, 3, "four-requests"),
    ("10-waits-in-start", 10, 3, "start-does-not-wait"),
    ("10-forgets-sends", 10, 2, "requests-completed"),
    ("11-linear-broadcast", 11, 4, "tree-root-sends"),
    ("11-chain-broadcast", 11, 4, "tree-depth"),
    ("11-integer-division-split", 11, 3, "tasks-once"),
    ("11-inclusive-offset", 11, 3, "offset"),
    ("12-reversed-key", 12, 4, "row-communicator"),
    ("12-struct-not-resized", 12, 2, "particle-extent"),
    ("12-contiguous-column", 12, 3, "column-type"),
    ("12-rows-wrong-way", 12, 4, "halo-2d"),
    ("13-classify-half", 13, 2, "error-classes"),
    ("13-no-agreement", 13, 3, "failure-agreed"),
    ("13-leaves-temporary", 13, 2, "checkpoint-written"),
    ("13-writes-in-place", 13, 3, "checkpoint-written"),
    ("13-restart-min-newest", 13, 3, "restart-step"),
    ("13-restart-trusts-files", 13, 4, "restart-step"),
    ("14-block-drops-remainder", 14, 3, "block-once"),
    ("14-block-rounds-outward", 14, 2, "block-once"),
    ("14-block-ceil-chunks", 14, 4, "block-balance"),
    ("14-block-remainder-at-end", 14, 3, "block-ranges"),
    ("14-cyclic-from-one", 14, 2, "cyclic-once"),
    ("14-kd-halves-only", 14, 3, "kd-balance"),
    ("14-kd-unsorted-cut", 14, 4, "kd-separated"),
    ("14-imbalance-max-min", 14, 3, "imbalance-formula"),
    ("14-imbalance-local", 14, 2, "imbalance-formula"),
    ("14-worker-repeats-chunk", 14, 2, "dynamic-once"),
    ("14-worker-takes-block", 14, 3, "dynamic-balanced"),
    ("15-wide-angle", 15, 4, "tile-camera"),
    ("15-centre-sign", 15, 2, "tile-camera"),
    ("15-rows-from-bottom", 15, 4, "tile-camera"),
    ("15-centre-only", 15, 2, "objects-per-tile"),
    ("15-equal-cuts", 15, 3, "rebalanced-cost"),
    ("16-ties-reversed", 16, 2, "gather-exact"),
    ("16-tree-as-chain", 16, 4, "tree-bytes"),
    ("16-direct-send-unordered", 16, 3, "direct-send-exact"),
    ("16-swap-keeps-lower", 16, 4, "binary-swap-exact"),
    ("19-chunks-drop-remainder", 19, 1, "chunks-partition"),
    ("19-racy-shared-counts", 19, 1, "same-counts"),
    ("19-lock-per-increment", 19, 1, "speedup-2-threads"),
  ])
  func mistakeFailsAtItsCheck(variant: String, chapterNumber: Int, ranks: Int, check: String) throws {
    let c = try chapter(chapterNumber)
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: [variant])
    guard case .reported(_, _, let errors) = outcome.verdict else {
      Issue.record("expected a report, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(errors.isEmpty, "\(errors)")
    #expect(outcome.verdict.firstFailure?.name == check, "\(outcome.output.suffix(2000))")
    #expect(c.teaches.contains(check))
  }

  /// Variants that are right on purpose (the reference at odd sizes, an idiom a learner may
  /// choose): every check must pass.
  @Test(arguments: [
    ("16-reference-sizes", 16, 2), ("16-reference-sizes", 16, 3), ("16-reference-sizes", 16, 4),
    ("16-reference-sizes", 16, 5),
  ])
  func correctVariantPasses(variant: String, chapterNumber: Int, ranks: Int) throws {
    let c = try chapter(chapterNumber)
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: [variant])
    #expect(outcome.verdict.passed, "\(variant) at \(ranks) ranks: \(outcome.verdict)\n\(outcome.output.suffix(3000))")
  }
}
