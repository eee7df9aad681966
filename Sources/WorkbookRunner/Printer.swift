import Foundation
import WorkbookContract

/// Turns outcomes into what the learner reads.
public struct Printer {
  /// The project, whose root is cut from the paths printed.
  public let project: Project

  /// A printer for `project`.
  public init(project: Project) { self.project = project }

  func relative(_ path: String) -> String {
    path.hasPrefix(project.root + "/") ? String(path.dropFirst(project.root.count + 1)) : path
  }

  /// Prints a check outcome: build errors, or each check, or how the run ended; then the hint.
  /// - Parameter runsShown: the runs were already printed as they finished (see `Workspace.check`).
  public func show(_ outcome: CheckOutcome, hint: String?, runsShown: Bool = false) {
    let c = outcome.chapter
    if let problem = outcome.problem {
      print(Terminal.red("error: ") + problem)
      return
    }
    if let build = outcome.build, !build.succeeded {
      showBuildFailure(build, chapter: c)
      return
    }
    if !runsShown {
      for run in outcome.runs { show(run, chapter: c) }
    }
    if outcome.passed {
      let counts = c.kind == .mpi ? " at \(c.ranks.map(String.init).joined(separator: ", ")) ranks" : ""
      print(Terminal.green(Terminal.bold("Chapter \(c.number) passes every check\(counts).")))
    } else if let hint {
      print(Terminal.yellow("Hint: ") + hint)
    }
  }

  /// Compiler errors, the learner's files first, each with its source line and a caret.
  public func showBuildFailure(_ build: BuildResult, chapter: ChapterInfo) {
    print(Terminal.red(Terminal.bold("Build failed")) + " (chapter \(chapter.number))")
    let mine = build.errors.filter { $0.file.contains("/exercises/") || $0.file.contains("/solutions/") }
    let shown = mine.isEmpty ? Array(build.errors.prefix(5)) : Array(mine.prefix(8))
    for d in shown {
      print("\(Terminal.bold(relative(d.file))):\(d.line):\(d.column): \(Terminal.red("error:")) \(d.message)")
      if let text = try? String(contentsOfFile: d.file, encoding: .utf8) {
        let lines = text.components(separatedBy: "\n")
        if d.line >= 1 && d.line <= lines.count {
          let src = lines[d.line - 1]
          print(Terminal.dim(String(format: "%5d | ", d.line)) + src)
          print(Terminal.dim("      | ") + String(repeating: " ", count: max(0, d.column - 1)) + Terminal.red("^"))
        }
      }
    }
    if build.errors.count > shown.count {
      print(Terminal.dim("... and \(build.errors.count - shown.count) more error(s)"))
    }
    if build.errors.isEmpty {
      // No compiler diagnostics: a linker or package problem. Show the tail of the log.
      for line in build.log.split(separator: "\n").suffix(15) { print(Terminal.dim(String(line))) }
    }
  }

  /// One run: its checks, or how it ended.
  public func show(_ run: RunOutcome, chapter: ChapterInfo) {
    let at = chapter.kind == .mpi ? " at \(run.ranks) rank\(run.ranks == 1 ? "" : "s")" : ""
    switch run.verdict {
    case .reported(let checks, let metrics, let errors):
      if chapter.kind == .mpi { print(Terminal.bold("Checks\(at):")) }
      for c in checks { show(c) }
      for m in metrics { print(Terminal.dim("  · \(m.name) = \(ReportFormat.number(m.value)) \(m.unit)")) }
      for e in errors { print("  \(Terminal.fail) \(Terminal.red("error:")) \(e)") }
      if checks.isEmpty && errors.isEmpty { print("  \(Terminal.fail) the program reported no checks") }
      if !errors.isEmpty || checks.isEmpty { showTail(run.output) }
    case .deadlocked(let after, let calls):
      print(
        "  \(Terminal.fail) \(Terminal.red("deadlock"))\(at): after \(Int(after.rounded())) s every unfinished rank was waiting in MPI and no message moved; every process was stopped"
      )
      for c in calls { print("    " + c) }
      print(Terminal.dim("    Each rank waits for another one: look at the order of the sends and receives above."))
    case .outOfMemory(let rank, let used, let limit):
      let who = rank.map { chapter.kind == .mpi ? "rank \($0)" : "the program" } ?? "a process"
      print(
        "  \(Terminal.fail) \(Terminal.red("out of memory"))\(at): \(who) used \(Printer.gib(used)) GiB, more than the chapter's \(Printer.gib(limit)) GiB, and every process was stopped"
      )
      print(Terminal.dim("    Look for an array that grows in a loop that never ends."))
      showTail(run.output)
    case .timedOut(let limit, let missing, let whereabouts):
      var line = "  \(Terminal.fail) \(Terminal.red("timed out"))\(at): still running after \(Int(limit)) s and stopped"
      if chapter.kind == .mpi {
        line +=
          missing.isEmpty
          ? ""
          : "; rank\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) never finished"
        print(line)
        for w in whereabouts { print("    " + w) }
        print(Terminal.dim("    A rank waiting for a message nobody sends (or everyone sending first) is a deadlock."))
      } else {
        print(line)
        for w in whereabouts { print("    " + w) }
        print(Terminal.dim("    Look for a loop that never ends."))
      }
      showTail(run.output)
    case .crashed(let rank, let how):
      let who = rank.map { chapter.kind == .mpi ? "rank \($0)" : "the program" } ?? "a process"
      print(
        "  \(Terminal.fail) \(Terminal.red("crashed"))\(at): \(who) ended with \(how); every process of the run was stopped"
      )
      showCrash(run.output)
    case .tooMuchOutput(let limit):
      print(
        "  \(Terminal.fail) \(Terminal.red("too much output"))\(at): more than \(limit >> 20) MiB written, so every process of the run was stopped"
      )
      print(Terminal.dim("    Look for a print inside a loop."))
      showTail(run.output)
    case .notStarted(let why):
      print("  \(Terminal.fail) \(Terminal.red("could not start"))\(at): \(why)")
    case .interrupted:
      print("  \(Terminal.yellow("interrupted"))\(at): every process of the run was stopped")
    }
  }

