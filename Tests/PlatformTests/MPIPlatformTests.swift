import Foundation
import Launch
import Testing
import WorkbookTestSupport

/// MPI, GLFW and the headless display, through the real programs.
@Suite(.serialized) struct MPIPlatformTests {
  @Test(arguments: [2, 3])
  func allreduceGivesTheSumOfRanks(ranks: Int) throws {
    let r = try mpirunProbe(ranks: ranks, ["mpi-allreduce"])
    #expect(r.termination == .exited(0), "\(r.output)")
    let expected = Double(ranks * (ranks + 1) / 2)
    #expect(r.output.contains("allreduce size=\(ranks) sum=\(expected) expected=\(expected) max-rank=\(ranks - 1)"))
  }

  @Test func invalidArgumentsBecomeSwiftErrors() throws {
    let r = try mpirunProbe(ranks: 2, ["mpi-errors"])
    #expect(r.termination == .exited(0), "\(r.output)")
    // Each error names the MPI function, its class, and the caller's line (the probe's).
    #expect(r.output.contains("caught: MPI_Bcast failed: MPI_ERR_ROOT"), "\(r.output)")
    #expect(r.output.contains("caught: MPI_Send failed: MPI_ERR_RANK"), "\(r.output)")
    #expect(r.output.contains("in broadcast at main.swift:"), "\(r.output)")
  }
}
