import Foundation
import Imaging
import MPI
import WorkbookKit

/// Chapter 10's demo: the rod over time as a picture, and whether overlapping communication
/// with computation pays on this machine.
extension Chapter10 {
  /// The demo: the rod over time as an image, and three ways to exchange a wide halo, timed.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try run(world, &report)
    }
  }

  static func run(_ world: Communicator, _ report: inout Report) throws {
    try rodPicture(world, &report)
    try overlap(world, &report)
  }

  /// 400 steps of the rod; every second step becomes a row of the picture (time runs down).
  static func rodPicture(_ world: Communicator, _ report: inout Report) throws {
    let n = Chapter10.rodLength
    let (start, count) = Chapter10.block(rank: world.rank, size: world.size, total: n)
    let slab = Chapter10.Slab(
      start: start, cells: Array(Chapter10.initialRod(n)[start..<start + count]), rank: world.rank,
      size: world.size)
    let learner = Chapter10.reference
    var rows: [[Double]] = []
    for s in 0..<400 {
      if s % 2 == 0, let all = try world.gatherVarying(slab.cells) { rows.append(all.flatMap { $0 }) }
      _ = try Chapter10.step(slab, world, learner)
    }
    let matches = try world.allReduce(
      slab.cells == Array(Chapter10.serialRod(steps: 400)[start..<start + count]), op: .logicalAnd)
    report.add(
      Checks.that(
        "demo-rod-matches-serial", matches, expected: "the parallel rod equals the serial one after 400 steps",
        got: matches ? "equal" : "different"))
    guard world.rank == 0 else { return }
    var image = RGBAImage(width: n, height: rows.count, fill: RGBA(0, 0, 0))
    for (y, row) in rows.enumerated() {
      for x in 0..<n {
        // Square root stretches the faint tails of the heat; blue is cold, red hot.
        let t = min(1, (row[x] / 20).squareRoot())
        image[x, y] = RGBA(UInt8(255 * t), UInt8(60 * (1 - t)), UInt8(255 * (1 - t)))
      }
    }
    // Rank borders as white ticks along the top.
    for r in 1..<world.size {
      let x = Chapter10.block(rank: r, size: world.size, total: n).start
      for y in 0..<min(6, image.height) { image[x, y] = RGBA(255, 255, 255) }
    }
    let path = Harness.outputDirectory(chapter: Chapter10.name) + "/rod.png"
    try image.writePNG(to: path)
    print("1. The rod (\(n) cells on \(world.size) ranks; white ticks mark the rank borders) over 400 steps: \(path)")
  }

  /// Exchanging a 2 MiB halo each way while computing on 16 Mi cells: blocking, non-blocking,
  /// and non-blocking with progress calls during the computation.
  static func overlap(_ world: Communicator, _ report: inout Report) throws {
    let halo = 262_144
    let interior = 1 << 22
    let left = (world.rank + world.size - 1) % world.size
    let right = (world.rank + 1) % world.size
    let leftValues = [Double](repeating: 1, count: halo)
    let rightValues = [Double](repeating: 2, count: halo)
    let outgoingLeft = MPIBuffer(leftValues)
    let outgoingRight = MPIBuffer(rightValues)
    let incomingLeft = MPIBuffer<Double>(count: halo)
    let incomingRight = MPIBuffer<Double>(count: halo)
    var field = [Double](repeating: 0.5, count: interior)
    var sink = 0.0

    func compute(_ range: Range<Int>) {
      field.withUnsafeMutableBufferPointer { f in
        for i in range { f[i] = f[i] * 0.999 + 0.001 }
      }
    }
    func post() throws -> [Request] {
      [
        try world.ireceive(into: incomingLeft, from: left, tag: 1),
        try world.ireceive(into: incomingRight, from: right, tag: 2),
        try world.isend(outgoingRight, to: right, tag: 1), try world.isend(outgoingLeft, to: left, tag: 2),
      ]
    }
    let variants: [(String, () throws -> Void)] = [
      (
        "blocking: sendReceive, then compute",
        {
          try world.sendReceive(rightValues, to: right, sendTag: 1, into: &sinkArray, from: left, receiveTag: 1)
          try world.sendReceive(leftValues, to: left, sendTag: 2, into: &sinkArray, from: right, receiveTag: 2)
          compute(0..<interior)
        }
      ),
      (
        "non-blocking: start, compute, wait",
        {
          let requests = try post()
          compute(0..<interior)
          try Request.waitAll(requests)
        }
      ),
      (
        "non-blocking + testAll every 1/16 of the work",
        {
          let requests = try post()
          let chunk = interior / 16
          for k in 0..<16 {
            compute(k * chunk..<(k + 1) * chunk)
            _ = try Request.testAll(requests)
          }
          try Request.waitAll(requests)
        }
      ),
      ("compute only (no communication)", { compute(0..<interior) }),
    ]
    var samples = [[Double]](repeating: [], count: variants.count)
    for round in 0..<11 {
      for k in 0..<variants.count {
        let v = (k + round) % variants.count
        try world.barrier()
        let t = Benchmark.time { try? variants[v].1() }
        // A step is as slow as its slowest rank.
        let slowest = try world.allReduce(t, op: .max)
        if round > 0 { samples[v].append(slowest) }
      }
    }
    sink += field[0]
    guard world.rank == 0 else { return }
    print(
      "\n2. One step with a 2 MiB halo each way and 4 Mi cells of work per rank, \(world.size) ranks on \(ProcessInfo.processInfo.activeProcessorCount) cores"
    )
    print("   (median of 10 runs after one warm-up, slowest rank per run; release build):")
    let medians = samples.map { Timings(samples: $0).median }
    for (k, v) in variants.enumerated() {
      print("   " + v.0.padding(toLength: 48, withPad: " ", startingAt: 0) + Benchmark.describe(seconds: medians[k]))
      report.metric(
        "step-\(["blocking", "nonblocking", "nonblocking-test", "compute-only"][k])", medians[k] * 1e3, unit: "ms")
    }
    print("   On one machine MPI moves the halo by copying memory with the CPUs that also compute, so there is")
    print(
      "   little to hide; with a network card doing the transfer, the same code hides it. (sink \(sink > 0 ? "ok" : "?"))"
    )
  }

  // Unchecked: a receive buffer the demo writes from one thread and never reads.
  nonisolated(unsafe) static var sinkArray = [Double](repeating: 0, count: 262_144)
}
