import Foundation
import Launch
import WorkbookContract

/// Runs a chapter's program (demo, exercise or solution) once at one rank count, with a time
/// limit, and turns what happened into a `RunOutcome`.
public final class ChapterRunner {
  /// The project whose built programs are run.
  public let project: Project
  /// How MPI chapters are launched: `MPIRun` or `SrunLaunch`; the `--launcher`, `--hostfile`,
  /// `--mpirun-arg`, `--partition` and `--account` options replace it.
  public var launcher: any Launcher = MPIRun()
  private var display: HeadlessDisplay?
  private var privateDisplay: HeadlessDisplay?

  /// A runner for `project`; it starts an Xvfb only when a chapter first needs a display.
  public init(project: Project) { self.project = project }

  deinit { stopDisplay() }

  /// The display for programs that need one. Checks (`onUserDisplay: false`) always get an Xvfb
  /// of the runner's own, so that what they read back from the screen does not depend on the
  /// learner's desktop, window manager or open windows; demos use the user's display when there
  /// is one. Each is started once per runner.
  func displayEnvironment(_ base: [String: String], onUserDisplay: Bool) throws -> [String: String] {
    if onUserDisplay {
      if display == nil { display = try HeadlessDisplay.start(environment: base) }
      return display!.environment(base)
    }
    if privateDisplay == nil { privateDisplay = try HeadlessDisplay.startXvfb(path: base["PATH"]) }
    var env = privateDisplay!.environment(base)
    env["WAYLAND_DISPLAY"] = nil
    return env
  }

  /// Stops the Xvfb servers this runner started, if any.
  public func stopDisplay() {
    display?.stop()
    display = nil
    privateDisplay?.stop()
    privateDisplay = nil
  }

  /// Runs `product` for `chapter` at `ranks` processes (ignored for non-MPI chapters).
  /// - Parameters:
  ///   - echo: stream the program's output to the terminal instead of capturing it.
  ///   - arguments: extra arguments for the program.
  ///   - onUserDisplay: show windows on the user's display when there is one (demos); false
  ///     (checks) uses a private Xvfb.
  public func run(
    _ chapter: ChapterInfo, product: String, ranks: Int, echo: Bool = false, arguments: [String] = [],
    environment extra: [String: String] = [:], onUserDisplay: Bool = false
  ) -> RunOutcome {
    let binary = project.binDirectory + "/" + product
    if let refusal = chapter.refusal(ranks: ranks) {
      return RunOutcome(ranks: ranks, verdict: .notStarted(refusal), output: "", seconds: 0)
    }
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      return RunOutcome(ranks: ranks, verdict: .notStarted("\(binary) is not built"), output: "", seconds: 0)
    }
    // One folder per run: two runners at once (watch in one terminal, check in another) must
    // not clear each other's markers.
    let runDir = project.stateDirectory + "/runs/\(chapter.folder)-\(product)-n\(ranks)-\(getpid())"
    try? FileManager.default.removeItem(atPath: runDir)
    try? FileManager.default.createDirectory(atPath: runDir, withIntermediateDirectories: true)
    let reportPath = runDir + "/report.jsonl"

