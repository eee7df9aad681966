import ArgumentParser
import Foundation
import Launch

/// The `workbook` command: the learner's and the instructor's tool.
public struct WorkbookCommand: ParsableCommand {
  /// The command's name, help text and subcommands; plain `workbook` runs `status`.
  public static let configuration = CommandConfiguration(
    commandName: "workbook",
    abstract: "Learn to make visualization fast and parallel: lessons, exercises and checks on real VTK, MPI and GLFW.",
    discussion: """
      Start with `workbook` to see where you are, `workbook lesson 0` to read, `workbook check` to \
      check your work, and `workbook watch` to check it every time you save.
      """,
    subcommands: [
      Status.self, ListChapters.self, Lesson.self, Run.self, Check.self, Watch.self, Hint.self, Reset.self,
      Solution.self, Verify.self, Doctor.self, Bench.self, Report.self, Batch.self, SelfTest.self, API.self,
    ],
    defaultSubcommand: Status.self
  )

  /// Required by `ParsableCommand`; ArgumentParser makes the command from the arguments.
  public init() {}
}

/// Options shared by commands that launch MPI programs.
struct MPIOptions: ParsableArguments {
  @Option(
    help: """
      How MPI chapters start their ranks: mpirun, or srun (Slurm). Default: srun inside a Slurm \
      allocation (SLURM_JOB_ID is set), else mpirun.
      """)
  var launcher: LauncherKind?

  @Option(help: "An Open MPI hostfile, to spread the ranks over several machines (mpirun).")
  var hostfile: String?

  @Option(name: .customLong("mpirun-arg"), parsing: .singleValue, help: "An extra argument for mpirun (repeatable).")
  var mpirunArguments: [String] = []

  @Option(help: "The Slurm partition for srun's job (srun).")
  var partition: String?

  @Option(help: "The Slurm account to charge for srun's job (srun).")
  var account: String?

  /// The launcher chosen by `--launcher`, or by the environment.
  var kind: LauncherKind { launcher ?? LauncherKind.automatic() }

  func validate() throws {
    if let hostfile, !FileManager.default.isReadableFile(atPath: hostfile) {
      throw ValidationError("the hostfile \(hostfile) does not exist or cannot be read")
    }
    switch kind {
    case .srun where hostfile != nil || !mpirunArguments.isEmpty:
      throw ValidationError("--hostfile and --mpirun-arg are for mpirun; under srun, Slurm chooses the nodes")
    case .mpirun where partition != nil || account != nil:
      throw ValidationError("--partition and --account are for srun; add --launcher srun")
    default:
      break
    }
  }

  func apply(to runner: ChapterRunner) {
    switch kind {
    case .mpirun:
      var extra = mpirunArguments
      if let hostfile { extra += ["--hostfile", hostfile] }
      runner.launcher = MPIRun(extraArguments: extra)
    case .srun:
      runner.launcher = SrunLaunch(partition: partition, account: account)
    }
  }
}

// The launcher's name is the option's value.
extension LauncherKind: ExpressibleByArgument {}

/// Loads the workspace or exits with the reason, in one line per problem.
func openWorkspace() throws -> Workspace {
  do {
    let ws = try Workspace()
    Interrupt.install()
    return ws
  } catch {
    print(Terminal.red("error: ") + "\(error)")
    throw ExitCode(2)
  }
}

/// Progressive hint: each call shows one not shown before, remembered in the progress file.
/// Hints for the check that failed first in the chapter's last verdict come first (when that
/// verdict failed); then the chapter's other hints in order. When every hint was shown, the last
/// one for that check (or of the chapter) again.
func nextHint(_ ws: Workspace, _ chapter: ChapterInfo, advance: Bool) -> (text: String, index: Int)? {
  guard !chapter.hints.isEmpty else { return nil }
  let check = ws.progress.last[chapter.folder] == "failing" ? ws.progress.failedCheck[chapter.folder] : nil
  let index =
    ws.progress.nextHint(chapter, for: check)
    ?? check.flatMap { chapter.hintIndices(for: $0).last } ?? chapter.hints.count - 1
  if advance { ws.updateProgress { $0.markHintShown(index, in: chapter.folder) } }
  return (chapter.hints[index].text, index)
}
