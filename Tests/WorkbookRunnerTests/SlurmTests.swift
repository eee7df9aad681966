import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// The runner under a real Slurm (a private single-node cluster, `PrivateSlurm`): chapters run
/// as `srun` steps give the verdicts they give under mpirun, nothing is left in the queue or
/// among the processes, and `workbook batch` checks a chapter in one allocation.
@Suite(
  .serialized,
  .enabled(
    if: PrivateSlurm.isInstalled,
    "Slurm is not installed: sudo apt-get install --no-install-recommends slurmctld slurmd slurm-client munge"),
  .privateSlurm
) struct SlurmTests {
  let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)

  var slurm: PrivateSlurm {
    get throws { try #require(PrivateSlurm.current, "the suite runs inside .privateSlurm") }
  }

  /// A runner that launches with srun.
  var runner: ChapterRunner {
    let r = ChapterRunner(project: project)
    r.launcher = SrunLaunch()
    return r
  }

  func chapter(_ number: Int) throws -> ChapterInfo { try #require(try Catalog.load(project).chapter(number)) }

  /// Runs `product` as chapter `c` under srun in the private cluster.
  func run(_ c: ChapterInfo, _ product: String, ranks: Int, _ arguments: [String] = []) throws -> RunOutcome {
    try runner.run(c, product: product, ranks: ranks, arguments: arguments, environment: slurm.environment)
  }

  /// The jobs Slurm remembers that this process started (srun names them workbook-<pid>-...).
  func myJobs() throws -> [String] { try slurm.jobs().filter { $0.contains("JobName=workbook-\(getpid())-") } }

  @Test(arguments: [2, 3, 4])
  func solutionOfChapter9PassesUnderSrun(ranks: Int) throws {
    let c = try chapter(9)
    let before = try myJobs().count
    let outcome = try run(c, c.solutionProduct, ranks: ranks)
    #expect(outcome.verdict.passed, "\(outcome.verdict)\n\(outcome.output.suffix(3000))")
    // It ran as a Slurm job of `ranks` tasks, which has ended, and nothing is queued.
    let jobs = try myJobs()
    #expect(jobs.count == before + 1)
    #expect(jobs.last?.contains("NumTasks=\(ranks) ") == true, "\(jobs.last ?? "no job")")
    #expect(jobs.last?.contains("JobState=COMPLETED") == true, "\(jobs.last ?? "no job")")
    #expect(try slurm.queue().isEmpty)
    print("srun: chapter 9 solution at \(ranks) tasks: \(String(format: "%.2f", outcome.seconds)) s to the verdict")
  }

  @Test(.enabled(if: exerciseIsAsShipped("09-point-to-point"), "exercise 09 holds the learner's work"))
  func shippedExerciseOfChapter9FailsAtACheckItTeaches() throws {
    let c = try chapter(9)
    let outcome = try run(c, c.exerciseProduct, ranks: c.ranks[0])
    let failure = try #require(outcome.verdict.firstFailure, "\(outcome.verdict)\n\(outcome.output.suffix(3000))")
    #expect(c.teaches.contains(failure.name), "fails at \(failure.name)")
    #expect(try slurm.queue().isEmpty)
  }

  @Test func rankThatSegfaultsIsNamedWithItsSignal() throws {
    var c = try chapter(9)
    c.timeLimit = 30
    let outcome = try run(c, "workbook-probe", ranks: 3, ["crash-rank", "1"])
    guard case .crashed(let rank, let how) = outcome.verdict else {
      Issue.record("expected a crash, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(rank == 1)
    #expect(how == "signal 11 (Segmentation fault)")
    #expect(outcome.seconds < 20, "the other ranks were not stopped with the crashed one")
    #expect(try slurm.queue().isEmpty)
    #expect(TestSupport.processes(matching: "workbook-probe crash-rank").isEmpty)
  }

  /// Chapter 09's classic deadlock (every rank sends 1.6 MB first): recognised from the call
  /// board within seconds under srun too, each rank's send named, the step gone at once.
  @Test func deadlockIsRecognisedAndLeavesNoStep() throws {
    var c = try chapter(9)
    c.timeLimit = 20
    let outcome = try run(c, "chapter-variants", ranks: 2, ["09-naive-ring"])
    guard case .deadlocked(_, let calls) = outcome.verdict else {
      Issue.record("expected a deadlock, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(calls.count == 2 && calls.allSatisfy { $0.contains("send to") }, "\(calls)")
    #expect(outcome.seconds < 12)
    #expect(try slurm.queue().isEmpty)
    #expect(TestSupport.processes(matching: "chapter-variants 09-naive-ring").isEmpty)
  }

  /// An endless loop on rank 1 at a 4 s limit: stopped by the runner's own limit (Slurm's is
  /// whole minutes), both ranks named, the step gone at once.
  @Test func endlessLoopIsStoppedAtTheChapterLimitAndLeavesNoStep() throws {
    var c = try chapter(9)
    c.timeLimit = 4
    let outcome = try run(c, "chapter-variants", ranks: 2, ["09-fault-spin"])
    guard case .timedOut(let limit, let missing, _) = outcome.verdict else {
      Issue.record("expected a time-out, got \(outcome.verdict)\n\(outcome.output.suffix(2000))")
      return
    }
    #expect(limit == 4)
    #expect(missing == [0, 1])
    #expect(outcome.seconds < 12)
    #expect(try slurm.queue().isEmpty)
    #expect(TestSupport.processes(matching: "chapter-variants 09-fault-spin").isEmpty)
  }

  /// An srun killed outright (SIGKILL, as after the runner's grace period) leaves its step
  /// running under slurmstepd; `LaunchCommand.cleanUp` cancels it and waits until it is gone.
  @Test func stepOfAKilledSrunIsCancelled() throws {
    let env = try slurm.environment
    let command = SrunLaunch().command(
      ranks: 2, timeLimit: 60, program: TestSupport.program("workbook-probe"), programArguments: ["hang"],
      environment: env)
    let srun = try ChildProcess(
      command.executable, command.arguments, environment: command.environment, stdout: .discard, stderr: .discard)
    // Wait until both tasks run. srun's own command line names the probe too (and srun may run
    // as two processes), so the tasks are the matching processes whose name is the probe's.
    func tasks() -> [Int32] {
      TestSupport.processes(matching: "workbook-probe hang").filter { pid in
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("workbook-probe") == true
      }
    }
    let deadline = Date().addingTimeInterval(20)
    while tasks().count < 2 && Date() < deadline { usleep(50_000) }
    #expect(tasks().count == 2)
    kill(srun.pid, SIGKILL)
    _ = srun.wait(timeout: 10)
    let cancelled = command.cleanUp()
    #expect(!cancelled.isEmpty, "the step had ended by itself: nothing tested")
    #expect(try slurm.queue().isEmpty)
    #expect(TestSupport.processes(matching: "workbook-probe hang").isEmpty)
  }

  /// `workbook batch 9 --submit` in a copy of the project whose exercise 09 is the solution
  /// (the copy links every built program, exercise09 to solution09; the real exercises/ is not
  /// touched): the job checks 2, 3 and 4 ranks as steps of one allocation, the command prints
  /// the verdict, and `workbook status` reads it back.
  @Test func batchJobChecksTheChapterAndStatusReadsItsReport() throws {
    // A folder name with a blank, as learners' folders often have ("My course"): the script's
    // #SBATCH lines and commands must quote it.
    let copy = try ProjectCopy(exerciseReplacedBySolution: "09", prefix: "wb copy-")
    defer { copy.remove() }
    var env = try slurm.environment
    env["WORKBOOK_ROOT"] = copy.root
    env["WORKBOOK_STATE"] = copy.root + "/.workbook"
    env["NO_COLOR"] = "1"
    let workbook = copy.root + "/.build/release/workbook"
    let start = Date()
    let batch = try runProcess(workbook, ["batch", "9", "--submit", "--no-build"], environment: env, timeout: 180)
    let seconds = Date().timeIntervalSince(start)
    #expect(batch.termination == .exited(0), "\(batch.output.suffix(3000))")
    #expect(batch.output.contains("Chapter 9 passes every check at 2, 3, 4 ranks."), "\(batch.output.suffix(3000))")
    #expect(batch.output.contains("passes at every rank count"))
    let script = try String(contentsOfFile: copy.root + "/.workbook/batch/09-point-to-point.sbatch", encoding: .utf8)
    #expect(script.contains("#SBATCH --ntasks=4"))
    #expect(FileManager.default.fileExists(atPath: copy.root + "/.workbook/batch/09-point-to-point.out"))
    // One allocation: the batch job and its three steps, nothing more.
    let job = try String(contentsOfFile: copy.root + "/.workbook/batch/09-point-to-point.job", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try slurm.queue().isEmpty)

    let status = try runProcess(workbook, ["status"], environment: env, timeout: 60)
    #expect(status.output.contains("Batch job \(job), chapter 9: passed"), "\(status.output)")
    #expect(status.output.contains("] 1/"), "the pass is recorded in the progress: \(status.output)")
    print("workbook batch 9 --submit: \(String(format: "%.1f", seconds)) s from submission to the verdict")
  }
}

/// A throw-away copy of the project that shares everything with the real one through links,
/// except the folder of built programs, which links each program but one chapter's exercise,
/// whose link points at that chapter's solution. Nothing under the real project is written.
struct ProjectCopy {
  let root: String

  init(exerciseReplacedBySolution number: String, prefix: String = "wb-copy-") throws {
    let fm = FileManager.default
    root = NSTemporaryDirectory() + prefix + "\(UUID().uuidString.prefix(8))"
    let bin = root + "/.build/release"
    try fm.createDirectory(atPath: bin, withIntermediateDirectories: true)
    for entry in ["Package.swift", "lessons", "exercises", "solutions", "Sources"] {
      try fm.createSymbolicLink(atPath: root + "/" + entry, withDestinationPath: TestSupport.root + "/" + entry)
    }
    for program in try fm.contentsOfDirectory(atPath: TestSupport.binDirectory) {
      let target = program == "exercise\(number)" ? "solution\(number)" : program
      try fm.createSymbolicLink(
        atPath: bin + "/" + program, withDestinationPath: TestSupport.binDirectory + "/" + target)
    }
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }
}
