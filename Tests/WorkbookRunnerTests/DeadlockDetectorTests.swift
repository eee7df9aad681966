import Testing
import WorkbookContract

@testable import WorkbookRunner

/// The deadlock decision fed made-up snapshots of the call board (no MPI, no files).
@Suite struct DeadlockDetectorTests {
  static func blocked(
    _ kind: CallKind, peer: Int32 = -1, tag: Int32 = -1, progress: UInt64 = 5, line: Int = 12,
    file: String = "exercise09/PointToPoint.swift"
  ) -> RankCall {
    RankCall(
      state: .inCall, progress: progress, enteredNanoseconds: 1000, kind: kind, peer: peer, tag: tag,
      count: 200_000, elementType: "Double", file: file, line: line)
  }
  static func working(progress: UInt64 = 5) -> RankCall {
    RankCall(
      state: .idle, progress: progress, enteredNanoseconds: 900, kind: .barrier, file: "exercise09/Ring.swift",
      line: 3)
  }

  /// Feeds the same snapshot every 1/8 s from `from` to `to`; the first verdict, with its time.
  func run(_ d: inout DeadlockDetector, _ calls: [RankCall?], finished: Set<Int> = [], from: Double, to: Double)
    -> (at: Double, lines: [String])?
  {
    // Steps of 1/8 s from a multiple of 1/8: every time is exact, so 3 s of them are 3 s.
    for i in 0...Int(((to - from) * 8).rounded(.down)) {
      let t = from + Double(i) / 8
      if let lines = d.observe(calls, finished: finished, now: t) { return (t, lines) }
    }
    return nil
  }

  @Test func everyRankSendingFirstIsADeadlockAfterTheQuietWindow() throws {
    var d = DeadlockDetector(ranks: 2)
    let calls = [Self.blocked(.send, peer: 1, tag: 0), Self.blocked(.send, peer: 0, tag: 0, line: 12)]
    let verdict = try #require(run(&d, calls, from: 0, to: 10))
    #expect(verdict.at == 3)
    #expect(
      verdict.lines == [
        "rank 0: send to 1, tag 0 (200000 Double) at PointToPoint.swift:12",
        "rank 1: send to 0, tag 0 (200000 Double) at PointToPoint.swift:12",
      ])
  }

  @Test func aRankComputingOutsideMPIIsNeverADeadlock() {
    var d = DeadlockDetector(ranks: 3)
    let calls = [Self.working(), Self.blocked(.receive, peer: 0), Self.blocked(.receive, peer: 1)]
    #expect(run(&d, calls, from: 0, to: 60) == nil)
  }

  @Test func aRankThatHasNotStartedMPIIsNeverADeadlock() {
    var d = DeadlockDetector(ranks: 2)
    #expect(run(&d, [Self.blocked(.barrier), nil], from: 0, to: 30) == nil)
  }

  @Test func progressAnywhereRestartsTheWindow() throws {
    var d = DeadlockDetector(ranks: 2)
    var calls = [Self.blocked(.receive, peer: 1), Self.blocked(.receive, peer: 0)]
    #expect(run(&d, calls, from: 0, to: 2.5) == nil)
    // Rank 1 completes a call and enters the next one: messages are moving.
    calls[1] = Self.blocked(.receive, peer: 0, progress: 6)
    #expect(run(&d, calls, from: 2.625, to: 5.5) == nil)
    let verdict = try #require(run(&d, calls, from: 5.625, to: 10))
    #expect(verdict.at == 5.625)
  }

  @Test func aFinishedRankWaitsInTheHarness() throws {
    var d = DeadlockDetector(ranks: 3)
    let calls = [
      Self.blocked(.receive, peer: 1, tag: 101, line: 40, file: "Chapters/Chapter09+Variants.swift"),
      Self.blocked(.barrier, line: 107, file: "Chapters/Chapter09.swift"),
      Self.blocked(.gather, peer: 0, line: 70, file: "Chapters/Harness.swift"),
    ]
    let verdict = try #require(run(&d, calls, finished: [2], from: 0, to: 5))
    #expect(
      verdict.lines[0] == "rank 0: receive from 1, tag 101 (room for 200000 Double) at Chapter09+Variants.swift:40")
    #expect(verdict.lines[1] == "rank 1: in the harness (waiting for the others): barrier at Chapter09.swift:107")
    #expect(verdict.lines[2].hasPrefix("rank 2: in the harness (waiting for the others): gather to root 0"))
  }

  @Test func aJobWhoseRanksAllFinishedIsNotDeadlocked() {
    var d = DeadlockDetector(ranks: 2)
    let calls = [Self.blocked(.gather, file: "Chapters/Harness.swift"), Self.blocked(.finalize)]
    #expect(run(&d, calls, finished: [0, 1], from: 0, to: 10) == nil)
  }

  @Test func aRankStuckInFinalizeIsNamed() throws {
    var d = DeadlockDetector(ranks: 2)
    let calls = [Self.blocked(.receive, peer: 1), Self.blocked(.finalize, file: "MPI/Environment.swift")]
    let verdict = try #require(run(&d, calls, from: 0, to: 5))
    #expect(verdict.lines[1] == "rank 1: in MPI_Finalize: its program ended while the others still wait for it")
  }

  @Test func theWindowIsAProperty() throws {
    var d = DeadlockDetector(ranks: 2)
    d.quietSeconds = 1
    let calls = [Self.blocked(.send, peer: 1), Self.blocked(.send, peer: 0)]
    let verdict = try #require(run(&d, calls, from: 0, to: 5))
    #expect(verdict.at == 1)
  }

  @Test func whereaboutsSayWhereEachUnfinishedRankWas() {
    var d = DeadlockDetector(ranks: 3)
    let calls = [Self.working(), Self.blocked(.receive, peer: 0, tag: 3), nil]
    _ = d.observe(calls, finished: [], now: 0)
    let lines = d.whereabouts(calls, finished: [], now: 57)
    #expect(
      lines[0]
        == "rank 0: running outside MPI; its last MPI call was barrier at Ring.swift:3 (returned 57 s before the stop)")
    #expect(
      lines[1] == "rank 1: waiting for 57 s in receive from 0, tag 3 (room for 200000 Double) at PointToPoint.swift:12")
    #expect(lines[2] == "rank 2: had not started MPI")
    #expect(d.whereabouts(calls, finished: [0, 2], now: 57).count == 1)
  }
}
