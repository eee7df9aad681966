import ArgumentParser
import Foundation

/// `workbook bench N`: a chapter's benchmark, in a release build.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a chapter's benchmark (release build; warm-up, medians, ratios against a baseline in the same run).")

  @Argument(help: "Chapter number.")
  var chapter: Int

  @Option(help: "Number of MPI processes (MPI chapters; default: the chapter's bench_ranks, or its first rank count).")
  var ranks: Int?

  @Option(
    help: "Rounds per message size, for a narrower interval on a noisy machine (chapter 9; default 11, at least 4).")
  var rounds: Int?

  @Flag(help: "Use the program already built instead of building it first.")
  var noBuild = false

  @OptionGroup var mpiOptions: MPIOptions

  func validate() throws {
    if let rounds, rounds < 4 { throw ValidationError("--rounds must be at least 4: the interval needs quartiles") }
  }

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let c = try ws.chapter(chapter)
    if let ranks, let refusal = c.refusal(ranks: ranks) { throw ValidationError(refusal) }
    if !noBuild {
      let build = try ws.builder.build(product: c.demoProduct)
      guard build.succeeded else {
        Printer(project: ws.project).showBuildFailure(build, chapter: c)
        throw ExitCode(1)
      }
    }
    if ranks != nil && c.kind != .mpi {
      print(Terminal.dim("chapter \(c.number) is not an MPI chapter: it runs as one process, --ranks does not apply"))
    }
    var limited = c
    limited.timeLimit = max(c.timeLimit, 600)
    var failed = false
    for n in ranks.map({ [$0] }) ?? c.benchRanks {
      if c.kind == .mpi { print(Terminal.bold("── \(n) ranks")) }
      let outcome = ws.runner.run(
        limited, product: c.demoProduct, ranks: n, echo: true,
        arguments: ["--bench"] + (rounds.map { ["--rounds", String($0)] } ?? []), onUserDisplay: true)
      if case .reported(_, _, let errors) = outcome.verdict, errors.isEmpty { continue }
      Printer(project: ws.project).show(outcome, chapter: c)
      failed = true
    }
    ws.runner.stopDisplay()
    if failed { throw ExitCode(1) }
  }
}
