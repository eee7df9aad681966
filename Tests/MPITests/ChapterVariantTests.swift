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

  /// Runs `variant` of `chapterNumber` at `ranks` and expects the runner to call it deadlocked
  /// well before the time limit (kept at the chapter's own), with one line per rank; returns the
  /// lines, or nil after recording why not.
  func expectDeadlock(_ variant: String, chapter chapterNumber: Int, ranks: Int) throws -> [String]? {
    let c = try chapter(chapterNumber)
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: [variant])
    print("\(variant) at \(ranks) ranks: verdict after \(String(format: "%.1f", outcome.seconds)) s")
    #expect(leftovers(variant).isEmpty)
    guard case .deadlocked(let after, let calls) = outcome.verdict else {
      Issue.record("expected a deadlock, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return nil
    }
    // 3 s without anything moving, plus start-up: far below the 60 s limit.
    #expect(outcome.seconds < 10, "\(outcome.seconds) s")
    #expect(after >= 3 && after < 10)
    #expect(calls.count == ranks)
    for (r, line) in calls.enumerated() { #expect(line.hasPrefix("rank \(r): "), "\(line)") }
    calls.forEach { print("  " + $0) }
    return calls
  }

  /// Chapter 09's classic deadlock: every rank sends 1.6 MB before receiving. The runner sees
  /// every rank inside its send, nothing moving, and stops the job within seconds, naming each
  /// rank's send and the line in the learner's file (here the variant's).
  @Test(arguments: [2, 3, 4])
  func deadlockingRingIsStoppedWithADeadlockVerdict(ranks: Int) throws {
    guard let calls = try expectDeadlock("09-naive-ring", chapter: 9, ranks: ranks) else { return }
    for r in 0..<ranks {
      #expect(
        calls[r].hasPrefix("rank \(r): send to \((r + 1) % ranks), tag 0 (200000 Double) at Chapter09+Variants.swift:"),
        "\(calls)")
    }
  }

  /// Chapter 09's mailbox read with one tag per sender: rank 0 waits for a second tag-101 letter
  /// that never comes, the senders wait in the harness's barrier.
  @Test func mailboxWithAWrongTagIsADeadlock() throws {
    guard let calls = try expectDeadlock("09-mail-wrong-tag", chapter: 9, ranks: 3) else { return }
    #expect(calls[0].hasPrefix("rank 0: receive from 1, tag 101 at Chapter09+Variants.swift:"), "\(calls)")
    #expect(calls[1].hasPrefix("rank 1: in the harness (waiting for the others): barrier at Chapter09.swift:"))
    #expect(calls[2].hasPrefix("rank 2: in the harness (waiting for the others): barrier at Chapter09.swift:"))
  }

  /// Chapter 11's tree broadcast in relative ranks that are never converted back: from root 1 a
  /// rank waits for a message from a parent that never sends it.
  @Test(arguments: [2, 4])
  func unconvertedRelativeRanksAreADeadlock(ranks: Int) throws {
    guard let calls = try expectDeadlock("11-relative-ranks-unconverted", chapter: 11, ranks: ranks) else { return }
    #expect(
      calls.contains {
        $0.contains("receive from") && $0.contains("tag 11") && $0.contains("Chapter11+Variants.swift:")
      }, "\(calls)")
  }

  /// Chapter 14's manager hands out every chunk and returns without telling the workers to stop:
  /// they wait for an answer that never comes while the manager waits in the harness.
  @Test func managerThatNeverSaysStopIsADeadlock() throws {
    guard let calls = try expectDeadlock("14-manager-never-stops", chapter: 14, ranks: 3) else { return }
    #expect(calls[0].hasPrefix("rank 0: in the harness (waiting for the others): "), "\(calls)")
    for r in 1..<3 { #expect(calls[r].contains("receive from 0") && calls[r].contains("Chapter14+"), "\(calls)") }
  }

  /// A rank that computes for 4 s outside MPI while the others wait for its message is slow,
  /// not deadlocked: the run goes on and passes.
  @Test(arguments: [2, 4])
  func aLongComputationIsNotADeadlock(ranks: Int) throws {
    let c = try chapter(9)
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: ["09-slow-ring"])
    #expect(outcome.verdict.passed, "\(outcome.verdict)\n\(outcome.output.suffix(2000))")
    #expect(outcome.seconds > 4)
  }

  /// An MPI error thrown by the learner's call names that call and its line, and the output the
  /// learner is shown after it has none of Open MPI's follow-up notices.
  @Test func aThrownMPIErrorNamesTheLearnersLine() throws {
    let c = try chapter(9)
    let outcome = runner.run(c, product: "chapter-variants", ranks: 2, arguments: ["09-ring-past-the-end"])
    guard case .reported(_, _, let errors) = outcome.verdict else {
      Issue.record("expected a reported error, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(
      errors.contains {
        $0.contains("MPI_Send failed: MPI_ERR_RANK") && $0.contains("in send at Chapter09+Variants.swift:")
      }, "\(errors)")
    let shown = Printer.withoutMPINoise(outcome.output).joined(separator: "\n")
    #expect(shown.contains("MPI_ERR_RANK"), "\(shown)")
    for noise in ["MPI_ABORT was invoked", "ORTE_ERROR_LOG", "help message", "-----"] {
      #expect(!shown.contains(noise), "\(noise) in\n\(shown)")
    }
    #expect(leftovers("09-ring-past-the-end").isEmpty)
  }

  /// Wrong code that runs to the end fails at the check written for that mistake, which the
  /// chapter declares in `teaches`.
  @Test(arguments: [
    ("02-rate-on-the-boundary", 2, 1, "draws-full"),
    ("02-chain-order", 2, 1, "lod-chain"),
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
    ("17-rle-full-run", 17, 2, "rle-active-only"),
    ("17-rle-full-run-traffic", 17, 3, "radix-k-bytes"),
    ("17-groups-consecutive", 17, 4, "radix-k-schedule"),
    ("17-groups-consecutive-composite", 17, 4, "radix-k-exact"),
    ("17-over-reversed", 17, 2, "over"),
    ("17-over-reversed-composite", 17, 3, "ordered-over"),
    ("17-over-straight-alpha", 17, 5, "over"),
    ("18-always-full", 18, 2, "moving-budget-95"),
    ("18-never-back-to-full", 18, 4, "back-to-full"),
    ("18-flip-flop", 18, 2, "policy-hysteresis"),
    ("18-magnify-off-by-one-row", 18, 2, "magnify-exact"),
    ("18-ignores-motion", 18, 2, "still-full-detail"),
    ("18-level-count-as-index", 18, 4, "settings-in-range"),
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

  /// A job that never restarts runs from step 0 and ends right; the result check must still
  /// fail (it passed on the shipped stubs before), saying that nothing was resumed.
  @Test func startingAgainIsNotARestart() throws {
    let c = try chapter(13)
    let outcome = runner.run(c, product: "chapter-variants", ranks: 2, arguments: ["13-restart-from-scratch"])
    guard case .reported(let checks, _, _) = outcome.verdict else {
      Issue.record("expected a report, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    let result = try #require(checks.first { $0.name == "restart-result" })
    #expect(!result.passed)
    #expect(result.got.contains("resumed nothing"), "\(result)")
    #expect(outcome.verdict.firstFailure?.name == "restart-step")
  }

  /// Variants that are right on purpose (the reference at odd sizes, an idiom a learner may
  /// choose): every check must pass.
  @Test(arguments: [
    ("16-reference-sizes", 16, 2), ("16-reference-sizes", 16, 3), ("16-reference-sizes", 16, 4),
    ("16-reference-sizes", 16, 5), ("13-atomic-write", 13, 2), ("02-reference", 2, 1), ("13-atomic-write", 13, 4),
    ("13-move-item", 13, 3), ("17-reference", 17, 6),
  ])
  func correctVariantPasses(variant: String, chapterNumber: Int, ranks: Int) throws {
    let c = try chapter(chapterNumber)
    let outcome = runner.run(c, product: "chapter-variants", ranks: ranks, arguments: [variant])
    #expect(outcome.verdict.passed, "\(variant) at \(ranks) ranks: \(outcome.verdict)\n\(outcome.output.suffix(3000))")
  }
}
