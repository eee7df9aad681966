import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// Time-outs, deadlocks and crashes, with the real probe program under the real mpirun.
@Suite(.serialized) struct ProcessControlTests {
  let runner = ChapterRunner(project: Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory))

  func chapter(_ kind: ChapterKind, ranks: [Int] = [1], limit: Double) -> ChapterInfo {
    ChapterInfo(number: 99, slug: "probe", title: "probe", kind: kind, ranks: ranks, timeLimit: limit)
  }

  @Test func hangingProgramIsStoppedAndReported() {
    let outcome = runner.run(chapter(.local, limit: 2), product: "workbook-probe", ranks: 1, arguments: ["hang"])
    guard case .timedOut(let limit, let missing, _) = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)")
      return
    }
    #expect(limit == 2 && missing == [0])
    #expect(outcome.seconds < 10)
    #expect(TestSupport.processes(matching: "workbook-probe hang").isEmpty)
  }

  @Test func endlessOutputIsStoppedAndReported() {
    let outcome = runner.run(chapter(.local, limit: 120), product: "workbook-probe", ranks: 1, arguments: ["flood"])
    guard case .tooMuchOutput(let limit) = outcome.verdict else {
      Issue.record("expected too much output, got \(outcome.verdict)")
      return
    }
    #expect(limit == defaultOutputLimit)
    #expect(outcome.seconds < 60, "stopped by the time limit, not by the output limit")
    #expect(outcome.output.utf8.count < 1 << 20, "the runner kept \(outcome.output.utf8.count) bytes of output")
    #expect(outcome.output.contains("a line of debugging output"))
    #expect(TestSupport.processes(matching: "workbook-probe flood").isEmpty)
  }

  @Test func endlessOutputFromOneRankEndsEveryProcess() {
    let outcome = runner.run(
      chapter(.mpi, ranks: [2], limit: 120), product: "workbook-probe", ranks: 2, arguments: ["flood", "1"])
    guard case .tooMuchOutput = outcome.verdict else {
      Issue.record("expected too much output, got \(outcome.verdict)")
      return
    }
    #expect(outcome.seconds < 60, "stopped by the time limit, not by the output limit")
    #expect(TestSupport.processes(matching: "workbook-probe flood").isEmpty)
  }

  @Test func deadlockAtTwoRanksEndsEveryProcess() {
    let outcome = runner.run(
      chapter(.mpi, ranks: [2], limit: 30), product: "workbook-probe", ranks: 2, arguments: ["deadlock"])
    // Both ranks receive first: the call board shows both waiting, so it ends long before 30 s.
    guard case .deadlocked(_, let calls) = outcome.verdict else {
      Issue.record("expected a deadlock, got \(outcome.verdict)")
      return
    }
    #expect(calls.count == 2 && calls.allSatisfy { $0.contains("receive from") }, "\(calls)")
    #expect(outcome.seconds < 10)
    // Only this run's processes: other tests may have mpirun jobs of their own meanwhile.
    #expect(TestSupport.processes(matching: "workbook-probe deadlock").isEmpty)
  }

  @Test func crashingRankIsNamedWithItsSignal() {
    let outcome = runner.run(
      chapter(.mpi, ranks: [3], limit: 30), product: "workbook-probe", ranks: 3, arguments: ["crash-rank", "1"])
    guard case .crashed(let rank, let how) = outcome.verdict else {
      Issue.record("expected a crash, got \(outcome.verdict)")
      return
    }
    #expect(rank == 1)
    #expect(how.contains("signal 11"))
    #expect(TestSupport.processes(matching: "workbook-probe crash-rank").isEmpty)
  }

  @Test func missingMPIRunNamesThePackage() {
    let outcome = runner.run(
      chapter(.mpi, ranks: [2], limit: 5), product: "workbook-probe", ranks: 2, arguments: ["mpi-allreduce"],
      environment: ["PATH": "/nonexistent"])
    guard case .notStarted(let why) = outcome.verdict else {
      Issue.record("expected not started, got \(outcome.verdict)")
      return
    }
    #expect(why.contains("openmpi-bin"))
  }

  @Test func missingProgramIsReportedNotCrashed() {
    let outcome = runner.run(chapter(.local, limit: 5), product: "no-such-program", ranks: 1)
    guard case .notStarted(let why) = outcome.verdict else {
      Issue.record("expected not started, got \(outcome.verdict)")
      return
    }
    #expect(why.contains("not built"))
  }
}
