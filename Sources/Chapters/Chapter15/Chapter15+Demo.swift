import Foundation
import Imaging
import MPI
import VTK
import WorkbookContract
import WorkbookKit

/// Chapter 15's demo: a display wall of one window per rank, then the same wall with tiles cut
/// by cost on a scene bunched in one corner.
extension Chapter15 {
  /// The demo: the wall on a uniform scene (objects per tile, duplicates, render time per tile,
  /// the wall read back against the serial render), then equal against rebalanced tiles on a
  /// bunched scene. Windows stay open `WORKBOOK_KEEP_OPEN` seconds per wall.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try requireOneDisplay(world)
      let keep = ProcessInfo.processInfo.environment[HarnessEnvironment.keepOpen].flatMap(Double.init) ?? 0
      let (rank, ranks) = (world.rank, world.size)
      let (columns, rows) = grid(ranks: ranks)
      if rank == 0 {
        print(
          "A \(wallWidth)x\(wallHeight) wall of \(columns)×\(rows) tiles, one window per rank, at the screen's top-left corner."
        )
      }

      // 1. Equal tiles, uniform scene, one object on the border of tiles 0 and 1.
      let objects = checkScene(ranks: ranks)
      let equal = (0..<ranks).map { referenceTileRect($0, ranks, wallWidth, wallHeight) }
      if rank == 0 { print("\n1. \(objects.count) objects spread over the view, equal tiles.") }
      let first = try demoWall(world, objects: objects, tiles: equal, name: "wall", keep: keep, report: &report)
      let wholeFirst = try timeWhole(world, objects: objects)
      if rank == 0 {
        printTable(first, objects: objects)
        print(
          "   the whole view on one rank: \(Benchmark.describe(seconds: wholeFirst)); the wall waits for its slowest tile, \(Benchmark.describe(seconds: first.seconds.max() ?? 0))"
        )
        print(
          "   object \(objects.count - 1) sits on the border of tiles 0 and 1; it is in tile 0: \(first.ids[0].contains(objects.count - 1)), tile 1: \(ranks > 1 && first.ids[1].contains(objects.count - 1))"
        )
      }

