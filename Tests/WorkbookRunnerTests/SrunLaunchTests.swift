import Foundation
import Launch
import Testing
import WorkbookRunner

/// The srun command line and srun's crash messages, without a cluster (SlurmTests runs them on one).
@Suite struct SrunLaunchTests {
  @Test func argumentsChoosePMIxAndTheRunnersOwnLimit() {
    let srun = SrunLaunch(partition: "short", account: "viz101")
    let outside = srun.arguments(
      ranks: 3, timeLimit: 60, program: "/bin/x", programArguments: ["a b"], name: "workbook-1-ab",
      insideAllocation: false)
    #expect(outside.contains("--mpi=pmix"))
    #expect(outside[outside.firstIndex(of: "-n")! + 1] == "3")
    #expect(outside.contains("--kill-on-bad-exit=1"))
    #expect(outside.contains("--partition=short") && outside.contains("--account=viz101"))
    #expect(outside.contains("--job-name=workbook-1-ab"))
    // A backstop only: 60 s + 10 s, in whole minutes, rounded up.
    #expect(outside.contains("--time=2"))
    #expect(outside.suffix(2) == ["/bin/x", "a b"])
    let inside = srun.arguments(
      ranks: 2, timeLimit: 60, program: "/bin/x", name: "workbook-1-ab", insideAllocation: true)
    #expect(!inside.contains { $0.hasPrefix("--time") }, "a step must not ask for more time than its allocation has")
  }

  @Test func commandKnowsWhetherItRunsInAnAllocation() {
    let inside = SrunLaunch().command(
      ranks: 2, timeLimit: 60, program: "/bin/x", programArguments: [], environment: ["SLURM_JOB_ID": "42"])
    let outside = SrunLaunch().command(
      ranks: 2, timeLimit: 60, program: "/bin/x", programArguments: [], environment: [:])
    #expect(!inside.arguments.contains { $0.hasPrefix("--time") })
    #expect(outside.arguments.contains { $0.hasPrefix("--time") })
    #expect(inside.executable == "srun" && inside.slurmName != nil && inside.slurmName != outside.slurmName)
    #expect(inside.environment["OMPI_MCA_pml"] == "ob1", "the ranks get the workbook's Open MPI settings")
    #expect(
      MPIRun().command(ranks: 2, timeLimit: 5, program: "/bin/x", programArguments: [], environment: [:]).slurmName
        == nil)
  }

  @Test func launcherDefaultsToSrunInsideAnAllocation() {
    #expect(LauncherKind.automatic(environment: ["SLURM_JOB_ID": "17"]) == .srun)
    #expect(LauncherKind.automatic(environment: [:]) == .mpirun)
    #expect(LauncherKind.automatic(environment: ["SLURM_JOB_ID": ""]) == .mpirun)
  }

  @Test func parsesSrunCrashReports() {
    let segfault = """
      srun: error: node7: task 1: Segmentation fault (core dumped)
      srun: launch/slurm: _step_signal: Terminating StepId=1.0
      slurmstepd-node7: error: *** STEP 1.0 ON node7 CANCELLED AT 2026-12-01T22:10:00 ***
      srun: error: node7: tasks 0,2: Terminated
      """
    #expect(SrunLaunch.crashes(in: segfault).map(\.rank) == [1, 0, 2])
    #expect(SrunLaunch.crashes(in: segfault).first?.how == "signal 11 (Segmentation fault)")
    // The rank Slurm ended because another failed comes after it, even when printed first.
    let killedFirst = "srun: error: n1: tasks 0-2: Killed\nsrun: error: n1: task 3: Exited with exit code 3\n"
    #expect(SrunLaunch.crashes(in: killedFirst).map(\.rank) == [3, 0, 1, 2])
    #expect(SrunLaunch.crashes(in: killedFirst).first?.how == "exit code 3")
    // The runner's verdicts read mpirun's and srun's notices alike.
    #expect(MPIRun.crashes(in: segfault).first?.rank == 1)
    #expect(SrunLaunch.crashes(in: "srun: error: Unable to allocate resources: Invalid partition").isEmpty)
  }
}
