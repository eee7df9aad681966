import ArgumentParser
import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// `workbook batch N`: a Slurm batch script that checks chapter N at each of its rank counts in
/// one allocation; with `--submit`, submitted and followed to its verdict.
struct Batch: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a chapter on a Slurm cluster: write (and with --submit, submit) an sbatch script.",
    discussion: """
      The script asks for one allocation of as many tasks as the chapter's largest rank count and \
      runs `workbook check N --launcher srun` in it, each rank count as one srun step. Its output \
      and result go to .workbook/batch/, where `workbook status` shows them, and a pass is \
      recorded in your progress like any check. The exercise is built here first: the compute \
      nodes only run it (the folder must be on a file system they share).
      """)

  @Argument(help: "Chapter number.")
  var chapter: Int

  @Flag(help: "Submit the script with sbatch and wait for its verdict (polling squeue).")
  var submit = false

  @Option(help: "The Slurm partition to run in.")
  var partition: String?

  @Option(help: "The Slurm account to charge.")
  var account: String?

  @Flag(help: "Use the program already built instead of building it first.")
  var noBuild = false

  func run() throws {
    let ws = try openWorkspace()
    let c = try ws.chapter(chapter)
    let printer = Printer(project: ws.project)
    if !noBuild {
      let build = try ws.builder.build(product: c.exerciseProduct)
      guard build.succeeded else {
        printer.showBuildFailure(build, chapter: c)
        throw ExitCode(1)
      }
    }
    let job = BatchJob(project: ws.project, chapter: c)
    try job.writeScript(workbook: Batch.runnerPath(), partition: partition, account: account)
    print("Wrote \(printer.relative(job.scriptPath)) (\(job.minutes) min, \(c.ranks.max() ?? 1) tasks).")
    guard submit else {
      print(
        "Submit it with: \(Terminal.cyan("sbatch \(printer.relative(job.scriptPath))"))  (or ./workbook batch \(c.number) --submit)"
      )
      return
    }
    guard ChildProcess.resolve("sbatch") != nil else {
      print(
        Terminal.red("error: ")
          + "sbatch is not installed: install the `slurm-client` package, or run on the cluster's login node")
      throw ExitCode(2)
    }
    let submitted = try runProcess("sbatch", ["--parsable", job.scriptPath], timeout: 60)
    // --parsable prints "<id>" or "<id>;<cluster>".
    guard submitted.termination == .exited(0),
      let id = submitted.output.split(separator: "\n").last?.split(separator: ";").first.map(String.init),
      Int(id) != nil
    else {
      print(
        Terminal.red("error: ") + "sbatch failed: \(submitted.output.trimmingCharacters(in: .whitespacesAndNewlines))")
      throw ExitCode(1)
    }
    try job.recordSubmitted(id)
    print(
      "Submitted job \(id). Waiting for it (Ctrl-C stops waiting, not the job; `workbook status` shows its result).")
    let state = Batch.follow(job: id)
    if Interrupt.requested {
      print("Stopped waiting; job \(id) is \(state ?? "still in the queue").")
      throw ExitCode(130)
    }
    try Batch.report(job, printer: printer)
  }

  /// Polls `squeue` until job `id` is no longer listed, printing each state it passes through.
  /// Returns the last state seen.
  static func follow(job id: String) -> String? {
    var last: String?
    var pause: useconds_t = 200_000
    while !Interrupt.requested {
      let r = try? runProcess("squeue", ["--noheader", "--jobs=\(id)", "--format=%T"], timeout: 30)
      let state = r?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      // Listed no more (or, long after the end, an unknown id): it has ended.
      if r?.termination != .exited(0) || state.isEmpty { return last }
      if state != last { print(Terminal.dim("  job \(id): \(state.lowercased())")) }
      last = state
      usleep(pause)
      pause = min(pause * 2, 2_000_000)
    }
    return last
  }

  /// Prints the job's output (the check's own report) and its verdict.
  static func report(_ job: BatchJob, printer: Printer) throws {
    if let log = try? String(contentsOfFile: job.logPath, encoding: .utf8) { print(log, terminator: "") }
    switch job.state {
    case .finished(let id, let exit, _) where exit == 0:
      print(Terminal.green("Batch job \(id): chapter \(job.chapter.number) passes at every rank count."))
    case .finished(let id, let exit, _):
      print(Terminal.red("Batch job \(id): chapter \(job.chapter.number) does not pass (exit \(exit)); output above."))
      throw ExitCode(1)
    case .submitted(let id):
      // Ended without writing its result: cancelled, out of time, or its node failed.
      let detail = try? runProcess("scontrol", ["show", "job", id, "--oneliner"], timeout: 30)
      let words = (detail?.output ?? "").split(separator: " ").filter {
        $0.hasPrefix("JobState=") || $0.hasPrefix("Reason=") || $0.hasPrefix("ExitCode=")
      }
      let why = words.isEmpty ? "" : " (\(words.joined(separator: " ")))"
      print(
        Terminal.red("Batch job \(id) ended without a result\(why); its output is in \(printer.relative(job.logPath)).")
      )
      throw ExitCode(1)
    case .none:
      throw ExitCode(1)
    }
  }

  /// The path of this runner, for the script to run on the compute node.
  static func runnerPath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }
}
