import Foundation
import MPI
import VTK
import WorkbookKit

/// Chapter 08, hello MPI: processes, ranks and communicators; output order; the same job seen
/// through VTK's `vtkMPIController`.
public enum Chapter08 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "08-mpi-hello"

  /// The learner's four functions.
  public struct Learner {
    /// This process's rank in `world` and the number of processes.
    public var whoAmI: (Communicator) -> (rank: Int, size: Int)
    /// At rank 0: every rank's greeting, in rank order; nil elsewhere.
    public var greetingsInOrder: (String, Communicator) throws -> [String]?
    /// Rank and size as VTK's controller reports them.
    public var vtkRankAndSize: (MPIController) -> (rank: Int, size: Int)
    /// The sum of every rank's `value`, through VTK's controller, on every rank.
    public var vtkTotal: (Double, MPIController) -> Double

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      whoAmI: @escaping (Communicator) -> (rank: Int, size: Int),
      greetingsInOrder: @escaping (String, Communicator) throws -> [String]?,
      vtkRankAndSize: @escaping (MPIController) -> (rank: Int, size: Int),
      vtkTotal: @escaping (Double, MPIController) -> Double
    ) {
      self.whoAmI = whoAmI
      self.greetingsInOrder = greetingsInOrder
      self.vtkRankAndSize = vtkRankAndSize
      self.vtkTotal = vtkTotal
    }
  }

  /// Rank `rank`'s greeting. Lengths differ by rank on purpose (a fixed-size buffer breaks).
  public static func greeting(rank: Int, size: Int) -> String {
    "rank \(rank) of \(size) says " + String(repeating: "hello ", count: rank + 1).trimmingCharacters(in: .whitespaces)
  }

  /// What rank `rank` contributes to the VTK sum: distinct per rank, exact in binary.
  static func contribution(rank: Int) -> Double { Double(rank * rank) + 0.5 }

  /// What the launcher told this process about itself: mpirun's `OMPI_COMM_WORLD_RANK` and
  /// `OMPI_COMM_WORLD_SIZE`, or else srun's `SLURM_PROCID` and `SLURM_STEP_NUM_TASKS` (a rank
  /// started by srun gets no OMPI_COMM_WORLD_* variables): a source independent of
  /// MPI_Comm_rank and MPI_Comm_size. mpirun's come first, since a job mpirun starts inside a
  /// Slurm allocation inherits the allocation's SLURM_* variables.
  static func launcherView() -> (rank: Int?, size: Int?) {
    let env = ProcessInfo.processInfo.environment
    if let rank = env["OMPI_COMM_WORLD_RANK"].flatMap({ Int($0) }) {
      return (rank, env["OMPI_COMM_WORLD_SIZE"].flatMap { Int($0) })
    }
    return (env["SLURM_PROCID"].flatMap { Int($0) }, env["SLURM_STEP_NUM_TASKS"].flatMap { Int($0) })
  }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let launcher = launcherView()
      let me = learner.whoAmI(world)
      report.add(
        Checks.that(
          "rank-and-size", me.rank == launcher.rank && me.size == launcher.size,
          expected:
            "rank \(launcher.rank.map(String.init) ?? "?") of \(launcher.size.map(String.init) ?? "?") (what the launcher says)",
          got: "rank \(me.rank) of \(me.size)"))

      Harness.announce("greetingsInOrder")
      let ordered = try learner.greetingsInOrder(greeting(rank: world.rank, size: world.size), world)
      if world.rank == 0 {
        let expected = (0..<world.size).map { greeting(rank: $0, size: world.size) }
        let got = ordered ?? []
        let firstBad = expected.indices.first { $0 >= got.count || got[$0] != expected[$0] }
        report.add(
          Checks.that(
            "ordered-greetings", got == expected,
            expected: "\(expected.count) greetings, rank 0's first",
            got: "\(got.count) greeting\(got.count == 1 ? "" : "s")",
            detail: firstBad.map { i in
              "line \(i) should be \"\(expected[i])\", is \(i < got.count ? "\"\(got[i])\"" : "missing")"
            }))
      } else {
        // The contract is "the greetings at rank 0, nil elsewhere": an allgather is not the point.
        report.add(
          Checks.that(
            "ordered-greetings", ordered == nil, expected: "nil on ranks other than 0",
            got: ordered.map { "\($0.count) greetings on rank \(world.rank)" } ?? "nil"))
      }

      let controller = MPIController()
      defer { controller.finalize() }
      let vtk = learner.vtkRankAndSize(controller)
      report.add(
        Checks.that(
          "vtk-rank-and-size", vtk.rank == world.rank && vtk.size == world.size,
          expected: "rank \(world.rank) of \(world.size) (as MPI_Comm_rank and MPI_Comm_size say)",
          got: "rank \(vtk.rank) of \(vtk.size)"))
      let total = learner.vtkTotal(contribution(rank: world.rank), controller)
      let serial = (0..<world.size).map(contribution(rank:)).reduce(0, +)
      report.add(Checks.close("vtk-total", expected: serial, got: total, absolute: 1e-9))
      try world.barrier()
    }
  }
}
