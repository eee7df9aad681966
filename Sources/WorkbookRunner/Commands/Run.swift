import ArgumentParser
import Foundation
import WorkbookContract

/// `workbook run N`: build and run a chapter's demo. `workbook run --all`: every demo (the main job).
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build and run a chapter's demo (or every demo with --all).",
    discussion: """
      MPI chapters run under mpirun (or srun, see --launcher) with the chapter's first rank count (or --ranks). Without a \
      display, an Xvfb is started for the run and windows are saved as screenshots under out/.
      """)

  @Argument(help: "Chapter number.")
  var chapter: Int?

  @Flag(help: "Run every chapter's demo, one after another.")
  var all = false

  @Option(help: "Number of MPI processes (MPI chapters; default: the chapter's first rank count).")
  var ranks: Int?

  @Option(help: "Keep demo windows open this many seconds (on a real display).")
  var keepOpen: Double?

  @Flag(help: "Use the programs already built instead of building them first.")
  var noBuild = false

  @OptionGroup var mpiOptions: MPIOptions

  func validate() throws {
    if all == (chapter != nil) { throw ValidationError("give a chapter number or --all") }
    if let ranks, ranks < 1 { throw ValidationError("--ranks must be at least 1") }
  }

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let chapters = all ? ws.catalog.chapters : [try ws.chapter(chapter!)]
    if !all, let ranks, let refusal = chapters[0].refusal(ranks: ranks) { throw ValidationError(refusal) }
    let printer = Printer(project: ws.project)
    if all && !noBuild {
      print(Terminal.bold("Building every chapter (release) ..."))
      let build = try ws.builder.build(echo: false)
      guard build.succeeded else {
        printer.showBuildFailure(build, chapter: chapters[0])
        throw ExitCode(1)
      }
    }
    var failed: [String] = []
    for c in chapters {
      if !all && !noBuild {
        let build = try ws.builder.build(product: c.demoProduct)
        guard build.succeeded else {
          printer.showBuildFailure(build, chapter: c)
          throw ExitCode(1)
        }
      }
      let n = ranks ?? c.ranks[0]
      print(
        Terminal.bold("── chapter \(c.number): \(c.title)")
          + Terminal.dim(c.kind == .mpi ? "  (\(mpiOptions.kind.rawValue) -n \(n))" : ""))
      if ranks != nil && c.kind != .mpi && !all {
        print(Terminal.dim("chapter \(c.number) is not an MPI chapter: it runs as one process, --ranks does not apply"))
      }
      var env: [String: String] = [:]
      if let keepOpen { env[HarnessEnvironment.keepOpen] = String(keepOpen) }
      var limited = c
      limited.timeLimit = max(c.timeLimit, 60) + (keepOpen ?? 0)
      let outcome = ws.runner.run(
        limited, product: c.demoProduct, ranks: n, echo: true, environment: env, onUserDisplay: true)
      if case .interrupted = outcome.verdict { throw ExitCode(130) }
      // The demo's verdict and metrics, for `workbook report` (plots with source = "demo").
      let result = BenchmarkResult(
        chapter: c, outcome: outcome, timeLimit: limited.timeLimit, slots: ProcessInfo.processInfo.activeProcessorCount)
      try? result.writeDemoRun(to: BenchmarkResult.demoRunPath(ws.project, c))
      switch outcome.verdict {
      case .reported(_, _, let errors) where errors.isEmpty && outcome.verdict.firstFailure == nil:
        print(Terminal.dim("   done in \(String(format: "%.1f", outcome.seconds)) s; images in out/\(c.folder)/"))
      case .interrupted:
        throw ExitCode(130)
      default:
        printer.show(outcome, chapter: c)
        failed.append(c.folder)
      }
    }
    if all {
      print(
        failed.isEmpty
          ? Terminal.green("All \(chapters.count) demos ran; images are under out/.")
          : Terminal.red("\(failed.count) demo(s) failed: \(failed.joined(separator: ", "))"))
      // The page with every chapter's status, images and plots.
      do {
        Report.show(try Report.write(ws, to: nil, build: !noBuild), ws)
      } catch {
        print(Terminal.red("error: ") + "could not write the report: \(error)")
      }
    }
    ws.runner.stopDisplay()
    if !failed.isEmpty { throw ExitCode(1) }
  }
}
