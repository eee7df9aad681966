import Foundation
import MPI
import WorkbookKit

/// `./workbook bench 16`: the four algorithms on full-HD images, against the messages alone
/// and a memory-copy floor, measured in the same run.
extension Chapter16 {
  static let benchWidth = 1920, benchHeight = 1080

  /// A synthetic partial image: the screen in 32 × 32 blocks, each drawn by this rank with
  /// probability `coverage` (all of them at 1), at a depth that varies across the block, so
  /// that z-tests go both ways.
  static func syntheticImage(rank: Int, coverage: Double, width: Int, height: Int) -> Pixels {
    var rng = SeededRandom(seed: UInt64(1600 + rank))
    var p = Pixels(count: width * height)
    for by in stride(from: 0, to: height, by: 32) {
      for bx in stride(from: 0, to: width, by: 32) {
        guard coverage >= 1 || rng.uniform(0...1) < coverage else { continue }
        let base = Float(rng.uniform(0.05...0.9))
        let colour = UInt32(truncatingIfNeeded: rng.next()) | 0xFF00_0000
        for y in by..<min(by + 32, height) {
          for x in bx..<min(bx + 32, width) {
            p.depth[y * width + x] = base + Float(x - bx + y - by) * 0.001
            p.color[y * width + x] = colour
          }
        }
      }
    }
    return p
  }

  /// The floor under any compositing of `image`: copying its bytes (colours and depths) once,
  /// the slowest rank's time, median of `rounds` after 2 warm-up rounds. Chapter 17 uses it too.
  static func copyFloor(_ image: Pixels, world: Communicator, rounds: Int) throws -> Double {
    let a = image.count
    var colourCopy = [UInt32](repeating: 0, count: a)
    var depthCopy = [Float](repeating: 0, count: a)
    var copies: [Double] = []
    for round in 0..<(rounds + 2) {
      try world.barrier()
      let start = Benchmark.now()
      colourCopy.withUnsafeMutableBufferPointer { d in
        image.color.withUnsafeBufferPointer { s in d.baseAddress!.update(from: s.baseAddress!, count: a) }
      }
      depthCopy.withUnsafeMutableBufferPointer { d in
        image.depth.withUnsafeBufferPointer { s in d.baseAddress!.update(from: s.baseAddress!, count: a) }
      }
      let slowest = try world.allReduce(Benchmark.now() - start, op: .max)
      if round >= 2 { copies.append(slowest) }
    }
    return Timings(samples: copies).median
  }

  static func bench(_ world: Communicator, _ report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let rounds = 11
    let a = benchWidth * benchHeight
    if r == 0 {
      let cores = ProcessInfo.processInfo.activeProcessorCount
      print(
        "Sort-last compositing of \(benchWidth)x\(benchHeight) RGBA8 + float depth per rank (\(Benchmark.describe(bytes: a * 8)) per "
          + "image), \(p) ranks on \(cores) cores\(p > cores ? " (oversubscribed)" : ""), release build.")
      print("Median of \(rounds) rounds after 2 warm-up rounds; a round's time is its slowest rank's.")
    }
    for coverage in [0.3, 1.0] {
      let image = syntheticImage(rank: r, coverage: coverage, width: benchWidth, height: benchHeight)
      let floor = try copyFloor(image, world: world, rounds: rounds)
      if r == 0 {
        print(
          "\n\(Int(coverage * 100)) % of each rank's pixels covered; copy floor (one image, memcpy) \(Benchmark.describe(seconds: floor))"
        )
        print(
          "   algorithm          time        messages only  most sent+received by a rank   vs gather   vs floor+messages"
        )
      }
      var results: [(String, Double, Double, Int)] = []
      for ((label, run), (_, dry)) in zip(algorithms(), algorithms(.messagesOnly)) {
        if label == "binary swap" && p & (p - 1) != 0 { continue }
        let t = try time(run, image, world: world, width: benchWidth, height: benchHeight, rounds: rounds)
        let m = try time(dry, image, world: world, width: benchWidth, height: benchHeight, rounds: rounds)
        let traffic = try world.allReduce(t.sentBytes + t.receivedBytes, op: .max)
        results.append((label, t.seconds, m.seconds, traffic))
        let key = "\(label.replacingOccurrences(of: " ", with: "-"))-\(Int(coverage * 100))pct"
        report.metric("seconds-\(key)", t.seconds, unit: "s")
        // Its floor: copying one image's bytes (the runner prints the ratio to it).
        report.metric("seconds-\(key)-floor", floor, unit: "s")
        report.metric("bytes-\(key)", Double(traffic), unit: "B")
        // What `workbook bench` sets beside IceT's numbers (IceTComparison): bytes sent by the
        // busiest rank (IceT counts only what it sends) and the messages' time alone.
        report.metric("sent-\(key)", Double(try world.allReduce(t.sentBytes, op: .max)), unit: "B")
        report.metric("messages-\(key)", m.seconds, unit: "s")
      }
      let gather = results[0].1
      if r == 0 {
        for (label, t, m, traffic) in results {
          print(
            "   " + label.padding(toLength: 19, withPad: " ", startingAt: 0)
              + Benchmark.describe(seconds: t).padding(toLength: 12, withPad: " ", startingAt: 0)
              + Benchmark.describe(seconds: m).padding(toLength: 15, withPad: " ", startingAt: 0)
              + Benchmark.describe(bytes: traffic).padding(toLength: 31, withPad: " ", startingAt: 0)
              + String(format: "%.2fx", gather / t).padding(toLength: 12, withPad: " ", startingAt: 0)
              + String(format: "%.2f", t / (floor + m)))
        }
        let within = results.allSatisfy { $0.1 <= 2 * (floor + $0.2) }
        print(
          "   goal: every algorithm within 2x of the copy floor plus its message time: \(within ? "met" : "NOT met")")
        if p == 4 && coverage < 1 {
          let best = results.filter { $0.0 == "binary swap" || $0.0 == "direct send" }.map(\.1).min() ?? .infinity
          print(
            "   goal: binary swap or direct send at least 2x faster than gather to rank 0: "
              + (gather / best >= 2 ? "met" : "NOT met") + String(format: " (%.2fx)", gather / best))
        }
      }
    }
  }
}
