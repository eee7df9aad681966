import Foundation
import Launch
import MPI
import WorkbookContract
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 13's demo. The failures happen in child jobs that rank 0 starts with mpirun, so
/// that the demo itself (and the runner watching it) survives them.
extension Chapter13 {
  /// The demo: errors returned and errors fatal, MPI_Abort, a rank that dies, a time limit,
  /// and a job killed in the middle that restarts from its checkpoints; each in a child job.
  public static func demo() -> Never {
    if let mode = CommandLine.arguments.dropFirst().first, mode.hasPrefix("--child-") {
      child(mode, arguments: Array(CommandLine.arguments.dropFirst(2)))
    }
    Harness.runMPI(chapter: name) { world, report in
      try run(world, &report)
    }
  }

  static func run(_ world: Communicator, _ report: inout Report) throws {
    if world.rank == 0 {
      defer { for r in 1..<world.size { _ = try? world.send(Int32(1), to: r, tag: 99) } }
      try errorsReturned(world, &report)
      try failures(&report)
      try restart(&report)
    } else {
      // Wait for rank 0 without spinning, so the child jobs have the cores.
      while try world.probeIfAvailable(from: 0, tag: 99) == nil { usleep(20_000) }
      _ = try world.receive(Int32.self, from: 0, tag: 99)
    }
  }

  /// 1. Errors that come back as Swift errors (the workbook installs MPI_ERRORS_RETURN).
  static func errorsReturned(_ world: Communicator, _ report: inout Report) throws {
    print("1. With MPI_ERRORS_RETURN an invalid call throws; the program decides what to do:")
    let attempts: [(String, () throws -> Void)] = [
      ("send to rank \(world.size)", { try world.send([1.0], to: world.size) }),
      ("broadcast from root -1", { _ = try world.broadcast(Int32(0), root: -1) }),
      ("negative tag", { try world.send([1], to: 0, tag: -4) }),
      (
        "receive 3 values into room for 1",
        {
          let r = try world.isend([1.0, 2.0, 3.0], to: 0, tag: 5)
          defer { _ = try? r.wait() }
          var one = [0.0]
          try world.receive(into: &one, from: 0, tag: 5)
        }
      ),
    ]
    var caught = 0
    for (what, body) in attempts {
      do { try body() } catch let e as MPIError {
        caught += 1
        print(
          "   \(what.padding(toLength: 34, withPad: " ", startingAt: 0)) -> \(e.errorClass) (class \(e.errorClass.rawValue)): \(e)"
        )
      }
    }
    report.add(Checks.counter("demo-errors-returned", expected: attempts.count, got: caught, unit: "errors"))
  }

  /// The path of this program, for the child jobs.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Runs this program as a separate MPI job. The environment loses what the outer mpirun
  /// put there for its own processes (OMPI_*, PMIX_*), except the transport settings, and the
  /// runner's report paths and call board.
  static func job(ranks: Int, _ arguments: [String], mpirunOptions: [String] = [], limit: Double = 30) throws
    -> ProcessResult
  {
    var env = ProcessInfo.processInfo.environment.filter { key, _ in
      MPIRun.inheritedSettings.contains(key)
        || !(key.hasPrefix("OMPI_") || key.hasPrefix("PMIX_") || key.hasPrefix("OPAL_") || key.hasPrefix("ORTE_")
          || key == HarnessEnvironment.report || key == HarnessEnvironment.runDirectory
          // The outer job's call board: a nested job's ranks would write over its slots.
          || key == HarnessEnvironment.calls)
    }
    // Without aggregation mpirun is less likely to drop the abort notices (see the lesson).
    env["OMPI_MCA_orte_base_help_aggregate"] = "0"
    var args = ["--oversubscribe", "-n", String(ranks)] + mpirunOptions + [executable] + arguments
    if getuid() == 0 { args.insert("--allow-run-as-root", at: 0) }
    // Stay in this demo's session: if the runner stops the demo, these jobs stop with it.
    return try runProcess("mpirun", args, environment: env, timeout: limit, newSession: false)
  }

  static func show(_ title: String, _ r: ProcessResult) {
    let status = r.termination.map { "\($0)" } ?? "still running at the time limit"
    print("   \(title): \(status) after \(String(format: "%.1f", r.seconds)) s")
    let telling = r.output.split(separator: "\n").filter { line in
      [
        "MPI_ABORT was invoked", "An error occurred in", "MPI_ERR_", "exited on signal", "noticed that process",
        "timeout", "rank 1: ", "not reached",
      ].contains { line.contains($0) }
    }
    for line in telling.prefix(4) { print("      | " + line.trimmingCharacters(in: .whitespaces)) }
  }

