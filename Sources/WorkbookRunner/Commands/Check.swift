import ArgumentParser

/// `workbook check [N]`: build the exercise and run its checks at every declared rank count.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check your exercise (default: the next pending chapter).",
    discussion: "Progress is recorded only when every check passes at every rank count the chapter declares.")

  @Argument(help: "Chapter number.")
  var chapter: Int?

  @Flag(help: "Use the program already built instead of building it first.")
  var noBuild = false

  @Option(
    help:
      "Check at this rank count only (MPI chapters), while debugging; progress records only a check at every declared rank count."
  )
  var ranks: Int?

  @OptionGroup var mpiOptions: MPIOptions

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let asked = try chapter.map(ws.chapter)
    ws.rebuildProgressIfNeeded(build: !noBuild, skipping: asked)
    guard let c = asked ?? ws.nextPending else {
      print(Terminal.green("Every chapter is done."))
      return
    }
    if let ranks {
      guard c.kind == .mpi else {
        throw ValidationError("chapter \(c.number) is not an MPI chapter: --ranks does not apply")
      }
      if let refusal = c.refusal(ranks: ranks) { throw ValidationError(refusal) }
    }
    let passed = Check.checkAndRecord(ws, c, build: !noBuild, ranks: ranks.map { [$0] })
    if !passed { throw ExitCode(1) }
  }

  /// Checks `c`, prints the verdict, records progress (only for a check at every rank count the
  /// chapter declares). Shared with `watch`.
  static func checkAndRecord(_ ws: Workspace, _ c: ChapterInfo, build: Bool = true, ranks: [Int]? = nil) -> Bool {
    print(Terminal.bold("Checking chapter \(c.number): \(c.title)") + Terminal.dim("  (exercises/\(c.folder))"))
    let printer = Printer(project: ws.project)
    let outcome = ws.check(c, build: build, ranks: ranks) { printer.show($0, chapter: c) }
    let failed = outcome.firstFailedCheck
    var hint: String? = nil
    // Only a verdict that is printed with its hint marks the hint as shown (not a build failure).
    if !outcome.passed, outcome.problem == nil, outcome.build?.succeeded == true,
      let i = ws.progress.verdictHint(c, failedCheck: failed)
    {
      let about = c.hints[i].checks.contains(failed ?? "") ? "for \(failed!), " : ""
      hint =
        c.hints[i].text + "  "
        + Terminal.dim("(\(about)hint \(i + 1)/\(c.hints.count); more: ./workbook hint \(c.number))")
      ws.updateProgress { $0.markHintShown(i, in: c.folder) }
    }
    printer.show(outcome, hint: hint, runsShown: true)
    // Per rank count, for `workbook report`; also for partial checks (they are real verdicts).
    if !outcome.runs.isEmpty {
      ws.updateProgress { p in
        for run in outcome.runs { p.markRun(c.folder, ranks: run.ranks, passed: run.verdict.passed) }
      }
    }
    if outcome.partial {
      let all = c.ranks.map(String.init).joined(separator: ", ")
      let only = (ranks ?? []).map(String.init).joined(separator: ", ")
      print(
        Terminal.dim("Checked at \(only) ranks only; progress is recorded by a check at every rank count (\(all))."))
    } else if outcome.passed {
      ws.updateProgress { $0.markPassed(c.folder) }
      if let next = ws.nextPending {
        print("Next: chapter \(next.number), \(next.title): ./workbook lesson \(next.number)")
      }
    } else if outcome.problem == nil {
      ws.updateProgress { $0.markFailed(c.folder, check: failed) }
    }
    return outcome.passed
  }
}
