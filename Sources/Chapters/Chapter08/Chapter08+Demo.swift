import Foundation
import MPI
import VTK
import WorkbookKit

/// Chapter 08's demo.
extension Chapter08 {
  /// The demo: hellos straight to the terminal (in whatever order they arrive), the same
  /// hellos gathered in order, and VTK's view of the job.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let r = world.rank
      let n = world.size
      if r == 0 {
        print(
          "Open MPI: \(Environment.libraryVersion.split(separator: ",").first ?? ""), MPI \(Environment.standardVersion.major).\(Environment.standardVersion.minor)"
        )
        print("\n1. Every rank prints its own line; mpirun forwards them as they come, in no set order:")
      }
      fflush(nil)
      try world.barrier()
      print("   hello from rank \(r) of \(n), process \(getpid()) on \(Environment.processorName)")
      fflush(nil)
      try world.barrier()
      // Taking turns with barriers orders the calls to print, not the arrival of the lines at
      // mpirun's terminal: this may still come out shuffled.
      if r == 0 { print("\n2. Ranks take turns (a barrier between turns); the lines may still arrive shuffled:") }
      fflush(nil)
      for turn in 0..<n {
        try world.barrier()
        if turn == r {
          print("   turn \(turn): rank \(r)")
          fflush(nil)
        }
      }
      try world.barrier()
      // The reliable way: send the lines to one rank, which prints them.
      let line = greeting(rank: r, size: n)
      let lines = try world.gatherVarying(Array(line.utf8))
      if let lines {
        print("\n3. Gathered at rank 0 (MPI_Gatherv), printed by rank 0 alone, always in rank order:")
        for bytes in lines { print("   " + String(decoding: bytes, as: UTF8.self)) }
      }
      // VTK's controller sees the same job.
      let controller = MPIController()
      defer { controller.finalize() }
      let sum = controller.allReduceSum(Double(r))
      controller.barrier()
      let agrees = try world.allReduce(controller.rank == r && controller.size == n, op: .logicalAnd)
      if r == 0 {
        print(
          "\n4. vtkMPIController: GetLocalProcessId = \(controller.rank), GetNumberOfProcesses = \(controller.size);")
        print(
          "   AllReduce(SUM) of the ranks = \(sum) (MPI says \(n * (n - 1) / 2)); VTK and MPI agree on every rank: \(agrees)"
        )
      }
      report.add(
        Checks.that(
          "demo-vtk-agrees", agrees && sum == Double(n * (n - 1) / 2),
          expected: "VTK's rank, size and sum equal MPI's", got: agrees ? "equal" : "different"))
      report.metric("processes", Double(n), unit: "ranks")
    }
  }
}