  /// Bytes in GiB with one decimal, for messages.
  static func gib(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / Double(1 << 30)) }

  /// One check: a tick and its name when it passed; otherwise its name, what was expected, what
  /// came, and the detail.
  public func show(_ c: CheckResult) {
    if c.passed {
      print("  \(Terminal.pass) \(c.name)")
    } else {
      print("  \(Terminal.fail) \(Terminal.bold(c.name))")
      print("      expected: \(c.expected)")
      print("      got:      \(c.got)")
      if let d = c.detail { print(Terminal.dim("      \(d)")) }
    }
  }

  /// The crash's cause and the frames in chapter code (from Swift's backtrace), or the output's tail.
  func showCrash(_ output: String) {
    let lines = Printer.withoutMPINoise(output).map(String.init)
    let cause = lines.filter { $0.contains("Swift runtime failure") || $0.contains("Fatal error") }.prefix(1)
    let frames = lines.filter {
      $0.range(of: #" at /.*/(exercises|solutions|lessons)/"#, options: .regularExpression) != nil
    }
    .prefix(4)
    .map { line -> String in
      // "1  0x... totalCovered(_:world:) + 16 in exercise00 at /…/FirstLight.swift:21:16" -> "totalCovered(_:world:) at exercises/…:21:16"
      guard let at = line.range(of: " at /") else { return line }
      let location = relative(String(line[line.index(at.lowerBound, offsetBy: 4)...]))
      let symbol = line[..<at.lowerBound].replacingOccurrences(
        of: #"^\s*\d+\s+(\[[a-z]+\]\s+)*0x[0-9a-f]+\s+"#, with: "",
        options: .regularExpression
      )
      .replacingOccurrences(of: #" \+ \d+ in \S+$"#, with: "", options: .regularExpression)
      return "\(symbol) at \(location)"
    }
    guard !cause.isEmpty || !frames.isEmpty else { return showTail(output) }
    for c in cause { print("    " + c.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)) }
    for f in frames { print(Terminal.dim("      in ") + f) }
  }

  /// The last lines a failed program printed, minus Open MPI's follow-up noise.
  func showTail(_ output: String, lines: Int = 12) {
    let kept = Printer.withoutMPINoise(output).suffix(lines)
    guard !kept.isEmpty else { return }
    print(Terminal.dim("    last output:"))
    for line in kept { print(Terminal.dim("    │ ") + (line.count > 300 ? line.prefix(300) + " …" : line)) }
  }

  /// The lines of `output` a learner should read after a failure, without what Open MPI prints
  /// once a rank threw or called MPI_Abort (the full output stays in the log): its boxed notices
  /// between rows of dashes ("MPI_ABORT was invoked on rank 1 …", "An MPI communication peer
  /// process has unexpectedly disconnected", "Primary job terminated normally, but …"), lines
  /// its daemons print with a "[host:pid]" prefix ("ORTE_ERROR_LOG: Out of resource in file
  /// util/show_help.c", "1 more process has sent help message …"), mpirun's own lines, and
  /// empty lines.
  public static func withoutMPINoise(_ output: String) -> [Substring] {
    var kept: [Substring] = []
    var inBox = false
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      // Open MPI's boxes open and close with a row of 74 dashes.
      if line.count >= 40 && line.allSatisfy({ $0 == "-" }) {
        inBox.toggle()
        continue
      }
      if inBox || line.isEmpty || line.contains("mpirun") || line.contains("ORTE_ERROR_LOG") { continue }
      if line.range(of: #"^\[[^\]\s]+:\d+\] "#, options: .regularExpression) != nil { continue }
      kept.append(line)
    }
    return kept
  }
}