      // 2. Bunched scene: equal tiles against tiles cut by cost.
      let bunched = ParallelScene.objects(count: objectCount, layout: .bunched)
      let cut = balancedTiles(reference.balancedCuts, objects: bunched, ranks: ranks).tiles ?? equal
      if rank == 0 {
        print(
          "\n2. \(bunched.count) objects, nine in ten bunched in the lower-left corner; the wall with tiles cut by cost."
        )
      }
      let before = try timeTiles(world, objects: bunched, tiles: equal)
      let after = try demoWall(
        world, objects: bunched, tiles: cut, name: "wall-rebalanced", keep: keep, report: &report)
      let wholeBunched = try timeWhole(world, objects: bunched)
      if rank == 0 {
        print("   Equal tiles:")
        printTable(before, objects: bunched)
        print(
          "   Tiles cut where the running triangle count (objects by projected centre) reaches 1/\(columns) ... of the total,"
        )
        print("   columns first, then each column's rows:")
        printTable(after, objects: bunched)
        let costBefore = imbalance(tileCosts(equal, objects: bunched))
        let costAfter = imbalance(tileCosts(cut, objects: bunched))
        let timeBefore = ratio(before.seconds)
        let timeAfter = ratio(after.seconds)
        print(
          "   max/mean per tile: triangles \(fmt(costBefore)) → \(fmt(costAfter)), measured render time \(fmt(timeBefore)) → \(fmt(timeAfter))"
        )
        print(
          "   the whole view on one rank: \(Benchmark.describe(seconds: wholeBunched)); slowest tile \(Benchmark.describe(seconds: before.seconds.max() ?? 0)) with equal tiles, \(Benchmark.describe(seconds: after.seconds.max() ?? 0)) cut by cost"
        )
        report.metric("whole-view-bunched", wholeBunched * 1e3, unit: "ms")
        report.metric("slowest-tile-equal", (before.seconds.max() ?? 0) * 1e3, unit: "ms")
        report.metric("slowest-tile-rebalanced", (after.seconds.max() ?? 0) * 1e3, unit: "ms")
        report.metric("cost-max-over-mean-equal", costBefore, unit: "")
        report.metric("cost-max-over-mean-rebalanced", costAfter, unit: "")
        report.metric("time-max-over-mean-equal", timeBefore, unit: "")
        report.metric("time-max-over-mean-rebalanced", timeAfter, unit: "")
        print("\nRender times: median of 5 frames after one warm-up, each rank timed alone (the others wait asleep),")
        print(
          "\(ranks) ranks on \(ProcessInfo.processInfo.activeProcessorCount) cores; images in \(Harness.outputDirectory(chapter: name))/"
        )
      }
    }
  }

  /// Per-tile results of one layout, gathered on rank 0.
  struct TileTable {
    /// The tiles, in rank order.
    var tiles: [TileRect]
    /// Ids each tile renders.
    var ids: [Set<Int>]
    /// Render seconds per tile.
    var seconds: [Double]
  }

  /// Renders every rank's tile offscreen, one rank at a time, and gathers the times.
  ///
  /// A rank waiting in `MPI_Barrier` polls on a core (Open MPI yields only when it knows the
  /// node is oversubscribed), which on 2 cores would take one from llvmpipe's render threads.
  /// So the ranks pass a token down the line instead and wait for it asleep.
  static func timeTiles(_ world: Communicator, objects: [SceneObject], tiles: [TileRect]) throws -> TileTable {
    let tile = tiles[world.rank]
    let ids = Set(referenceObjectsTouching(tile, items(objects), ParallelScene.camera, wallWidth, wallHeight))
    var seconds = 0.0
    try oneAtATime(world) {
      seconds = try renderTile(
        objects.filter { ids.contains($0.id) }, tile: tile,
        view: referenceTileView(tile, wallWidth, wallHeight, ParallelScene.camera.viewAngle), frames: 5
      ).seconds
    }
    let all = try world.allGather(seconds)
    let idLists = try world.allGatherVarying(ids.sorted())
    return TileTable(tiles: tiles, ids: idLists.map(Set.init), seconds: all)
  }

  /// The whole view rendered by rank 0 alone (the others asleep), as the serial baseline:
  /// median of 5 frames after one warm-up.
  static func timeWhole(_ world: Communicator, objects: [SceneObject]) throws -> Double {
    let whole = TileRect(x: 0, y: 0, width: wallWidth, height: wallHeight)
    var seconds = 0.0
    if world.rank == 0 {
      seconds = try renderTile(
        objects, tile: whole, view: referenceTileView(whole, wallWidth, wallHeight, ParallelScene.camera.viewAngle),
        frames: 5
      ).seconds
      for r in 1..<world.size { try world.send(Int32(1), to: r, tag: 1503) }
    } else {
      try sleepUntilMessage(world, from: 0, tag: 1503)
    }
    return seconds
  }

  /// Runs `body` on each rank in turn, rank 0 first; the ranks not running it wait asleep.
  static func oneAtATime(_ world: Communicator, _ body: () throws -> Void) throws {
    let (turn, done) = (1501, 1502)
    let last = world.size - 1
    if world.rank > 0 { try sleepUntilMessage(world, from: world.rank - 1, tag: turn) }
    try body()
    if world.rank < last {
      try world.send(Int32(1), to: world.rank + 1, tag: turn)
      try sleepUntilMessage(world, from: last, tag: done)
    } else {
      for r in 0..<last { try world.send(Int32(1), to: r, tag: done) }
    }
  }

  /// Waits for a one-value message from `source`, sleeping between looks, and receives it.
  static func sleepUntilMessage(_ world: Communicator, from source: Int, tag: Int) throws {
    while try world.probeIfAvailable(from: source, tag: tag) == nil { usleep(1000) }
    _ = try world.receive(Int32.self, from: source, tag: tag)
  }

  /// Shows `tiles` as a wall (one window per rank), times each tile, saves each window and the
  /// whole wall, compares the wall with the serial render, keeps the windows `keep` seconds.
  static func demoWall(
    _ world: Communicator, objects: [SceneObject], tiles: [TileRect], name file: String, keep: Double,
    report: inout Report
  ) throws -> TileTable {
    let table = try timeTiles(world, objects: objects, tiles: tiles)
    let tile = tiles[world.rank]
    let mine = objects.filter { table.ids[world.rank].contains($0.id) }
    let view = referenceTileView(tile, wallWidth, wallHeight, ParallelScene.camera.viewAngle)
    let image = try renderTile(mine, tile: tile, view: view).image
    let shown = try show(image, at: tile, title: "15 sort-first: rank \(world.rank), \(mine.count) objects")
    let out = Harness.outputDirectory(chapter: name)
    let suffix = file == "wall" ? "" : "-" + file.replacingOccurrences(of: "wall-", with: "")
    // The window shows the tile as rendered (the wall is compared with the serial render), so
    // the rank's label goes on the saved copy.
    let rankLabel = Labels.topLeft("rank \(world.rank): \(mine.count) objects", height: tile.height, bold: true)
    try Labels.stamp(shown.onScreen, [rankLabel]).writePNG(to: "\(out)/rank-\(world.rank)\(suffix).png")
    let wall = try readWall(world, shown)
    if let wall {
      try wall.screen.writePNG(to: "\(out)/\(file).png")
      let tileLabels = tiles.enumerated().map { r, t in
        Labels.caption(
          "rank \(r)", x: t.x + Labels.margin, y: wallHeight - t.y - Labels.margin, fontSize: 16, bold: true)
      }
      try Labels.stamp(outlined(wall.screen, tiles), tileLabels).writePNG(to: "\(out)/\(file)-outlined.png")
      let serial = try ParallelScene.render(objects, width: wallWidth, height: wallHeight).color
      let cmp = ImageComparison(wall.screen, reference: serial, tolerance: wallTolerance)
      let seams = seamPixels(tiles)
      let seamWorst = seams.map { wall.screen[$0.x, $0.y].distance(to: serial[$0.x, $0.y]) }.max() ?? 0
      let seamBad = seams.filter { wall.screen[$0.x, $0.y].distance(to: serial[$0.x, $0.y]) > wallTolerance }.count
      print(
        "   \(file).png: the screen read back (\(wall.reads) read\(wall.reads == 1 ? "" : "s"); shows every tile: \(wall.matched)); against the serial render:"
      )
      print(
        "   \(cmp.badPixels) of \(cmp.totalPixels) pixels off by more than \(wallTolerance), largest difference \(cmp.maxDifference); seams: \(seamBad) of \(seams.count) pixels off, largest \(seamWorst)"
      )
      report.metric("\(file)-pixels-off", Double(cmp.badPixels), unit: "pixels")
      report.metric("\(file)-largest-difference", Double(cmp.maxDifference), unit: "levels")
      report.metric("\(file)-duplicated-objects", Double(duplicates(table.ids)), unit: "objects")
    }
    shown.window?.keepOpen(seconds: keep)
    try world.barrier()
    shown.window?.close()
    return table
  }

  /// Objects in more than one of `ids`.
  static func duplicates(_ ids: [Set<Int>]) -> Int {
    var seen: [Int: Int] = [:]
    for set in ids { for id in set { seen[id, default: 0] += 1 } }
    return seen.values.filter { $0 > 1 }.count
  }

  /// Prints one layout: per tile its rectangle, objects, triangles and render time, then the
  /// duplicates and max/mean of triangles and of time.
  static func printTable(_ t: TileTable, objects: [SceneObject]) {
    let triangles = tileCosts(t.tiles, objects: objects)
    print("   rank  tile              objects  triangles  render")
    for r in t.tiles.indices {
      let tile = "\(t.tiles[r])".padding(toLength: 16, withPad: " ", startingAt: 0)
      print(
        "   \(pad(r, 4))  \(tile)  \(pad(t.ids[r].count, 7))  \(pad(triangles[r], 9))  \(Benchmark.describe(seconds: t.seconds[r]))"
      )
    }
    print(
      "   duplicated objects (rendered by more than one rank): \(duplicates(t.ids)); max/mean triangles \(fmt(imbalance(triangles))), render time \(fmt(ratio(t.seconds)))"
    )
  }

  /// Largest over mean of `v`.
  static func ratio(_ v: [Double]) -> Double { (v.max() ?? 0) / max(1e-12, v.reduce(0, +) / Double(max(1, v.count))) }
  /// Two decimals.
  static func fmt(_ v: Double) -> String { String(format: "%.2f", v) }
  /// `v` right-aligned in `n` characters.
  static func pad(_ v: Int, _ n: Int) -> String { String(repeating: " ", count: max(0, n - "\(v)".count)) + "\(v)" }
}
