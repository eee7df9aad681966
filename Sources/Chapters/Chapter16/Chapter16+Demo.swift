import Foundation
import Imaging
import MPI
import VTK
import Window
import WorkbookContract
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 16's demo (`./workbook run 16`) and benchmark (`./workbook bench 16`).
extension Chapter16 {
  /// The demo: every rank renders its share of the scene, the four algorithms composite it,
  /// timed and counted; rank 0 shows the composite in a window, then every rank's partial image
  /// beside it. `--bench` runs the benchmark instead; `--once DIR` composites one synthetic
  /// frame and writes every rank's piece to DIR (see `once(_:_:arguments:)`).
  public static func demo() -> Never {
    let arguments = CommandLine.arguments
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in
      if arguments.contains("--bench") {
        try bench(world, &report)
      } else if let i = arguments.firstIndex(of: "--once"), i + 1 < arguments.count {
        try once(world, directory: arguments[i + 1], arguments: arguments)
      } else {
        try tour(world, &report)
      }
    }
  }

  static let demoWidth = 640, demoHeight = 480, demoObjects = 400

  /// The four algorithms, as the reference writes them, with a way to swap the z-test for one
  /// that does no work (to time the messages alone).
  static func algorithms(_ c: Compositor = .real) -> [(name: String, run: (Pixels, Link) throws -> Void)] {
    [
      ("gather to rank 0", { Benchmark.blackHole(try referenceGather($0, $1, with: c)) }),
      ("binary tree", { Benchmark.blackHole(try referenceTree($0, $1, with: c)) }),
      ("direct send", { Benchmark.blackHole(try referenceDirectSend($0, $1, with: c)) }),
      ("binary swap", { Benchmark.blackHole(try referenceBinarySwap($0, $1, with: c)) }),
    ]
  }

  /// Median over rounds of the slowest rank's seconds for `body`, after two warm-up rounds,
  /// with the traffic of one round on this rank.
  static func time(
    _ body: (Pixels, Link) throws -> Void, _ image: Pixels, world: Communicator, width: Int, height: Int,
    rounds: Int
  ) throws -> (seconds: Double, sentBytes: Int, receivedBytes: Int) {
    var samples: [Double] = []
    var traffic = (0, 0)
    for round in 0..<(rounds + 2) {
      let comm = try world.duplicate()
      let link = Link(comm, width: width, height: height)
      try world.barrier()
      let start = Benchmark.now()
      try body(image, link)
      let slowest = try world.allReduce(Benchmark.now() - start, op: .max)
      if round >= 2 { samples.append(slowest) }
      traffic = (link.bytesSent, link.bytesReceived)
    }
    return (Timings(samples: samples).median, traffic.0, traffic.1)
  }

  static func tour(_ world: Communicator, _ report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let objects = ParallelScene.objects(count: demoObjects)
    let mine = objects.filter { $0.id % p == r }
    let renderStart = Benchmark.now()
    let (color, depth) = try ParallelScene.render(mine, width: demoWidth, height: demoHeight)
    let renderSeconds = try world.allReduce(Benchmark.now() - renderStart, op: .max)
    let image = pixels(color, depth)
    if r == 0 {
      print(
        "Each of \(p) ranks renders its \(objects.count / p)-odd spheres of \(objects.count) (id % \(p) == rank) at "
          + "\(demoWidth)x\(demoHeight); slowest render \(Benchmark.describe(seconds: renderSeconds)).")
      print("\nCompositing (median of 5 rounds, slowest rank; A = \(demoWidth * demoHeight) pixels of 8 bytes):")
      print("   algorithm          time        sent by rank 0   received by rank 0")
    }
    for (label, run) in algorithms() {
      if label == "binary swap" && p & (p - 1) != 0 {
        if r == 0 { print("   binary swap        needs a power-of-two number of ranks: not at \(p)") }
        continue
      }
      let t = try time(run, image, world: world, width: demoWidth, height: demoHeight, rounds: 5)
      if r == 0 {
        print(
          "   " + label.padding(toLength: 19, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: t.seconds).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(bytes: t.sentBytes).padding(toLength: 17, withPad: " ", startingAt: 0)
            + Benchmark.describe(bytes: t.receivedBytes))
      }
      report.metric("seconds-\(label.replacingOccurrences(of: " ", with: "-"))", t.seconds, unit: "s")
    }

    // The composite, then the partial images beside it, on rank 0's screen.
    let colors = try world.gatherVarying(image.color)
    let depths = try world.gatherVarying(image.depth)
    guard let colors, let depths else { return }
    let partials = zip(colors, depths).map { Pixels(color: $0, depth: $1) }
    let composite = serialComposite(partials)
    let out = Harness.outputDirectory(chapter: name)
    let shown = picture(of: composite, width: demoWidth)
    try shown.writePNG(to: "\(out)/composite.png")
    let (full, _) = try ParallelScene.render(objects, width: demoWidth, height: demoHeight)
    let cmp = ImageComparison(shown, reference: full.opaque(), tolerance: 2)
    print(
      "\nThe composite against VTK's render of the whole scene in one process: \(cmp.badPixels) of "
        + "\(demoWidth * demoHeight) pixels differ by more than 2 levels (largest difference \(cmp.maxDifference)).")
    report.metric("pixels-differing-from-serial", Double(cmp.badPixels), unit: "pixels")
    // Partial images: what each rank drew (its background shown black), and the composite last.
    let panels = partials.map { picture(of: masked($0), width: demoWidth) } + [shown]
    let titles = partials.indices.map { "rank \($0)" } + ["composite"]
    // The partials' own renders feed the compositing, so their labels are drawn over copies, with
    // VTK, before the window opens.
    let labelled = try zip(panels.map(half), titles).map { panel, title in
      try Labels.stamp(panel, [Labels.topLeft(title, height: panel.height, bold: true)])
    }
    let grid = RGBAImage.grid(labelled, columns: min(panels.count, 3))
    let keep = ProcessInfo.processInfo.environment[HarnessEnvironment.keepOpen].flatMap(Double.init) ?? 0
    let window = try Window(title: "sort-last: the composite of \(p) ranks", width: demoWidth, height: demoHeight)
    window.show(shown)
    try window.capture().writePNG(to: "\(out)/window-composite.png")
    window.keepOpen(seconds: keep)
    window.setTitle("sort-last: every rank's partial image, and the composite")
    window.show(grid)
    try window.capture().writePNG(to: "\(out)/window-partials.png")
    window.keepOpen(seconds: keep)
    print(
      "Wrote \(out)/composite.png, window-composite.png (the window, read back) and window-partials.png "
        + "(ranks 0…\(p - 1), then the composite).")
  }

  /// The pixels a rank drew, on black.
  static func masked(_ p: Pixels) -> Pixels {
    var m = p
    for i in 0..<m.count where m.depth[i] >= 1 { m.color[i] = 0xFF00_0000 }
    return m
  }

  /// Every second pixel of every second row, so that several panels fit on one screen.
  static func half(_ image: RGBAImage) -> RGBAImage {
    var out = RGBAImage(width: image.width / 2, height: image.height / 2, fill: RGBA(0, 0, 0))
    for y in 0..<out.height { for x in 0..<out.width { out[x, y] = image[2 * x, 2 * y] } }
    return out
  }

  /// One composite of the benchmark's synthetic images and nothing else, so that the bytes on
  /// the network are the algorithm's (plus Open MPI's start-up): what the several-hosts test
  /// runs across network namespaces and compares with a run on one host.
  ///
  ///     mpirun -n 4 demo16 --once DIR [--algorithm binary-swap|direct-send|tree|gather]
  ///                                  [--coverage 0.3] [--size 1920x1080]
  ///
  /// Each rank that holds composited pixels writes `DIR/rank-R.pixels` (colours then depths,
  /// little-endian) and `DIR/rank-R.txt` ("first last sent received": its pixel range and the
  /// bytes its link sent and received).
  static func once(_ world: Communicator, directory: String, arguments: [String]) throws {
    func value(_ flag: String) -> String? {
      arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let algorithm = value("--algorithm") ?? "binary-swap"
    let coverage = value("--coverage").flatMap(Double.init) ?? 0.3
    let size = (value("--size") ?? "1920x1080").split(separator: "x").compactMap { Int($0) }
    guard size.count == 2, size[0] > 0, size[1] > 0 else { throw UsageError("--size takes WIDTHxHEIGHT") }
    let (width, height) = (size[0], size[1])
    let image = syntheticImage(rank: world.rank, coverage: coverage, width: width, height: height)
    let link = Link(try world.duplicate(), width: width, height: height)
    try world.barrier()
    let piece: Piece?
    switch algorithm {
    case "binary-swap": piece = try referenceBinarySwap(image, link)
    case "direct-send": piece = try referenceDirectSend(image, link)
    case "tree": piece = try referenceTree(image, link).map { Piece(range: 0..<$0.count, pixels: $0) }
    case "gather": piece = try referenceGather(image, link).map { Piece(range: 0..<$0.count, pixels: $0) }
    default: throw UsageError("unknown --algorithm \(algorithm): binary-swap, direct-send, tree or gather")
    }
    try world.barrier()
    let stem = "\(directory)/rank-\(world.rank)"
    if let piece {
      var bytes = Data()
      piece.pixels.color.withUnsafeBytes { bytes.append(contentsOf: $0) }
      piece.pixels.depth.withUnsafeBytes { bytes.append(contentsOf: $0) }
      try bytes.write(to: URL(fileURLWithPath: stem + ".pixels"))
    }
    let range = piece?.range ?? 0..<0
    try "\(range.lowerBound) \(range.upperBound) \(link.bytesSent) \(link.bytesReceived)\n"
      .write(toFile: stem + ".txt", atomically: true, encoding: .utf8)
    if world.rank == 0 {
      print(
        "\(algorithm) of \(width)x\(height) at \(Int(coverage * 100)) % coverage on \(world.size) ranks: pieces in \(directory)"
      )
    }
  }
}

/// A mistake on the demo's command line, said in one sentence.
private struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