    var env = ProcessInfo.processInfo.environment
    for (k, v) in extra { env[k] = v }
    env[HarnessEnvironment.report] = reportPath
    env[HarnessEnvironment.runDirectory] = runDir
    env[HarnessEnvironment.output] = project.outputDirectory + "/" + chapter.folder
    // MPI ranks record their blocking calls here, for the deadlock watcher.
    if chapter.kind == .mpi {
      let board = DeadlockWatcher.boardPath(runDir: runDir)
      if (try? CallBoard.create(path: board, ranks: ranks)) != nil { env[HarnessEnvironment.calls] = board }
    }
    // A short crash report: the failure and the crashed thread's frames with file:line.
    if env["SWIFT_BACKTRACE"] == nil {
      env["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=12"
    }
    if chapter.needsDisplay {
      do {
        env = try displayEnvironment(env, onUserDisplay: onUserDisplay)
      } catch {
        return RunOutcome(ranks: ranks, verdict: .notStarted("\(error)"), output: "", seconds: 0)
      }
    }

    let executable: String
    let args: [String]
    var launched: LaunchCommand?
    if chapter.kind == .mpi {
      guard ChildProcess.resolve(launcher.executable, path: env["PATH"]) != nil else {
        return RunOutcome(ranks: ranks, verdict: .notStarted(launcher.missingMessage), output: "", seconds: 0)
      }
      let command = launcher.command(
        ranks: ranks, timeLimit: chapter.timeLimit, program: binary, programArguments: arguments, environment: env)
      // A job on this machine alone runs off the network (see `MPIRun.isolated`). Not under
      // srun: inside a new namespace srun could not reach slurmctld.
      let isolated =
        (launcher as? MPIRun)?.isolated(
          command.executable, command.arguments, isolation: NetworkIsolation.available(path: env["PATH"]))
        ?? (executable: command.executable, arguments: command.arguments)
      executable = isolated.executable
      args = isolated.arguments
      env = command.environment
      launched = command
    } else {
      executable = binary
      args = arguments
    }

    let watchers = makeWatchers(chapter, ranks: ranks, runDir: runDir, path: env["PATH"])
    var stoppedWith: RunVerdict?
    var whereabouts: [String] = []
    let result: ProcessResult
    do {
      result = try runProcess(
        executable, args, environment: env, workingDirectory: project.root, timeout: chapter.timeLimit,
        echo: echo,
        watch: { job in
          let now = monotonicSeconds()
          for w in watchers {
            if let verdict = w.poll(job, now: now) {
              stoppedWith = verdict
              return true
            }
          }
          return false
        },
        onTimeOut: { _ in
          // Each rank's stack where it could be read; the call board's last entry otherwise.
          let stacks = self.whereabouts(chapter, ranks: ranks, runDir: runDir, path: env["PATH"])
          let board = watchers.lazy.compactMap { $0 as? DeadlockWatcher }.first?.whereabouts() ?? []
          whereabouts =
            stacks
            + board.filter { line in
              let rank = line.prefix { $0 != ":" }  // "rank 3"
              return !stacks.contains { $0.hasPrefix(rank + " ") }
            }
        },
        interrupted: { Interrupt.requested })
    } catch {
      return RunOutcome(ranks: ranks, verdict: .notStarted("\(error)"), output: "", seconds: 0)
    }
    // Slurm steps live outside the process session runProcess ended.
    launched?.cleanUp()
    var verdict =
      result.stoppedByWatch && stoppedWith != nil && !Interrupt.requested
      ? stoppedWith!
      : ChapterRunner.judge(result: result, chapter: chapter, ranks: ranks, runDir: runDir, reportPath: reportPath)
    if case .timedOut(let limit, let missing, _) = verdict {
      verdict = .timedOut(limit: limit, missing: missing, whereabouts: whereabouts)
    }
    try? FileManager.default.removeItem(atPath: runDir)
    return RunOutcome(ranks: ranks, verdict: verdict, output: result.output, seconds: result.seconds)
  }

  /// The watchers for one run of `chapter`.
  func makeWatchers(_ chapter: ChapterInfo, ranks: Int, runDir: String, path: String?) -> [any RunWatcher] {
    let processes = chapter.kind == .mpi ? ranks : 1
    let memory = chapter.memoryLimit.map { $0 / processes } ?? MemoryWatcher.defaultLimit(ranks: processes)
    return [
      ExitWatcher(runDir: runDir, mpi: chapter.kind == .mpi, root: project.root, stacks: StackReader(path: path)),
      MemoryWatcher(limitPerProcess: memory),
    ] + (chapter.kind == .mpi ? [DeadlockWatcher(runDir: runDir, ranks: ranks)] : [])
  }

