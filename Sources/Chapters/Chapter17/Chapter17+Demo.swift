import Foundation
import Imaging
import MPI
import VTK
import WorkbookContract
import WorkbookKit

/// Chapter 17's demo (`./workbook run 17`) and benchmark (`./workbook bench 17`).
extension Chapter17 {
  /// The demo: every rank splats its share of the spheres; radix-k composites them with k = 2,
  /// k = P and k = 3, with and without active-pixel encoding, timed and counted; then the
  /// translucent k-d pieces are blended in visibility order. Writes the pictures to the output
  /// directory. `--bench` runs the benchmark instead.
  public static func demo() -> Never {
    let arguments = CommandLine.arguments
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in
      if arguments.contains("--bench") {
        try bench(world, &report)
      } else {
        try tour(world, &report)
      }
    }
  }

  static let demoWidth = 640, demoHeight = 480, demoObjects = 400

  /// Median over `rounds` (after two warm-ups) of the slowest rank's seconds, and the most
  /// bytes one rank sent plus received in one round.
  static func time(_ world: Communicator, rounds: Int, _ body: (Link) throws -> Void) throws -> (
    seconds: Double, bytes: Int, sent: Int
  ) {
    var samples: [Double] = []
    var (bytes, sent) = (0, 0)
    for round in 0..<(rounds + 2) {
      let link = Link(try world.duplicate())
      try world.barrier()
      let start = Benchmark.now()
      try body(link)
      let slowest = try world.allReduce(Benchmark.now() - start, op: .max)
      if round >= 2 { samples.append(slowest) }
      bytes = try world.allReduce(link.bytesSent + link.bytesReceived, op: .max)
      sent = try world.allReduce(link.bytesSent, op: .max)
    }
    return (Timings(samples: samples).median, bytes, sent)
  }

  /// The factorisations the demo and the benchmark compare at `p` ranks, labelled.
  static func labelledFactorisations(_ p: Int) -> [(String, [Int])] {
    var out: [(String, [Int])] = []
    for (label, k) in [("k = 2", 2), ("k = P", max(p, 2)), ("k = 3", 3)] {
      let f = factors(ranks: p, k: k)
      if let i = out.firstIndex(where: { $0.1 == f }) {
        out[i].0 += ", " + label
      } else {
        out.append((label, f))
      }
    }
    return out
  }

  static func tour(_ world: Communicator, _ report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let image = opaqueSplats(objects(rank: r, ranks: p, count: demoObjects), width: demoWidth, height: demoHeight)
    let a = demoWidth * demoHeight
    let covered = try world.allReduce(image.depth.filter { $0 < 1 }.count, op: .max)
    if r == 0 {
      print(
        "Each of \(p) ranks splats its share of \(demoObjects) spheres (id % \(p) == rank) at \(demoWidth)x\(demoHeight); "
          + "the busiest rank covers \(covered) of \(a) pixels (\(covered * 100 / a) %).")
      print(
        "\nRadix-k, opaque z-compositing (median of 5 rounds, slowest rank; bytes = most one rank sent + received):")
      print("   factors                   encoding        time        bytes per rank")
    }
    for (label, f) in labelledFactorisations(p) {
      for (encoding, rle) in [("active pixels", fastRLE), ("raw", rawZ)] {
        let t = try time(world, rounds: 5) { link in
          Benchmark.blackHole(
            try radixK(image, link: link, schedule: referenceSchedule(r, f), rle: rle, blend: zBlend))
        }
        if r == 0 {
          print(
            "   " + "\(f) (\(label))".padding(toLength: 26, withPad: " ", startingAt: 0)
              + encoding.padding(toLength: 16, withPad: " ", startingAt: 0)
              + Benchmark.describe(seconds: t.seconds).padding(toLength: 12, withPad: " ", startingAt: 0)
              + Benchmark.describe(bytes: t.bytes))
        }
        let key = "\(f.map(String.init).joined(separator: "x"))-\(encoding == "raw" ? "raw" : "rle")"
        report.metric("seconds-\(key)", t.seconds, unit: "s")
        report.metric("bytes-\(key)", Double(t.bytes), unit: "B")
      }
    }

    // The opaque composite (k = 2) and the translucent one (k = P), assembled at rank 0.
    let out = Harness.outputDirectory(chapter: name)
    let z = try radixK(
      image, link: Link(try world.duplicate()), schedule: referenceSchedule(r, factors(ranks: p, k: 2)),
      rle: fastRLE, blend: zBlend)
    let glass = translucentSplats(
      visibilityParts(ranks: p, count: demoObjects)[r], width: demoWidth, height: demoHeight)
    let blended = try radixK(
      glass, link: Link(try world.duplicate()), schedule: referenceSchedule(r, [p]),
      rle: .runs(referenceEncodeRuns, referenceDecodeRuns), blend: overBlend(referenceOver))
    let zParts = try assemble(z, world: world, count: a)
    let glassParts = try assemble(blended, world: world, count: a)
    let all = try world.gatherVarying(glass.rgba)
    guard case .success(let zs)? = zParts, case .success(let gs)? = glassParts, let all else { return }
    let opaque = Pixels(color: zs.flatMap(\.color), depth: zs.flatMap(\.depth))
    let bytes = opaque.color.withUnsafeBytes { Array($0) }
    // Both pictures are composites of splats, not renders: their captions are stamped on.
    let opaqueCaption = Labels.topLeft("opaque: radix-k z-composite, k = 2, \(p) ranks", height: demoHeight)
    try Labels.stamp(RGBAImage(width: demoWidth, height: demoHeight, pixels: bytes).opaque(), [opaqueCaption])
      .writePNG(to: "\(out)/opaque-k2.png")
    let levels = Translucent(rgba: gs.flatMap(\.rgba)).levels
    let serial = serialOver(all.map { Translucent(rgba: $0) }).levels
    let worst = zip(levels, serial).map { abs(Int($0) - Int($1)) }.max() ?? 0
    let off = zip(levels, serial).filter { $0 != $1 }.count
    let glassCaption = Labels.topLeft("translucent: radix-k over-blend, k = \(p), \(p) ranks", height: demoHeight)
    try Labels.stamp(onBlack(levels), [glassCaption]).writePNG(to: "\(out)/translucent-kP.png")
    print(
      "\nTranslucent k-d pieces (rank 0 nearest), blended with over by radix-k [\(p)] in Float: against the serial "
        + "back-to-front blend, \(off) of \(levels.count) channel values differ, by at most \(worst) level.")
    report.metric("translucent-max-difference", Double(worst), unit: "levels")
    print("Wrote \(out)/opaque-k2.png and translucent-kP.png.")
  }

  /// Premultiplied RGBA8 levels shown over black: the colour is already multiplied by alpha.
  static func onBlack(_ levels: [UInt8]) -> RGBAImage {
    var px = levels
    for i in stride(from: 3, to: px.count, by: 4) { px[i] = 255 }
    return RGBAImage(width: demoWidth, height: levels.count / 4 / demoWidth, pixels: px)
  }
}
