import Foundation
import Testing
import Launch
import WorkbookRunner

@Suite struct BuildOutputTests {
  @Test func findsErrorsWithFileLineAndColumn() {
    let log = """
      [3/9] Compiling exercise06 Culling.swift
      /work/main/exercises/06-frustum-culling/Culling.swift:12:5: error: cannot find 'plane' in scope
       10 |   func f() {
       11 |
       12 |     plane.x = 1
          |     `- error: cannot find 'plane' in scope
      /work/main/exercises/06-frustum-culling/Culling.swift:12:5: error: cannot find 'plane' in scope
      /work/main/Sources/X.swift:3:1: warning: unused
      """
    let errors = Builder.parseErrors(log)
    #expect(errors.count == 1)
    #expect(errors[0].line == 12 && errors[0].column == 5)
    #expect(errors[0].file.hasSuffix("Culling.swift"))
    #expect(errors[0].message == "cannot find 'plane' in scope")
  }
}

@Suite struct MPIRunTests {
  @Test func argumentsAreAnArrayWithTheSettings() {
    let args = MPIRun(extraArguments: ["--hostfile", "hosts"]).arguments(ranks: 3, timeLimit: 20, program: "/bin/x", programArguments: ["a b"])
    #expect(args.contains("--oversubscribe"))
    #expect(args[args.firstIndex(of: "-n")! + 1] == "3")
    #expect(args[args.firstIndex(of: "--timeout")! + 1] == "30")
    #expect(args[args.firstIndex(of: "--hostfile")! + 1] == "hosts")
    #expect(args.last == "a b" && args[args.count - 2] == "/bin/x")
    let env = MPIRun().environment(["OMPI_MCA_btl": "self,tcp"])
    #expect(env["OMPI_MCA_btl"] == "self,tcp")
    #expect(env["OMPI_MCA_pml"] == "ob1")
  }

  @Test func parsesCrashReports() {
    let signal = "mpirun noticed that process rank 1 with PID 4242 on node vm exited on signal 11 (Segmentation fault)."
    #expect(MPIRun.crashes(in: signal).first?.rank == 1)
    #expect(MPIRun.crashes(in: signal).first?.how == "signal 11 (Segmentation fault)")
    let exit = "The first process to do so was:\n\n  Process name: [[17851,1],2]\n  Exit code:    3\n"
    #expect(MPIRun.crashes(in: exit).first?.rank == 2)
    #expect(MPIRun.crashes(in: exit).first?.how == "exit code 3")
    let abort = "MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD\nwith errorcode 2."
    #expect(MPIRun.crashes(in: abort).first?.rank == 0)
    #expect(MPIRun.crashes(in: "all fine").isEmpty)
  }
}