  /// One line per rank that had not finished when the time limit passed: where its stack was
  /// (the MPI call, the learner's line) and the check the harness last announced.
  func whereabouts(_ chapter: ChapterInfo, ranks: Int, runDir: String, path: String?) -> [String] {
    let expected = chapter.kind == .mpi ? ranks : 1
    let stacks = StackReader(path: path)
    let files = Set((try? FileManager.default.contentsOfDirectory(atPath: runDir)) ?? [])
    func read(_ marker: RankMarker, _ rank: Int) -> String? {
      guard files.contains(marker.fileName(rank: rank)) else { return nil }
      return (try? String(contentsOfFile: runDir + "/" + marker.fileName(rank: rank), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    var lines: [String] = []
    for rank in 0..<expected where !files.contains(RankMarker.done.fileName(rank: rank)) {
      let who = chapter.kind == .mpi ? "rank \(rank)" : "the program"
      var parts: [String] = []
      if let pid = read(.started, rank).flatMap({ pid_t($0) }),
        let sentence = Whereabouts(frames: stacks.frames(pid: pid), root: project.root).sentence
      {
        parts.append("\(who) \(sentence)")
      }
      if let doing = read(.doing, rank) {
        parts.append(parts.isEmpty ? "\(who) was in: \(doing)" : "during: \(doing)")
      }
      if !parts.isEmpty { lines.append(parts.joined(separator: "; ")) }
    }
    return lines
  }

  /// Decides what a finished (or stopped) run means, from its report, its markers and its output.
  static func judge(result: ProcessResult, chapter: ChapterInfo, ranks: Int, runDir: String, reportPath: String)
    -> RunVerdict
  {
    let expectedRanks = chapter.kind == .mpi ? ranks : 1
    let markers = (try? FileManager.default.contentsOfDirectory(atPath: runDir)) ?? []
    let done = Set(markers.compactMap { name in RankMarker.parse(name).flatMap { $0.marker == .done ? $0.rank : nil } })
    let rankErrors = markers.compactMap { name -> (Int, String)? in
      guard let (r, marker) = RankMarker.parse(name), marker == .error else { return nil }
      let text = (try? String(contentsOfFile: runDir + "/" + name, encoding: .utf8)) ?? ""
      return (r, text)
    }.sorted { $0.0 < $1.0 }

    if Interrupt.requested { return .interrupted }
    if result.outputLimitExceeded { return .tooMuchOutput(limit: defaultOutputLimit) }
    if result.timedOut {
      let missing = (0..<expectedRanks).filter { !done.contains($0) }
      return .timedOut(limit: chapter.timeLimit, missing: missing)
    }
    let lines = ReportFile.read(from: reportPath)
    if !lines.isEmpty {
      var checks: [CheckResult] = []
      var metrics: [Metric] = []
      var errors: [String] = []
      for line in lines {
        switch line {
        case .check(let c): checks.append(c)
        case .metric(let m): metrics.append(m)
        case .error(let e): errors.append(e)
        }
      }
      return .reported(checks: checks, metrics: metrics, errors: errors)
    }
    if let (rank, message) = rankErrors.first {
      return .reported(checks: [], metrics: [], errors: ["rank \(rank) stopped with an error: \(message)"])
    }
    if chapter.kind == .mpi {
      if let crash = MPIRun.crashes(in: result.output).first {
        return .crashed(rank: crash.rank, how: crash.how)
      }
    }
    // mpirun does not always print which rank failed (Open MPI 4.1 drops its notice in some
    // runs); the markers still tell which ranks never reached the end of their work.
    let unfinished = (0..<expectedRanks).filter { !done.contains($0) }
    let suspect = chapter.kind == .mpi ? (unfinished.count == 1 ? unfinished.first : nil) : 0
    let which =
      chapter.kind == .mpi && unfinished.count > 1
      ? "; ranks \(unfinished.map(String.init).joined(separator: ", ")) did not finish" : ""
    switch result.termination {
    case .signaled(let sig)?:
      return .crashed(rank: suspect, how: "signal \(sig) (\(signalName(sig)))\(which)")
    case .exited(let code)?:
      return .crashed(rank: suspect, how: "exit code \(code) without a report\(which)")
    case nil:
      return .timedOut(limit: chapter.timeLimit, missing: [])
    }
  }
}
