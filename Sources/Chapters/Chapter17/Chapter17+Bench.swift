import Foundation
import MPI
import WorkbookKit

/// `./workbook bench 17`: chapter 16's algorithms and radix-k, with and without active-pixel
/// encoding, on full-HD images, against a memory-copy floor measured in the same run.
extension Chapter17 {
  static func bench(_ world: Communicator, _ report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let (w, h) = (Chapter16.benchWidth, Chapter16.benchHeight)
    let a = w * h
    let rounds = 21
    if r == 0 {
      let cores = ProcessInfo.processInfo.activeProcessorCount
      print(
        "Compositing \(w)x\(h) RGBA8 + Float depth per rank (\(Benchmark.describe(bytes: a * 8)) per image), \(p) ranks "
          + "on \(cores) cores\(p > cores ? " (oversubscribed)" : ""), release build.")
      print(
        "Median of \(rounds) frames after 2 warm-up frames; a frame's time is its slowest rank's; bytes are the most "
          + "one rank sent plus received in a frame.")
    }
    for coverage in [0.3, 1.0] {
      let image = Chapter16.syntheticImage(rank: r, coverage: coverage, width: w, height: h)
      let floor = try Chapter16.copyFloor(image, world: world, rounds: rounds)
      // Each result's metric key (see below) beside its printed label.
      var results: [(label: String, key: String, seconds: Double, bytes: Int, sent: Int)] = []
      let slug = { (text: String) in text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-") }
      for (label, run) in Chapter16.algorithms() {
        if label == "binary swap" && p & (p - 1) != 0 { continue }
        let t = try Chapter16.time(run, image, world: world, width: w, height: h, rounds: rounds)
        let bytes = try world.allReduce(t.sentBytes + t.receivedBytes, op: .max)
        let sent = try world.allReduce(t.sentBytes, op: .max)
        results.append(("16: " + label, "16-" + slug(label), t.seconds, bytes, sent))
      }
      for (label, f) in labelledFactorisations(p) {
        for (encoding, rle) in [("active pixels", fastRLE), ("raw", rawZ)] {
          let t = try time(world, rounds: rounds) { link in
            Benchmark.blackHole(
              try radixK(image, link: link, schedule: referenceSchedule(r, f), rle: rle, blend: zBlend))
          }
          // Keyed by the first k the factorisation stands for, not by the factorisation, so
          // that a series (radix-k with k = 2, say) keeps its name from one P to the next.
          let k = label.components(separatedBy: ", ")[0]
          results.append(
            (
              "17: radix-k \(f) (\(label)), \(encoding)", "17-radix-k-\(slug(k))-\(slug(encoding))", t.seconds, t.bytes,
              t.sent
            ))
        }
      }
      let pct = Int(coverage * 100)
      for (_, key, seconds, bytes, sent) in results {
        // "16-binary-swap", "17-radix-k-k-2-raw": the names `workbook bench` reads
        // (seconds-ALGO-NNpct, its -floor, sent-ALGO-NNpct) to set IceT beside these.
        report.metric("seconds-\(key)-\(pct)pct", seconds, unit: "s")
        report.metric("seconds-\(key)-\(pct)pct-floor", floor, unit: "s")
        report.metric("bytes-\(key)-\(pct)pct", Double(bytes), unit: "B")
        report.metric("sent-\(key)-\(pct)pct", Double(sent), unit: "B")
      }
      guard r == 0 else { continue }
      let gather = results[0].seconds
      print(
        "\n\(pct) % of each rank's pixels covered; copy floor (one image, memcpy) \(Benchmark.describe(seconds: floor))"
      )
      print("   algorithm                                           time        bytes per rank   vs gather   vs floor")
      for (label, _, seconds, bytes, _) in results {
        print(
          "   " + label.padding(toLength: 52, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: seconds).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(bytes: bytes).padding(toLength: 17, withPad: " ", startingAt: 0)
            + String(format: "%.2fx", gather / seconds).padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(format: "%.1fx", seconds / floor))
      }
      let best = results.min { $0.seconds < $1.seconds }!
      print("   fastest: \(best.label)")
    }
  }
}
