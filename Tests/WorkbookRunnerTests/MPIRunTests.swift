import Foundation
import Launch
import Testing
import WorkbookRunner

@Suite struct MPIRunTests {
  @Test func argumentsAreAnArrayWithTheSettings() {
    let args = MPIRun(extraArguments: ["--hostfile", "hosts"]).arguments(
      ranks: 3, timeLimit: 20, program: "/bin/x", programArguments: ["a b"])
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

  @Test func hostfileJobsArePinnedToTheInterfacesThatReachTheirHosts() throws {
    let file = NSTemporaryDirectory() + "hosts-\(UUID().uuidString)"
    try "# the class cluster\nlocalhost slots=2\n\n127.0.0.1 slots=1 # this machine again\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let run = MPIRun(extraArguments: ["--hostfile", file])
    #expect(!run.isLocal)
    #expect(run.hosts() == ["localhost", "127.0.0.1"])
    let env = run.environment(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    #expect(env["OMPI_MCA_btl_tcp_if_include"] == "lo")
    #expect(env["OMPI_MCA_oob_tcp_if_include"] == "lo")
    // A local job is isolated instead, and the user's own choice always wins.
    #expect(MPIRun().isLocal)
    let chosen = run.environment(["OMPI_MCA_btl_tcp_if_include": "eth1"])
    #expect(chosen["OMPI_MCA_btl_tcp_if_include"] == "eth1")
  }
}
