import Foundation
import Launch
import MPI
import Testing
import WorkbookTestSupport

let selftest = TestSupport.program("mpi-selftest")

/// Runs `program` (the self-test by default) under mpirun with the runner's settings.
func mpirun(_ ranks: Int, _ program: String = selftest, _ args: [String] = [], timeout: Double = 180) throws
  -> ProcessResult
{
  try TestSupport.mpirun(ranks, program, args, timeout: timeout)
}

/// Every wrapped MPI call, with a result check, in real MPI processes at 1–4 ranks. The checks
/// themselves run inside mpi-selftest (each rank compares with a serial computation); here we
/// make sure every case ran and passed, and none was skipped where it should run.
@Suite(.serialized) struct MPIModuleTests {
  /// The case names, independently of the program: a case that silently disappeared from the
  /// program must fail this test, not pass it.
  static let cases = [
    "environment", "environment-thread-level", "communicator", "send-receive", "buffers-status-count",
    "synchronous-and-probe", "sendrecv-ring", "isend-ireceive-ring", "wait-all-any-test", "issend-needs-receiver",
    "request-batch", "mpibuffer", "cancel", "broadcast", "scatter-gather", "all-to-all", "reductions", "custom-ops",
    "datatype-layout",
    "datatype-column-and-halo", "datatype-scatter-columns", "datatype-structs-and-simd", "split-and-groups",
    "cartesian", "errors-invalid-arguments", "errors-truncated-receive", "errors-descriptions",
  ]
  /// Cases that need a partner rank.
  static let needTwo: Set = [
    "send-receive", "buffers-status-count", "synchronous-and-probe", "issend-needs-receiver",
    "errors-truncated-receive",
  ]

  @Test func programListsExactlyTheseCases() throws {
    let r = try runProcess(selftest, ["--list"], timeout: 30)
    #expect(r.termination == .exited(0))
    #expect(r.output.split(separator: "\n").map(String.init) == Self.cases)
  }

  @Test(arguments: [1, 2, 3, 4])
  func everyWrappedCallPasses(ranks: Int) throws {
    let r = try mpirun(ranks)
    #expect(r.termination == .exited(0), "\(r.output.suffix(4000))")
    for name in Self.cases {
      if ranks == 1 && Self.needTwo.contains(name) {
        #expect(r.output.contains("skip \(name) [1 ranks]"), "\(name) should be skipped at 1 rank")
      } else {
        #expect(r.output.contains("ok \(name) [\(ranks) ranks]"), "\(name) did not pass at \(ranks) ranks")
      }
    }
    #expect(!r.output.contains("FAIL"), "\(r.output.suffix(4000))")
  }

  @Test func unknownCaseIsRejected() throws {
    let r = try mpirun(1, selftest, ["no-such-case"], timeout: 60)
    #expect(r.termination != .exited(0))
    #expect(r.output.contains("unknown case"))
  }

  /// A request that goes out of scope while active stops the program with a message naming
  /// the operation, and mpirun ends the whole job.
  @Test func droppedRequestStopsTheJobLoudly() throws {
    let r = try mpirun(2, selftest, ["drop-request"], timeout: 60)
    #expect(!r.timedOut)
    #expect(r.termination != .exited(0))
    #expect(
      r.output.contains("MPI request dropped before it completed: MPI_Irecv from rank 1, tag 99"),
      "\(r.output.prefix(3000))")
    #expect(!r.output.contains("not reached"))
  }

  /// The same for a batch: dropping it with active operations is reported with their number.
  @Test func droppedBatchStopsTheJobLoudly() throws {
    let r = try mpirun(2, selftest, ["drop-batch"], timeout: 60)
    #expect(!r.timedOut)
    #expect(r.termination != .exited(0))
    #expect(
      r.output.contains("RequestBatch dropped with 2 of its 2 operations still active"), "\(r.output.prefix(3000))")
    #expect(!r.output.contains("not reached"))
  }

  /// With MPI_ERRORS_ARE_FATAL, the same invalid send that throws by default ends the job.
  /// Open MPI 4.1 exits with the error class as the status. (Its "An error occurred in
  /// MPI_Send" message goes through mpirun's help system, which loses it in some runs when the
  /// processes are killed quickly; the exit status is what is reliable.)
  @Test func fatalErrorHandlerEndsTheJob() throws {
    let r = try mpirun(2, selftest, ["fatal-error"], timeout: 60)
    #expect(!r.timedOut)
    #expect(r.termination == .exited(ErrorClass.rank.rawValue), "\(r.output.prefix(3000))")
    #expect(!r.output.contains("not reached"))
  }

  /// MPI_Abort on one rank ends every rank, even those blocked in a barrier, with its code.
  /// (mpirun's "MPI_ABORT was invoked on rank N" notice is lost in some runs, as above.)
  @Test func abortEndsEveryRankWithItsCode() throws {
    let r = try mpirun(3, selftest, ["abort"], timeout: 60)
    #expect(!r.timedOut)
    #expect(r.termination == .exited(7), "\(r.output.prefix(3000))")
    #expect(!r.output.contains("not reached"))
  }
}
