import ArgumentParser
import Foundation

/// `workbook verify`: for authors and CI, the whole workbook is consistent and honest.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check that every solution passes and every exercise fails where it should (authors, CI).",
    discussion: """
      For each chapter: metadata and folders agree; lint rules hold; the solution passes every check \
      at every declared rank count; the exercise as shipped builds and fails at one of the checks \
      the chapter teaches (not a build error, crash or time-out).
      """)

  @Argument(help: "Chapter numbers (default: all).")
  var chapters: [Int] = []

  @Flag(help: "Use the programs already built (for tests that run inside `swift test`).")
  var noBuild = false

  @OptionGroup var mpiOptions: MPIOptions

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let selected = chapters.isEmpty ? ws.catalog.chapters : try chapters.map(ws.chapter)
    let printer = Printer(project: ws.project)
    var problems: [String] = []

    if !noBuild {
      print(Terminal.bold("Building everything (release) ..."))
      let build = try ws.builder.build()
      guard build.succeeded else {
        printer.showBuildFailure(build, chapter: selected[0])
        print(Terminal.red("verify: the package does not build"))
        throw ExitCode(1)
      }
      print(Terminal.dim("built in \(String(format: "%.0f", build.seconds)) s"))
    }

    // Each lesson's API section against the built modules' symbol graphs.
    let apiSection = Result {
      APISection(project: ws.project, index: try SymbolGraphExtractor(project: ws.project).index(standardLibrary: true))
    }
    for c in selected {
      print(Terminal.bold("── chapter \(c.number) \(c.folder)"))
      var chapterProblems = Lint(project: ws.project).problems(c)
      switch apiSection {
      case .success(let section): chapterProblems += section.problems(c)
      case .failure(let error): chapterProblems.append("API section not checked: \(error)")
      }
      // verify is about the exercises as shipped; a learner's own work is not expected to fail.
      let learnersWork = ws.pristine.isModified(c)
      // Solution: every check passes at every declared count.
      var reported = Set<String>()
      for n in c.ranks {
        let run = ws.runner.run(c, product: c.solutionProduct, ranks: n)
        let at = c.kind == .mpi ? " at \(n) ranks" : ""
        if case .reported(let checks, _, _) = run.verdict { reported.formUnion(checks.map(\.name)) }
        if run.verdict.passed {
          if case .reported(let checks, _, _) = run.verdict {
            print(
              "   \(Terminal.pass) solution passes \(checks.count) checks\(at) (\(String(format: "%.1f", run.seconds)) s)"
            )
          }
        } else {
          chapterProblems.append("solution does not pass\(at)")
          printer.show(run, chapter: c)
        }
        if Interrupt.requested { throw ExitCode(130) }
      }
      // Hints are shown for the check that failed: each must name checks that exist, reported by
      // the solution or declared in `teaches` (some checks are reported only when they fail, as
      // chapter 16's gather-at-root).
      let unknown = c.hintedChecks.filter { !reported.contains($0) && !c.teaches.contains($0) }
      if !reported.isEmpty && !unknown.isEmpty {
        chapterProblems.append(
          "chapter.toml has hints for checks neither in teaches nor reported by the solution: \(unknown.joined(separator: ", "))"
        )
      }
      // Exercise: fails at a check it teaches.
      if learnersWork {
        print(
          Terminal.yellow("   exercise not checked: exercises/\(c.folder) holds your work, not the shipped version"))
        for p in chapterProblems { print("   \(Terminal.fail) \(p)") }
        problems += chapterProblems.map { "\(c.folder): \($0)" }
        continue
      }
      let n = c.ranks[0]
      let run = ws.runner.run(c, product: c.exerciseProduct, ranks: n)
      switch run.verdict {
      case .reported(_, _, let errors) where errors.isEmpty:
        if let failure = run.verdict.firstFailure {
          if c.teaches.contains(failure.name) {
            print("   \(Terminal.pass) exercise fails at \(failure.name), which the chapter teaches")
          } else {
            chapterProblems.append("exercise fails first at \(failure.name), which is not in teaches = \(c.teaches)")
          }
        } else {
          chapterProblems.append("the exercise as shipped passes every check: it teaches nothing")
        }
      default:
        chapterProblems.append(
          "the exercise as shipped does not fail at a check (it must build, run and fail a check it teaches)")
        printer.show(run, chapter: c)
      }
      for p in chapterProblems { print("   \(Terminal.fail) \(p)") }
      problems += chapterProblems.map { "\(c.folder): \($0)" }
    }
    ws.runner.stopDisplay()
    if problems.isEmpty {
      print(
        Terminal.green(
          "verify: \(selected.count) chapter(s) consistent; every solution passes, every exercise fails where it should."
        ))
    } else {
      print(Terminal.red("verify: \(problems.count) problem(s):"))
      problems.forEach { print("  - \($0)") }
      throw ExitCode(1)
    }
  }
}
