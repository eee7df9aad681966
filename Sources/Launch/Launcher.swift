import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The program that starts an MPI job's processes: `mpirun` (Open MPI's own launcher) or
/// `srun` (Slurm's, inside or outside an allocation).
public enum LauncherKind: String, CaseIterable, Sendable {
  /// Open MPI's `mpirun`, on this machine or the machines of a hostfile.
  case mpirun
  /// Slurm's `srun`, one job step per run.
  case srun

  /// `srun` inside a Slurm allocation (`SLURM_JOB_ID` is set: `salloc`, `sbatch`), else `mpirun`.
  public static func automatic(environment: [String: String] = ProcessInfo.processInfo.environment) -> LauncherKind {
    if let job = environment["SLURM_JOB_ID"], !job.isEmpty { return .srun }
    return .mpirun
  }
}

/// Builds the command that starts a chapter program on a number of ranks.
public protocol Launcher: Sendable {
  /// Which launcher this is.
  var kind: LauncherKind { get }
  /// The launcher's executable, looked up in PATH: "mpirun" or "srun".
  var executable: String { get }
  /// What to install when `executable` is missing, as a sentence for the learner.
  var missingMessage: String { get }
  /// The command that runs `program` with `programArguments` on `ranks` processes, with the
  /// launcher's settings added to `environment`. `timeLimit` is the runner's own limit; a
  /// launcher may add a looser limit of its own as a backstop, never a tighter one.
  func command(
    ranks: Int, timeLimit: Double, program: String, programArguments: [String], environment: [String: String]
  ) -> LaunchCommand
}

/// A launcher's command line, ready for `runProcess`, and what is left to clean up after it.
public struct LaunchCommand: Sendable {
  /// The launcher program ("mpirun", "srun").
  public var executable: String
  /// Its arguments, ending with the program and the program's arguments.
  public var arguments: [String]
  /// The complete environment to start it with.
  public var environment: [String: String]
  /// The Slurm job name given to what `srun` started; nil for launchers that leave nothing
  /// outside the process session the runner ends.
  public var slurmName: String?

  /// A command line with nothing to clean up beyond its own processes.
  public init(executable: String, arguments: [String], environment: [String: String], slurmName: String? = nil) {
    self.executable = executable
    self.arguments = arguments
    self.environment = environment
    self.slurmName = slurmName
  }

  /// After the launcher has ended (by itself or stopped by the runner): cancels every Slurm job
  /// or step still carrying `slurmName` and waits, up to `timeout` seconds, until `squeue` no
  /// longer lists any (a step is listed while it completes). A task runs under `slurmstepd`,
  /// outside the session the runner ends, and an `srun` that was SIGKILLed leaves its step
  /// running. Returns the ids that had to be cancelled (empty when `srun` cleaned up itself).
  @discardableResult
  public func cleanUp(timeout: Double = 10) -> [String] {
    guard let slurmName else { return [] }
    let deadline = monotonicSeconds() + timeout
    var cancelled: [String] = []
    while true {
      let left = SrunLaunch.listed(named: slurmName, environment: environment)
      if left.isEmpty || monotonicSeconds() >= deadline { return cancelled }
      let fresh = left.filter { !cancelled.contains($0) }
      if !fresh.isEmpty {
        _ = try? runProcess("scancel", fresh, environment: environment, timeout: 10)
        cancelled += fresh
      }
      usleep(100_000)
    }
  }
}

extension MPIRun: Launcher {
  /// Always `.mpirun`.
  public var kind: LauncherKind { .mpirun }
  /// "mpirun".
  public var executable: String { "mpirun" }
  /// Names Debian's package.
  public var missingMessage: String {
    "mpirun is not installed: install the `openmpi-bin` package (sudo apt-get install openmpi-bin)"
  }

  /// `mpirun` with `arguments(ranks:timeLimit:program:programArguments:)` and `environment(_:)`.
  public func command(
    ranks: Int, timeLimit: Double, program: String, programArguments: [String], environment: [String: String]
  ) -> LaunchCommand {
    LaunchCommand(
      executable: "mpirun",
      arguments: arguments(ranks: ranks, timeLimit: timeLimit, program: program, programArguments: programArguments),
      environment: self.environment(environment))
  }
}

/// Builds the `srun` command line for a chapter program: one job step per run, inside the
/// current allocation when there is one (`SLURM_JOB_ID`), else a job of its own. Argument
/// arrays only.
///
/// Settings: `--mpi=pmix` always (clusters differ in their default, and with `pmi2` Open MPI
/// 4.1 fails in `MPI_Init` with a misleading message); `--kill-on-bad-exit=1`, so one dead
/// task ends the step as one dead rank ends an mpirun job; `--export=ALL`, so the harness's
/// variables reach every task even where a site exports nothing by default; a job name unique
/// to the run, by which `LaunchCommand.cleanUp` finds what is left. The chapter's time limit is
/// the runner's own: Slurm rounds `--time` up to whole minutes and enforces it only every
/// ~30 s, so it is given only as a backstop (limit plus 10 s, in minutes, rounded up) for a job
/// of its own, and never inside an allocation, whose limit is the allocation's.
public struct SrunLaunch: Launcher {
  /// `--partition`, when given.
  public var partition: String?
  /// `--account`, when given.
  public var account: String?
  /// Extra `srun` arguments from the user.
  public var extraArguments: [String]