  /// 2. What ends a job in Open MPI 4.1.
  static func failures(_ report: inout Report) throws {
    print("\n2. Each of these runs as its own 3-rank job (mpirun), so this demo survives it:")
    let fatal = try job(ranks: 3, ["--child-fatal"])
    show("MPI_ERRORS_ARE_FATAL, then a send to rank 3", fatal)
    let abort = try job(ranks: 3, ["--child-abort"])
    show("rank 2 calls MPI_Abort(3)", abort)
    let die = try job(ranks: 3, ["--child-die"])
    show("rank 1 is killed (SIGKILL)", die)
    let hang = try job(ranks: 3, ["--child-hang"], mpirunOptions: ["--timeout", "3"])
    show("every rank waits for a message nobody sends; mpirun --timeout 3", hang)
    let all = [fatal, abort, die, hang]
    let ended = all.allSatisfy { !$0.timedOut && $0.termination != .exited(0) && !$0.output.contains("not reached") }
    report.add(
      Checks.that(
        "demo-jobs-ended", ended, expected: "each failing job ends with a non-zero status, no rank carrying on",
        got: all.map { $0.termination.map { "\($0)" } ?? "timed out" }.joined(separator: ", ")))
    report.add(
      Checks.that(
        "demo-abort-code", abort.termination == .exited(3), expected: "mpirun exits with MPI_Abort's code 3",
        got: "\(abort.termination.map { "\($0)" } ?? "timed out")"))
    print("   Open MPI 4.1 has no way to continue without a dead rank: the whole job ends, and a long")
    print("   computation keeps only what it wrote to disk.")
  }

  /// 3. A long job killed at step 45, restarted from its checkpoints.
  static func restart(_ report: inout Report) throws {
    let directory = Harness.outputDirectory(chapter: Chapter13.name) + "/demo-checkpoints"
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    print("\n3. A 60-step job on 3 ranks writes a checkpoint every 10 steps; rank 1 is killed at step 45:")
    let first = try job(ranks: 3, ["--child-long-job", directory, "--die-at", "45"])
    show("first run", first)
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    print(
      "   left on disk: \(files.count) files, newest step \(files.compactMap { Int($0.split(separator: "-")[3].split(separator: ".")[0]) }.max() ?? 0)"
    )
    let second = try job(ranks: 3, ["--child-long-job", directory])
    show("second run", second)
    let resumed = second.output.split(separator: "\n").first { $0.contains("resuming at step") }.map(String.init) ?? ""
    print("   " + resumed.trimmingCharacters(in: .whitespaces))
    let final =
      second.output.split(separator: "\n").first { $0.hasPrefix("final:") }?.dropFirst(6)
      .split(separator: " ").compactMap { Double($0) } ?? []
    let serial = Chapter13.serialStates(ranks: 3, steps: Chapter13.totalSteps).flatMap(\.values)
    let same = final.count == serial.count && zip(final, serial).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    print("   the restarted job's final state equals a run that never failed (computed here serially): \(same)")
    report.add(
      Checks.that(
        "demo-restart", first.termination != .exited(0) && resumed.contains("step 40") && same,
        expected: "first run killed, second resumes at step 40 and ends where an unbroken run ends",
        got:
          "first: \(first.termination.map { "\($0)" } ?? "timed out"); \(resumed.isEmpty ? "no resume line" : resumed); equal: \(same)"
      ))
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// The child jobs' programs.
  static func child(_ mode: String, arguments: [String]) -> Never {
    do {
      try Environment.run { env in
        let world = env.world
        switch mode {
        case "--child-fatal":
          try world.setErrorHandling(.fatal)
          if world.rank == world.size - 1 { try world.send([1.0], to: world.size) }
          try world.barrier()
        case "--child-abort":
          if world.rank == world.size - 1 { world.abort(code: 3) }
          try world.barrier()
        case "--child-die":
          if world.rank == 1 {
            print("rank 1: killing myself")
            fflush(nil)
            kill(getpid(), SIGKILL)
          }
          try world.barrier()
        case "--child-hang":
          _ = try world.receive(Int32.self, from: (world.rank + 1) % world.size, tag: 1)
        case "--child-long-job":
          try longJob(world, directory: arguments[0], dieAt: arguments.count > 2 ? Int(arguments[2]) : nil)
          return
        default:
          print("unknown child mode \(mode)")
        }
        print("not reached: rank \(world.rank) carried on after \(mode)")
      }
    } catch {
      print("rank error: \(error)")
      exit(2)
    }
    exit(0)
  }

  static func longJob(_ world: Communicator, directory: String, dieAt: Int?) throws {
    var state = Chapter13.initialState(rank: world.rank)
    if let step = try referenceRestartStep(directory, world),
      let data = FileManager.default.contents(
        atPath: Chapter13.checkpointPath(directory: directory, rank: world.rank, step: step))
    {
      state = try Chapter13.decode(data)
    }
    if world.rank == 0 { print("rank 0: resuming at step \(state.step)") }
    while state.step < Chapter13.totalSteps {
      state = try Chapter13.step(state, world)
      if state.step % Chapter13.checkpointEvery == 0 {
        try referenceWriteCheckpoint(state, directory, world.rank)
      }
      if state.step == dieAt && world.rank == 1 {
        print("rank 1: killed at step \(state.step)")
        fflush(nil)
        kill(getpid(), SIGKILL)
      }
    }
    if let all = try world.gather(state.values) {
      print("final: " + all.map { String(format: "%.17g", $0) }.joined(separator: " "))
    }
  }
}
