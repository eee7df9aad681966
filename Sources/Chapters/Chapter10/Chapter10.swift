import Foundation
import MPI
import WorkbookKit

/// Chapter 10, non-blocking communication: a 1-D heat rod split over the ranks, whose halo
/// exchange is started before the interior is computed and finished after.
public enum Chapter10 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "10-nonblocking"

  /// One rank's piece of a periodic rod: its cells and one ghost cell on each side holding the
  /// neighbours' edge values.
  public final class Slab {
    /// Global index of `cells[0]`.
    public let start: Int
    /// The temperatures of the cells this rank owns.
    public var cells: [Double]
    /// Copy of the left neighbour's last cell (after an exchange).
    public var leftGhost: Double = .nan
    /// Copy of the right neighbour's first cell (after an exchange).
    public var rightGhost: Double = .nan
    /// Ranks of the neighbours on the ring of ranks.
    public let leftNeighbour: Int
    /// The right neighbour's rank (rank + 1, wrapping around).
    public let rightNeighbour: Int

    init(start: Int, cells: [Double], rank: Int, size: Int) {
      self.start = start
      self.cells = cells
      leftNeighbour = (rank + size - 1) % size
      rightNeighbour = (rank + 1) % size
    }
  }

  /// An exchange in flight: its requests and the buffers the ghost values arrive in.
  public struct PendingHalo {
    /// Every request the exchange started; `finishHalo` must complete all of them, sends included.
    public var requests: [Request]
    /// Where the left neighbour's last cell arrives.
    public var fromLeft: MPIBuffer<Double>
    /// Where the right neighbour's first cell arrives.
    public var fromRight: MPIBuffer<Double>

    /// An exchange from its requests and receive buffers.
    public init(requests: [Request], fromLeft: MPIBuffer<Double>, fromRight: MPIBuffer<Double>) {
      self.requests = requests
      self.fromLeft = fromLeft
      self.fromRight = fromRight
    }
  }

  /// The learner's two halves of the exchange.
  public struct Learner {
    /// Starts the exchange and returns at once.
    public var startHalo: (Slab, Communicator) throws -> PendingHalo
    /// Completes it and fills the slab's ghosts.
    public var finishHalo: (PendingHalo, Slab) throws -> Void

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      startHalo: @escaping (Slab, Communicator) throws -> PendingHalo,
      finishHalo: @escaping (PendingHalo, Slab) throws -> Void
    ) {
      self.startHalo = startHalo
      self.finishHalo = finishHalo
    }
  }

  /// Cells of the whole rod, and the diffusion coefficient of one explicit step.
  static let rodLength = 1001
  static let alpha = 0.25
  static let steps = 40

  /// The initial temperatures: a few hot spots, so that heat visibly crosses rank borders.
  static func initialRod(_ n: Int) -> [Double] {
    (0..<n).map { (i: Int) -> Double in
      let spot: Double = i % 97 == 3 ? 100 : 0
      return spot + Double(i % 7) * 0.125
    }
  }

  /// Cells `start ..< start + count` owned by `rank`: blocks as even as possible.
  static func block(rank: Int, size: Int, total: Int) -> (start: Int, count: Int) {
    let base = total / size
    let extra = total % size
    return (rank * base + min(rank, extra), base + (rank < extra ? 1 : 0))
  }

  /// One explicit diffusion step of cell value `c` with neighbours `l` and `r`. The serial
  /// reference and the parallel step use this same expression, so their results are identical.
  @inline(__always)
  static func updated(_ l: Double, _ c: Double, _ r: Double) -> Double { c + alpha * (l - 2 * c + r) }

  /// The serial reference: `steps` steps of the whole periodic rod.
  static func serialRod(steps: Int) -> [Double] {
    var rod = initialRod(rodLength)
    let n = rod.count
    for _ in 0..<steps {
      rod = (0..<n).map { updated(rod[($0 + n - 1) % n], rod[$0], rod[($0 + 1) % n]) }
    }
    return rod
  }

  /// One step on a slab with the learner's exchange: start, interior, finish, edges.
  static func step(_ slab: Slab, _ world: Communicator, _ learner: Learner) throws -> PendingHalo {
    Harness.announce("halo exchange: startHalo then finishHalo")
    let pending = try learner.startHalo(slab, world)
    let c = slab.cells
    let n = c.count
    var next = c
    // The interior needs no ghost: it is computed while the halo travels.
    if n > 2 { for i in 1..<(n - 1) { next[i] = updated(c[i - 1], c[i], c[i + 1]) } }
    try learner.finishHalo(pending, slab)
    next[0] = updated(slab.leftGhost, c[0], n > 1 ? c[1] : slab.rightGhost)
    if n > 1 { next[n - 1] = updated(c[n - 2], c[n - 1], slab.rightGhost) }
    slab.cells = next
    return pending
  }

  /// Checks the learner's exchange at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let comm = try world.duplicate()
      let (start, count) = block(rank: world.rank, size: world.size, total: rodLength)
      let rod = initialRod(rodLength)
      let slab = Slab(start: start, cells: Array(rod[start..<start + count]), rank: world.rank, size: world.size)

      // 1. One exchange: the ghosts must hold the neighbours' edge cells.
      let pending = try learner.startHalo(slab, comm)
      try learner.finishHalo(pending, slab)
      let expectedLeft = rod[(start + rodLength - 1) % rodLength]
      let expectedRight = rod[(start + count) % rodLength]
      report.add(
        Checks.that(
          "halo-values", slab.leftGhost == expectedLeft && slab.rightGhost == expectedRight,
          expected:
            "left ghost \(expectedLeft) (rank \(slab.leftNeighbour)'s last cell), right ghost \(expectedRight) (rank \(slab.rightNeighbour)'s first)",
          got: "left \(slab.leftGhost), right \(slab.rightGhost)"))
      let firstOpen = stillOpen(pending)

      // 2. Non-blocking means: start returns before the neighbour has done anything. Rank 1
      //    starts only once it hears that rank 0's start has returned.
      let signal = try world.duplicate()
      var heard = true
      if world.rank == 1 {
        let deadline = Environment.wtime() + 5
        while try signal.probeIfAvailable(from: 0, tag: 7) == nil && Environment.wtime() < deadline { usleep(200) }
        heard = try signal.probeIfAvailable(from: 0, tag: 7) != nil
      }
      let second = try learner.startHalo(slab, comm)
      if world.rank == 0 { try signal.send(Int32(1), to: 1, tag: 7) }
      // A blocking send of one value returns at once (it is buffered), so timing alone would not
      // see it: the four transfers must each be a request.
      let kinds = second.requests.map(\.operation)
      let receives = kinds.filter { $0.hasPrefix("MPI_Irecv") }.count
      let sends = kinds.filter { $0.hasPrefix("MPI_Isend") || $0.hasPrefix("MPI_Issend") }.count
      report.add(
        Checks.that(
          "four-requests", receives == 2 && sends == 2,
          expected: "2 non-blocking receives and 2 non-blocking sends returned by startHalo",
          got: "\(receives) receive(s) and \(sends) send(s) among \(kinds.count) request(s)"))
      try learner.finishHalo(second, slab)
      if world.rank == 1 {
        _ = try signal.receive(Int32.self, from: 0, tag: 7)
        report.add(
          Checks.that(
            "start-does-not-wait", heard,
            expected: "rank 0's startHalo returns while rank 1 has not started yet",
            got: heard ? "it did" : "rank 0 was still inside startHalo after 5 s: it waited for rank 1",
            detail: heard
              ? nil
              : "startHalo must only start the transfers (isend / ireceive) and return; waiting belongs in finishHalo"))
      }
      let open = firstOpen + stillOpen(second)
      report.add(
        Checks.that(
          "requests-completed", open.isEmpty, expected: "every request complete after finishHalo",
          got: open.isEmpty ? "all complete" : "\(open.count) still active: \(open.joined(separator: "; "))"))

      // 3. The learner's exchange inside the time loop: the rod after `steps` steps equals the
      //    serial computation of the whole rod.
      slab.cells = Array(rod[start..<start + count])
      for _ in 0..<steps {
        let p = try step(slab, comm, learner)
        try Request.waitAll(p.requests)
      }
      let serial = Array(serialRod(steps: steps)[start..<start + count])
      report.add(Checks.allClose("rod-after-steps", expected: serial, got: slab.cells, absolute: 1e-12))
      report.metric("cells-on-rank-0", Double(block(rank: 0, size: world.size, total: rodLength).count), unit: "cells")
      try world.barrier()
    }
  }

  /// The requests finishHalo left active, described; completes them so the program can go on
  /// (an active request that is dropped stops the program).
  static func stillOpen(_ pending: PendingHalo) -> [String] {
    let open = pending.requests.filter { !$0.isComplete }
    let described = open.map(\.operation)
    _ = try? Request.waitAll(open)
    return described
  }
}
