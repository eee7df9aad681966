import CHarness
import Foundation
import Launch
import MPI
import WorkbookContract
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a chapter's checks and turns them into an exit status and a report.
///
/// Exercises, solutions and demos all end by calling one of these. The harness owns what a
/// learner must not edit: the checks, the reference implementations, the report format.
///
/// The runner talks to it through the environment and files named in `WorkbookContract`
/// (`HarnessEnvironment`, `RankMarker`, `ReportFile`, `HarnessExit`).
enum Harness {
  /// Where this chapter writes images.
  static func outputDirectory(chapter: String) -> String {
    let base = ProcessInfo.processInfo.environment[HarnessEnvironment.output] ?? "out/\(chapter)"
    try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    return base
  }

  /// Runs a single-process chapter: `body` adds checks to the report; then the process exits.
  static func run(chapter: String, _ body: (inout Report) throws -> Void) -> Never {
    print("== \(chapter)")
    var report = Report()
    mark(.started, rank: 0)
    guardExit(rank: 0)
    do {
      try body(&report)
    } catch {
      report.error("\(error)")
    }
    wb_exit_guard_disarm()
    mark(.done, rank: 0)
    finish(report.lines)
  }

  /// Runs an MPI chapter: initialises MPI, runs `body` on every rank, gathers every rank's
  /// checks to rank 0, which prints one merged report. A rank whose code throws writes its error
  /// next to its markers and aborts the job, so the others do not wait forever.
  static func runMPI(chapter: String, _ body: (Communicator, inout Report) throws -> Void) -> Never {
    let env: Environment
    do {
      env = try Environment()
    } catch {
      print("ERROR cannot initialise MPI: \(error)")
      exit(HarnessExit.error)
    }
    let world = env.world
    if world.rank == 0 { print("== \(chapter) on \(world.size) ranks") }
    mark(.started, rank: world.rank)
    currentRank = world.rank
    guardExit(rank: world.rank)
    var report = Report(echo: false)
    do {
      try body(world, &report)
    } catch {
      wb_exit_guard_disarm()
      let message = "rank \(world.rank): \(error)"
      mark(.error, rank: world.rank, contents: message)
      FileHandle.standardError.write(Data("ERROR \(message)\n".utf8))
      world.abort(code: HarnessExit.error)
    }
    wb_exit_guard_disarm()
    mark(.done, rank: world.rank)
    let merged: [ReportLine]
    do {
      let bytes = [UInt8](try JSONEncoder().encode(report.lines))
      let all = try world.gatherVarying(bytes)
      merged =
        try all.map { perRank in
          Report.merge(
            perRank: try perRank.map { try JSONDecoder().decode([ReportLine].self, from: Data($0)) }, ranks: world.size)
        } ?? []
    } catch {
      FileHandle.standardError.write(Data("ERROR rank \(world.rank): cannot gather the report: \(error)\n".utf8))
      world.abort(code: HarnessExit.error)
    }
    let rank = world.rank
    try? env.finalize()
    if rank != 0 { exit(0) }
    merged.forEach { print(Report.render($0)) }
    finish(merged)
  }

  private static func finish(_ lines: [ReportLine]) -> Never {
    var report = Report(echo: false)
    lines.forEach { report.append($0) }
    if let path = ProcessInfo.processInfo.environment[HarnessEnvironment.report] {
      do { try report.write(to: path) } catch { print("ERROR cannot write the report to \(path): \(error)") }
    }
    let failed = report.checks.filter { !$0.passed }.count
    let errors = lines.filter { if case .error = $0 { return true } else { return false } }.count
    if report.checks.isEmpty && errors == 0 {
      print("== done")
    } else {
      print(
        "== \(report.checks.count - failed) of \(report.checks.count) checks passed\(errors > 0 ? ", \(errors) error(s)" : "")"
      )
    }
    fflush(nil)
    exit(errors > 0 ? HarnessExit.error : (failed > 0 ? HarnessExit.failed : HarnessExit.passed))
  }

  /// Leaves a marker file for the runner (no-op when not run by the runner).
  static func mark(_ marker: RankMarker, rank: Int, contents: String = "") {
    guard let dir = runDirectory else { return }
    let path = (dir as NSString).appendingPathComponent(marker.fileName(rank: rank))
    _ = FileManager.default.createFile(atPath: path, contents: Data((contents.isEmpty ? "\(getpid())" : contents).utf8))
  }

  static let runDirectory = ProcessInfo.processInfo.environment[HarnessEnvironment.runDirectory]

  /// This process's rank once `runMPI` knows it (0 for local chapters).
  // Unchecked: set once by runMPI before any check runs, and read on the same thread.
  nonisolated(unsafe) static var currentRank = 0

  /// Says which check and case this rank starts now, so that a run stopped at its time limit or
  /// as a deadlock names it ("ring shift, 200 000 values"). Cheap: one small file write.
  static func announce(_ what: String) {
    mark(.doing, rank: currentRank, contents: what)
  }

  /// From here until the checks end, `exit` in the learner's code ends the run at once with a
  /// verdict naming the status and the line (see `wb_exit_guard_arm`).
  private static func guardExit(rank: Int) {
    guard let dir = runDirectory else { return }
    _ = wb_exit_guard_arm((dir as NSString).appendingPathComponent(RankMarker.exited.fileName(rank: rank)))
  }
}

extension Harness {
  /// Tells glibc to keep freed memory for the next allocation (`mallopt` with
  /// `M_MMAP_THRESHOLD` 32 MiB and `M_TRIM_THRESHOLD` 1 GiB) instead of returning it to the
  /// kernel. Chapters that allocate image-sized arrays every frame call it first: otherwise each
  /// new array faults in all its pages again, which on a virtual machine costs more than the
  /// arithmetic done on them (lesson 16 has the numbers).
  static func keepFreedMemory() {
    if wb_keep_freed_memory() != 1 {
      FileHandle.standardError.write(Data("warning: mallopt refused the settings\n".utf8))
    }
  }
}