  /// An srun launcher with these pass-through settings.
  public init(partition: String? = nil, account: String? = nil, extraArguments: [String] = []) {
    self.partition = partition
    self.account = account
    self.extraArguments = extraArguments
  }

  /// Always `.srun`.
  public var kind: LauncherKind { .srun }
  /// "srun".
  public var executable: String { "srun" }
  /// Names Debian's package and the alternative.
  public var missingMessage: String {
    "srun is not installed: install the `slurm-client` package (sudo apt-get install slurm-client), or use --launcher mpirun"
  }

  /// The arguments after `srun` to run `program` on `ranks` tasks, named `name`.
  /// - Parameter insideAllocation: whether the step runs in an existing allocation (then no `--time`).
  public func arguments(
    ranks: Int, timeLimit: Double, program: String, programArguments: [String] = [], name: String,
    insideAllocation: Bool
  ) -> [String] {
    var args = ["--mpi=pmix", "-n", String(ranks), "--kill-on-bad-exit=1", "--export=ALL", "--job-name=\(name)"]
    if !insideAllocation { args.append("--time=\(Int(((timeLimit + 10) / 60).rounded(.up)))") }
    if let partition { args.append("--partition=\(partition)") }
    if let account { args.append("--account=\(account)") }
    args += extraArguments
    args.append(program)
    args += programArguments
    return args
  }

  /// `srun` with `arguments(...)` under a fresh name, and the Open MPI settings of `MPIRun`
  /// (the ranks are Open MPI processes whichever program starts them).
  public func command(
    ranks: Int, timeLimit: Double, program: String, programArguments: [String], environment: [String: String]
  ) -> LaunchCommand {
    let name = "workbook-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    let inside = !(environment["SLURM_JOB_ID"] ?? "").isEmpty
    return LaunchCommand(
      executable: "srun",
      arguments: arguments(
        ranks: ranks, timeLimit: timeLimit, program: program, programArguments: programArguments, name: name,
        insideAllocation: inside),
      environment: MPIRun().environment(environment), slurmName: name)
  }

  /// Ids of this user's jobs and job steps that `squeue` lists under `name` ("12" for a job,
  /// "12.0" for a step), including those still completing.
  public static func listed(named name: String, environment: [String: String]) -> [String] {
    var ids: [String] = []
    for extra in [[], ["--steps"]] {
      guard
        let r = try? runProcess(
          "squeue", ["--me", "--noheader", "--format=%i|%j"] + extra, environment: environment, timeout: 10),
        r.termination == .exited(0)
      else { continue }
      for line in r.output.split(separator: "\n") {
        let fields = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if fields.count == 2 && fields[1] == name { ids.append(fields[0]) }
      }
    }
    return ids
  }

  /// Tasks `srun` reported as failed, with how, in the words `MPIRun.crashes` uses: from lines
  /// such as "srun: error: node7: task 1: Segmentation fault" or "srun: error: node7: tasks
  /// 0-2,5: Exited with exit code 3". Tasks that Slurm itself ended because another failed
  /// (Terminated, Killed) come after the others, so the first entry is the one that failed first.
  public static func crashes(in output: String) -> [(rank: Int, how: String)] {
    let pattern = try! NSRegularExpression(
      pattern: #"srun: error: \S+: tasks? ([0-9,\-]+): ([^\r\n]+)"#)
    let ns = output as NSString
    var first: [(Int, String)] = []
    var consequences: [(Int, String)] = []
    for m in pattern.matches(in: output, range: NSRange(location: 0, length: ns.length)) {
      let how = describe(ns.substring(with: m.range(at: 2)))
      let ranks = taskList(ns.substring(with: m.range(at: 1)))
      let followed = how.hasPrefix("signal \(SIGTERM) ") || how.hasPrefix("signal \(SIGKILL) ")
      for r in ranks {
        if followed { consequences.append((r, how)) } else { first.append((r, how)) }
      }
    }
    return first + consequences
  }

  /// "signal 11 (Segmentation fault)" for a signal's description (with or without
  /// "(core dumped)"), "exit code 3" for "Exited with exit code 3", else the text as is.
  static func describe(_ text: String) -> String {
    let trimmed = text.replacingOccurrences(of: " (core dumped)", with: "").trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("Exited with exit code ") { return "exit code " + trimmed.dropFirst(22) }
    for sig in Int32(1)...Int32(31) {
      if let text = strsignal(sig), String(cString: text) == trimmed { return "signal \(sig) (\(trimmed))" }
    }
    return trimmed
  }

  /// The ranks of a Slurm task list: "1" → [1], "0-2,5" → [0, 1, 2, 5].
  static func taskList(_ text: String) -> [Int] {
    text.split(separator: ",").flatMap { part -> [Int] in
      let ends = part.split(separator: "-").compactMap { Int($0) }
      if ends.count == 2 && ends[0] <= ends[1] { return Array(ends[0]...ends[1]) }
      return ends.count == 1 ? ends : []
    }
  }
}
