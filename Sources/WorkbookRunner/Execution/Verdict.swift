import WorkbookContract

/// What one run of a chapter program came to.
public enum RunVerdict: Sendable {
  /// The harness ran and reported; look at the checks.
  case reported(checks: [CheckResult], metrics: [Metric], errors: [String])
  /// The run passed its time limit and was stopped. `missing` are ranks that never reached the
  /// end of their work (for local programs: [0]); `whereabouts` says, one line per unfinished
  /// rank, what it was doing when it was stopped (the check it was in, the learner's line).
  case timedOut(limit: Double, missing: [Int], whereabouts: [String] = [])
  /// Every unfinished rank sat in a blocking MPI call with no message completing anywhere: a
  /// deadlock, stopped before the time limit. One line per rank: its call and the learner's line.
  case deadlocked(after: Double, calls: [String])
  /// A process used more memory than the chapter allows and the run was stopped.
  case outOfMemory(rank: Int?, usedBytes: Int, limitBytes: Int)
  /// A process died. `rank` is 0 for local programs; for MPI programs it is the rank mpirun
  /// named, or the only rank that did not finish, and nil when neither tells.
  case crashed(rank: Int?, how: String)
  /// The run wrote more than `limit` bytes of output and was stopped.
  case tooMuchOutput(limit: Int)
  /// The program could not be started.
  case notStarted(String)
  /// Ctrl-C.
  case interrupted

  /// True when the harness reported at least one check, every check passed, and there were no
  /// errors.
  public var passed: Bool {
    if case .reported(let checks, _, let errors) = self {
      return errors.isEmpty && !checks.isEmpty && checks.allSatisfy(\.passed)
    }
    return false
  }

  /// The first failing check, if the harness reported one.
  public var firstFailure: CheckResult? {
    if case .reported(let checks, _, _) = self { return checks.first { !$0.passed } }
    return nil
  }
}

/// One run at one rank count, with what the runner observed.
public struct RunOutcome: Sendable {
  /// The number of processes it ran with (1 for local chapters).
  public var ranks: Int
  /// What the run came to.
  public var verdict: RunVerdict
  /// Everything the program printed (stdout and stderr).
  public var output: String
  /// Wall-clock seconds from start to end.
  public var seconds: Double
}
