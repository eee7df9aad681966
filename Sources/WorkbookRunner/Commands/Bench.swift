import ArgumentParser
import Foundation
import Launch

/// `workbook bench [N | --all]`: chapters' benchmarks, in a release build, into one result file
/// under out/bench/; `workbook bench --compare A.json B.json` shows two such files side by side.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Run the chapters' benchmarks (release build; warm-up, medians, ratios against a baseline and the physical floor in the same run).",
    discussion: """
      With no chapter (or --all), every chapter whose chapter.toml says `bench = true` runs, MPI \
      chapters with a `bench_scaling_metric` at P = 1, 2, 4 (from their bench_min_ranks or \
      min_ranks; more with a hostfile). Each run writes out/bench/<UTC time>-<host>.json with the machine and every \
      metric; `--compare A.json B.json` prints two of them side by side.
      """)

  @Argument(help: "Chapter number (default: every chapter with a benchmark).")
  var chapter: Int?

  @Flag(help: "Every chapter with a benchmark (the default without a chapter number).")
  var all = false

  @Option(
    help:
      "Number of MPI processes (MPI chapters; default: the chapter's bench_ranks, plus its scaling rank counts).")
  var ranks: Int?

  @Option(
    help: "Rounds per message size, for a narrower interval on a noisy machine (chapter 9; default 11, at least 4).")
  var rounds: Int?

  @Option(help: "Seconds one benchmark may run before it is stopped (default: the chapter's time_limit, at least 600).")
  var timeLimit: Double?

  @Flag(help: "Only the chapters' bench_ranks: no scaling series.")
  var noScaling = false

  @Flag(help: "Show only progress and the results table, not the benchmarks' own output.")
  var quiet = false

  @Option(
    name: .customLong("compare"), parsing: .upToNextOption,
    help: "Two result files to show side by side (runs nothing): --compare A.json B.json.")
  var compare: [String] = []

  @Flag(help: "Use the programs already built instead of building them first.")
  var noBuild = false

  @OptionGroup var mpiOptions: MPIOptions

  func validate() throws {
    if let rounds, rounds < 4 { throw ValidationError("--rounds must be at least 4: the interval needs quartiles") }
    if let timeLimit, timeLimit <= 0 { throw ValidationError("--time-limit must be positive") }
    if let ranks, ranks < 1 { throw ValidationError("--ranks must be positive") }
    if chapter != nil && all { throw ValidationError("give a chapter number or --all, not both") }
    if !compare.isEmpty {
      guard compare.count == 2 else { throw ValidationError("--compare takes two result files: A.json B.json") }
      guard chapter == nil && !all else {
        throw ValidationError("--compare runs nothing: leave out the chapter and --all")
      }
    }
  }

  func run() throws {
    if !compare.isEmpty {
      let a = try BenchRun.read(from: compare[0])
      let b = try BenchRun.read(from: compare[1])
      print(BenchTable.compare(a, b, nameA: compare[0], nameB: compare[1]), terminator: "")
      return
    }
    let started = Date()
    let clock = monotonicSeconds()
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let chapters: [ChapterInfo]
    if let chapter {
      let c = try ws.chapter(chapter)
      guard c.hasBench else {
        throw ValidationError(
          "chapter \(chapter) has no benchmark (its chapter.toml would say `bench = true`); "
            + "chapters with one: \(ws.catalog.chapters.filter(\.hasBench).map { String($0.number) }.joined(separator: ", "))"
        )
      }
      if let ranks, let refusal = c.benchmarkOnly.refusal(ranks: ranks) { throw ValidationError(refusal) }
      if ranks != nil && c.kind != .mpi {
        print(Terminal.dim("chapter \(c.number) is not an MPI chapter: it runs as one process, --ranks does not apply"))
      }
      chapters = [c]
    } else {
      chapters = ws.catalog.chapters.filter(\.hasBench)
    }
    let hostfile = mpiOptions.kind == .mpirun ? mpiOptions.hostfile : nil
    let slots = hostfile.flatMap { ScalingLadder.slots(hostfile: $0) } ?? ProcessInfo.processInfo.activeProcessorCount
    let plan = chapters.flatMap { c in
      ScalingLadder.rankCounts(c, ranks: ranks, scaling: !noScaling, maxRanks: hostfile == nil ? 4 : max(4, slots)).map
      {
        (c, $0)
      }
    }

    // Builds first, so that the timings do not share the machine with the compiler.
    var unbuilt: [Int: String] = [:]
    var probeBuilt = noBuild
    if !noBuild {
      for c in chapters {
        print(Terminal.dim("building \(c.demoProduct)…"))
        let build = try ws.builder.build(product: c.demoProduct)
        if !build.succeeded {
          Printer(project: ws.project).showBuildFailure(build, chapter: c)
          unbuilt[c.number] = "did not build: " + (build.errors.first.map { "\($0)" } ?? "see the build log")
        }
      }
      probeBuilt = (try? ws.builder.build(product: "workbook-probe"))?.succeeded ?? false
    }
    let machine = MachineDescription.current(
      probe: FileManager.default.isExecutableFile(atPath: ws.project.binDirectory + "/workbook-probe")
        ? { Bench.probe(ws) } : nil,
      hostfile: hostfile)
    if !probeBuilt && !noBuild { print(Terminal.yellow("workbook-probe did not build; the GL renderer is left out")) }
    print(Terminal.bold("machine: ") + machine.summary)

    var results: [BenchmarkResult] = []
    for (i, (c, n)) in plan.enumerated() {
      if Interrupt.requested { break }
      var limited = c.benchmarkOnly
      limited.timeLimit = timeLimit ?? max(c.timeLimit, 600)
      let at = c.kind == .mpi ? " at \(n) rank\(n == 1 ? "" : "s")" : ""
      print(
        Terminal.bold("── [\(i + 1)/\(plan.count)] chapter \(c.code) \(c.slug)\(at)")
          + Terminal.dim(
            " · \(plan.count - i - 1) left · elapsed \(BenchTable.duration(monotonicSeconds() - clock)) · limit \(Int(limited.timeLimit)) s"
          ))
      if let why = unbuilt[c.number] {
        results.append(
          BenchmarkResult(
            chapter: c.number, folder: c.folder, title: c.title, kind: c.kind.rawValue, ranks: n,
            oversubscribed: c.kind == .mpi && n > machine.rankSlots, status: .failed, verdict: why, seconds: 0,
            timeLimit: limited.timeLimit, metrics: []))
        print("  \(Terminal.fail) \(why)")
        continue
      }
      let outcome = ws.runner.run(
        limited, product: c.demoProduct, ranks: n, echo: !quiet,
        arguments: ["--bench"] + (rounds.map { ["--rounds", String($0)] } ?? []), onUserDisplay: true)
      var result = BenchmarkResult(chapter: c, outcome: outcome, timeLimit: limited.timeLimit, slots: machine.rankSlots)
      if result.status == .passed {
        print("  \(Terminal.pass) \(result.verdict) in \(BenchTable.duration(outcome.seconds))")
        if c.benchIceT && c.kind == .mpi {
          result.metrics += compareWithIceT(ws, ranks: n, metrics: result.metrics, timeLimit: limited.timeLimit)
        }
        results.append(result)
      } else {
        results.append(result)
        Printer(project: ws.project).show(outcome, chapter: c)
      }
    }
    ws.runner.stopDisplay()

    let scalingMetrics = Dictionary(
      chapters.compactMap { c in c.benchScalingMetric.map { (c.number, $0) } }, uniquingKeysWith: { a, _ in a })
    let run = BenchRun(
      started: BenchRun.timestamp(started), seconds: monotonicSeconds() - clock,
      command: (["workbook"] + CommandLine.arguments.dropFirst()).joined(separator: " "), machine: machine,
      benchmarks: results, scaling: ScalingSeries.derive(from: results, metrics: scalingMetrics))
    let path = uniquePath(
      ws.project.outputDirectory + "/bench/" + BenchRun.fileName(date: started, host: machine.host))
    print("\n" + BenchTable.render(run), terminator: "")
    print(Terminal.bold(BenchTable.summary(run)))
    do {
      try run.write(to: path)
      print("results: \(Printer(project: ws.project).relative(path))")
    } catch {
      print(Terminal.red("error: ") + "could not write the results: \(error)")
      throw ExitCode(1)
    }
    if Interrupt.requested || results.contains(where: { $0.status != .passed && $0.status != .refused }) {
      throw ExitCode(1)
    }
  }

  /// workbook-probe's VTK scene on the display the benchmarks get: its line with VTK's version
  /// and the GL renderer.
  static func probe(_ ws: Workspace) -> Result<String, RunnerError> {
    do {
      let env = try ws.runner.displayEnvironment(ProcessInfo.processInfo.environment, onUserDisplay: true)
      let r = try runProcess(ws.project.binDirectory + "/workbook-probe", ["vtk-scene"], environment: env, timeout: 60)
      guard r.termination == .exited(0),
        let line = r.output.split(separator: "\n").first(where: { $0.hasPrefix("vtk ") })
      else { return .failure(RunnerError(String(r.output.suffix(300)))) }
      return .success(String(line))
    } catch {
      return .failure(RunnerError("\(error)"))
    }
  }
}
