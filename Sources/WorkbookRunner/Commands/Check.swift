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

  @OptionGroup var mpiOptions: MPIOptions

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    ws.rebuildProgressIfNeeded(build: !noBuild)
    guard let c = try chapter.map(ws.chapter) ?? ws.nextPending else {
      print(Terminal.green("Every chapter is done."))
      return
    }
    let passed = Check.checkAndRecord(ws, c, build: !noBuild)
    if !passed { throw ExitCode(1) }
  }

  /// Checks `c`, prints the verdict, records progress. Shared with `watch`.
  static func checkAndRecord(_ ws: Workspace, _ c: ChapterInfo, build: Bool = true) -> Bool {
    print(Terminal.bold("Checking chapter \(c.number): \(c.title)") + Terminal.dim("  (exercises/\(c.folder))"))
    let printer = Printer(project: ws.project)
    let outcome = ws.check(c, build: build) { printer.show($0, chapter: c) }
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
    if outcome.passed {
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
