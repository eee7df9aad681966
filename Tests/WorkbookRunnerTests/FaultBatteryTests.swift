import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The faults a learner really causes, each run through the real runner under the real mpirun
/// (chapter 09's harness with rank 1 misbehaving, `Chapter09+Faults.swift`): each must end in
/// its own verdict within its time bound, with no process of the run left behind.
@Suite(.serialized) struct FaultBatteryTests {
  let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)
  var runner: ChapterRunner { ChapterRunner(project: project) }

  func chapter9(limit: Double = 30) throws -> ChapterInfo {
    var c = try #require(try Catalog.load(project).chapter(9))
    c.timeLimit = limit
    return c
  }

  func run(_ fault: String, _ c: ChapterInfo, ranks: Int = 2) -> RunOutcome {
    runner.run(c, product: "chapter-variants", ranks: ranks, arguments: [fault])
  }

  func leftovers(_ fault: String) -> [Int32] { TestSupport.processes(matching: "chapter-variants \(fault)") }

  @Test func exitOnOneRankIsNamedWithItsCodeAndLineWithinSeconds() throws {
    let outcome = run("09-fault-exit", try chapter9())
    guard case .crashed(let rank, let how) = outcome.verdict else {
      Issue.record("expected an early exit, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(rank == 1)
    #expect(how.contains("exit(3) before the checks finished"), "\(how)")
    #expect(how.contains("Chapter09+Faults.swift:"), "the line of the exit call: \(how)")
    #expect(outcome.seconds < 10, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-exit").isEmpty)
  }

  @Test func crashOnOneRankIsNamedWithItsSignal() throws {
    let outcome = run("09-fault-crash", try chapter9())
    guard case .crashed(let rank, let how) = outcome.verdict else {
      Issue.record("expected a crash, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(rank == 1)
    #expect(how.contains("signal"), "\(how)")
    #expect(outcome.seconds < 15, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-crash").isEmpty)
  }

  /// An endless loop on rank 1: not a deadlock (rank 1 is not in MPI), so the time limit stops
  /// it, and the verdict says where each rank was: rank 1 in its loop, rank 0 waiting in MPI.
  @Test func endlessLoopOnOneRankIsStoppedAtTheLimitWithEachRanksWhereabouts() throws {
    let outcome = run("09-fault-spin", try chapter9(limit: 6))
    guard case .timedOut(let limit, let missing, let whereabouts) = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(limit == 6)
    #expect(missing == [0, 1])
    #expect(
      whereabouts.contains { $0.hasPrefix("rank 1 is running Sources/Chapters/Chapter09/Chapter09+Faults.swift:") },
      "\(whereabouts)")
    #expect(whereabouts.contains { $0.hasPrefix("rank 0 waits in MPI_") }, "\(whereabouts)")
    #expect(outcome.seconds < 20, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-spin").isEmpty)
  }

  @Test func runawayAllocationIsStoppedWithItsOwnVerdict() throws {
    var c = try chapter9()
    c.memoryLimit = 1 << 30
    let outcome = run("09-fault-allocate", c)
    guard case .outOfMemory(let rank, let used, let limit) = outcome.verdict else {
      Issue.record("expected out of memory, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(rank == 1)
    #expect(limit == 1 << 29, "1 GiB shared by 2 ranks")
    #expect(used > limit)
    #expect(outcome.seconds < 20, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-allocate").isEmpty)
  }

  @Test func printFloodIsStoppedByTheOutputLimit() throws {
    let outcome = run("09-fault-flood", try chapter9(limit: 120))
    guard case .tooMuchOutput = outcome.verdict else {
      Issue.record("expected too much output, got \(outcome.verdict)")
      return
    }
    #expect(outcome.seconds < 90, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-flood").isEmpty)
  }

  @Test func childThatIgnoresSIGTERMIsKilledToo() throws {
    let outcome = run("09-fault-stubborn-child", try chapter9(limit: 5))
    guard case .timedOut = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(outcome.seconds < 20, "took \(outcome.seconds) s")
    #expect(leftovers("09-fault-stubborn-child").isEmpty)
    #expect(TestSupport.processes(matching: "trap '' TERM").isEmpty)
  }

  @Test func fewerRanksThanTheChapterNeedsAreRefusedWithOneLine() throws {
    let outcome = runner.run(try chapter9(), product: "demo09", ranks: 1)
    guard case .notStarted(let why) = outcome.verdict else {
      Issue.record("expected a refusal, got \(outcome.verdict)")
      return
    }
    #expect(why.contains("needs at least 2 ranks"), "\(why)")
    #expect(!why.contains("\n"))
  }

  /// The runner's own death: a supervising process (Launch, as the runner uses it) is SIGKILLed
  /// while what it started hangs; the watchdog must end the hanging program within seconds.
  @Test func whatTheRunnerStartedDoesNotOutliveItsSIGKILL() throws {
    let probe = TestSupport.program("workbook-probe")
    let supervisor = try ChildProcess(
      probe,
      ["supervise", "mpirun"]
        + MPIRun().arguments(ranks: 2, timeLimit: 120, program: probe, programArguments: ["hang"]),
      environment: MPIRun().environment(ProcessInfo.processInfo.environment), stdout: .discard, stderr: .discard)
    // The ranks themselves: their command line is the probe and "hang", nothing before.
    func ranks() -> [Int32] {
      TestSupport.processes(matching: "\(probe) hang").filter {
        let cmd = FileManager.default.contents(atPath: "/proc/\($0)/cmdline") ?? Data()
        return String(decoding: cmd.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).hasPrefix("\(probe) hang")
      }
    }
    var started = false
    for _ in 0..<100 where !started {
      usleep(100_000)
      started = ranks().count == 2
    }
    #expect(started, "the two hanging ranks did not start")
    kill(supervisor.pid, SIGKILL)
    _ = supervisor.wait(timeout: 5)
    let killedAt = monotonicSeconds()
    var left = ranks()
    while !left.isEmpty && monotonicSeconds() - killedAt < 5 {
      usleep(100_000)
      left = ranks()
    }
    #expect(left.isEmpty, "still running 5 s after the runner died: \(left)")
    for p in left { kill(p, SIGKILL) }
  }

  /// A job on one machine must not be reachable from the network: while it runs, every rank is
  /// in a network namespace other than ours whose only interface is loopback, so even a listener
  /// on 0.0.0.0 there listens on loopback alone.
  @Test func localJobListensOnLoopbackOnly() throws {
    let c = try chapter9(limit: 8)
    let project = self.project
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      _ = ChapterRunner(project: project).run(c, product: "chapter-variants", ranks: 2, arguments: ["09-fault-spin"])
      done.signal()
    }
    var ranks: [Int32] = []
    for _ in 0..<100 where ranks.count < 2 {
      usleep(100_000)
      ranks = TestSupport.processes(matching: "chapter-variants 09-fault-spin").filter {
        (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.hasPrefix("mpirun") == false
          && (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.hasPrefix("unshare") == false
          && (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.hasPrefix("sh") == false
      }
    }
    #expect(ranks.count >= 2, "the ranks did not start")
    let ours = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net")
    for pid in ranks {
      let theirs = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
      #expect(theirs != ours, "rank process \(pid) shares our network namespace")
      let devices = try String(contentsOfFile: "/proc/\(pid)/net/dev", encoding: .utf8)
        .split(separator: "\n").dropFirst(2).compactMap {
          $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces)
        }
      #expect(devices == ["lo"], "interfaces seen by rank process \(pid): \(devices)")
    }
    done.wait()
    #expect(leftovers("09-fault-spin").isEmpty)
  }
}
