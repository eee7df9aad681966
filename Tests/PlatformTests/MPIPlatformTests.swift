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
    #expect(r.output.contains("caught: MPI_Bcast: MPI_ERR_ROOT"))
    #expect(r.output.contains("caught: MPI_Send: MPI_ERR_RANK"))
  }
}
