import Foundation
import Imaging
import WorkbookContract
import WorkbookKit

/// The checks of chapter 15 that need no MPI: layouts, tile cameras, object assignment, cuts,
/// and the image comparisons of a wall.
extension Chapter15 {
  /// Largest colour difference (per channel, 0...255) a wall pixel may have from the serial
  /// render, and the share of pixels allowed beyond it (see the lesson, "Seams and tolerance").
  static let wallTolerance = 2
  /// Share of the wall's pixels that may differ by more than `wallTolerance`.
  static let wallBudget = 0.0005
  /// Share of the seam pixels (both sides of every tile border) that may differ by more than
  /// `wallTolerance`.
  static let seamBudget = 0.003

  /// Screen sizes the layout and camera checks try: the wall's, and sizes no grid divides.
  static let odd: [(width: Int, height: Int)] = [(wallWidth, wallHeight), (961, 541), (1001, 7), (13, 777)]

  /// `tile-layout`: the learner's tiles for 1 to 6 ranks on several screens are the stated ones.
  static func layoutCheck(_ learner: Learner) -> CheckResult {
    for ranks in 1...6 {
      for size in odd {
        let got = (0..<ranks).map { learner.tileRect($0, ranks, size.width, size.height) }
        let want = (0..<ranks).map { referenceTileRect($0, ranks, size.width, size.height) }
        guard let r = (0..<ranks).first(where: { got[$0] != want[$0] }) else { continue }
        let (columns, rows) = grid(ranks: ranks)
        return Checks.that(
          "tile-layout", false,
          expected:
            "rank \(r) of \(ranks) (\(columns)×\(rows) wall) on a \(size.width)x\(size.height) screen: \(want[r])",
          got: "\(got[r])",
          detail: coverageProblem(got, size.width, size.height)
            ?? "the tiles cover the screen once, but not in the stated order and sizes")
      }
    }
    return Checks.that(
      "tile-layout", true, expected: "the stated tiles for 1 to 6 ranks on \(odd.count) screen sizes",
      got: "all of them")
  }

  /// What is wrong with `tiles` as a cover of a `width` × `height` screen, or nil when every
  /// pixel is in exactly one tile.
  static func coverageProblem(_ tiles: [TileRect], _ width: Int, _ height: Int) -> String? {
    var count = [Int](repeating: 0, count: width * height)
    var outside = 0
    for t in tiles where t.width > 0 && t.height > 0 {
      for y in t.y..<t.maxY {
        for x in t.x..<t.maxX {
          if x < 0 || y < 0 || x >= width || y >= height { outside += 1 } else { count[y * width + x] += 1 }
        }
      }
    }
    let missed = count.filter { $0 == 0 }.count
    let twice = count.filter { $0 > 1 }.count
    if missed == 0 && twice == 0 && outside == 0 { return nil }
    return "\(missed) pixels in no tile, \(twice) in more than one, \(outside) tile pixels off the screen"
  }

  /// `tile-camera`: view angle and window centre for equal tiles of 1 to 6 ranks, for uneven
  /// rectangles and for `extra` ones, within 1e-9 of the derivation's values.
  static func cameraCheck(_ learner: Learner, extra: [TileRect] = []) -> CheckResult {
    var cases: [(tile: TileRect, width: Int, height: Int, angle: Double)] = []
    for size in odd.prefix(2) {
      for ranks in 1...6 {
        for r in 0..<ranks {
          cases.append((referenceTileRect(r, ranks, size.width, size.height), size.width, size.height, 40))
        }
      }
    }
    for t in [
      TileRect(x: 100, y: 37, width: 333, height: 201), TileRect(x: 617, y: 299, width: 343, height: 241),
      TileRect(x: 959, y: 0, width: 1, height: 540),
    ] + extra {
      cases.append((t, wallWidth, wallHeight, 40))
      cases.append((t, wallWidth, wallHeight, 30))
    }
    for c in cases {
      let want = referenceTileView(c.tile, c.width, c.height, c.angle)
      let got = learner.tileView(c.tile, c.width, c.height, c.angle)
      let angleOK = abs(got.viewAngle - want.viewAngle) <= 1e-9 * want.viewAngle
      let centreOK =
        abs(got.windowCenter.x - want.windowCenter.x) <= 1e-9 * max(1, abs(want.windowCenter.x))
        && abs(got.windowCenter.y - want.windowCenter.y) <= 1e-9 * max(1, abs(want.windowCenter.y))
      if !(angleOK && centreOK) {
        var hints: [String] = []
        if !angleOK { hints.append("the view angle must shrink with the tile's height (VTK's angle is vertical)") }
        if !centreOK {
          if abs(got.windowCenter.x + want.windowCenter.x) < 1e-9
            && abs(got.windowCenter.y + want.windowCenter.y) < 1e-9
          {
            hints.append("the window centre has the opposite sign: the tile would show its mirror tile's part")
          } else if abs(got.windowCenter.x - want.windowCenter.x) < 1e-9 {
            hints.append("the window centre's y is off: rows are counted from the top, VTK's y points up")
          } else {
            hints.append(
              "the window centre is the tile's centre minus the view's, in units of the tile's half width and height")
          }
        }
        let hint = hints.joined(separator: "; ")
        return Checks.that(
          "tile-camera", false,
          expected: "tile \(c.tile) of \(c.width)x\(c.height) at \(ReportFormat.number(c.angle))°: \(want)",
          got: "\(got)", detail: hint)
      }
    }
    return Checks.that(
      "tile-camera", true, expected: "view angle and window centre for \(cases.count) tiles",
      got: "all within 1e-9")
  }

  /// The items that must and may be assigned to `tile`: those whose projected bounds cover a
  /// pixel centre of it, and those within two more pixels of it. Items across the near plane
  /// are in both.
  static func requiredItems(_ tile: TileRect, _ items: [Item], width: Int = wallWidth, height: Int = wallHeight)
    -> (must: Set<Int>, may: Set<Int>)
  {
    let vp = ParallelScene.camera.viewProjection(aspect: Double(width) / Double(height))
    var must = Set<Int>()
    var may = Set<Int>()
    for item in items {
      switch footprint(item.bounds, viewProjection: vp, width: width, height: height) {
      case .rect(let minX, let maxX, let minY, let maxY):
        if touches((minX, maxX, minY, maxY), tile) { must.insert(item.id) }
        if touches((minX, maxX, minY, maxY), tile, margin: 2) { may.insert(item.id) }
      case .crossesNear:
        must.insert(item.id)
        may.insert(item.id)
      case .hidden:
        // Drawn nowhere; a learner who sends it everywhere, as for a near-plane crossing, is
        // wasteful but not wrong.
        may.insert(item.id)
      }
    }
    return (must, may)
  }

  /// `objects-per-tile`: the learner's items for each of `tiles` include every item that
  /// touches it and nothing beyond the two-pixel margin.
  static func assignmentCheck(_ learner: Learner, tiles: [TileRect], items: [Item]) -> CheckResult {
    var total = 0
    for tile in tiles {
      let got = Set(learner.objectsTouching(tile, items, ParallelScene.camera, wallWidth, wallHeight))
      let (must, may) = requiredItems(tile, items)
      total += must.count
      let missing = must.subtracting(got).sorted()
      let extra = got.subtracting(may).sorted()
      if !missing.isEmpty || !extra.isEmpty {
        var parts: [String] = []
        if !missing.isEmpty {
          parts.append("missing \(missing.count) that touch the tile: ids \(Checks.preview(missing))")
        }
        if !extra.isEmpty {
          parts.append("\(extra.count) whose bounds stay more than 2 pixels away from it: ids \(Checks.preview(extra))")
        }
        return Checks.that(
          "objects-per-tile", false,
          expected:
            "tile \(tile): the \(must.count) items whose projected bounds cover one of its pixel centres (up to \(may.count) accepted)",
          got: "\(got.count) items", detail: parts.joined(separator: "; "))
      }
    }
    return Checks.that(
      "objects-per-tile", true, expected: "the items touching each of \(tiles.count) tiles",
      got: "\(total) assignments, none missing, none far off")
  }

  /// Whether `cuts` are `parts + 1` increasing cuts from 0 to `length`.
  static func cutsProblem(_ cuts: [Int], parts: Int, length: Int) -> String? {
    if cuts.count != parts + 1 { return "\(cuts.count) cuts for \(parts) parts (expected \(parts + 1))" }
    if cuts.first != 0 || cuts.last != length { return "cuts \(cuts) must start at 0 and end at \(length)" }
    if zip(cuts, cuts.dropFirst()).contains(where: { $0 >= $1 }) {
      return "cuts \(cuts) do not increase (every part needs a pixel)"
    }
    return nil
  }

  /// Tiles from cuts: the columns are cut by the objects' x, then each column's rows by the y
  /// of the objects whose centre lies in that column (a k-d split: every column has its own
  /// row cuts). Rank r gets column r % columns, row r / columns, as in the equal layout.
  ///
  /// Returns nil and a reason when the learner's cuts are not valid cuts.
  static func balancedTiles(_ cutter: ([Double], [Int], Int, Int) -> [Int], objects: [SceneObject], ranks: Int)
    -> (tiles: [TileRect]?, problem: String?)
  {
    let (columns, rows) = grid(ranks: ranks)
    let vp = ParallelScene.camera.viewProjection(aspect: Double(wallWidth) / Double(wallHeight))
    let whole = TileRect(x: 0, y: 0, width: wallWidth, height: wallHeight)
    var centres: [(x: Double, y: Double, cost: Int)] = []
    for o in objects {
      // Only what is drawn costs anything: objects off the screen are left out.
      switch footprint(o.bounds, viewProjection: vp, width: wallWidth, height: wallHeight) {
      case .rect(let minX, let maxX, let minY, let maxY): if !touches((minX, maxX, minY, maxY), whole) { continue }
      case .hidden: continue
      case .crossesNear: break
      }
      let c = vp.transform(point: o.center)
      guard c.w > 0 else { continue }
      let x = min(Double(wallWidth), max(0, (c.x / c.w + 1) / 2 * Double(wallWidth)))
      let y = min(Double(wallHeight), max(0, (1 - c.y / c.w) / 2 * Double(wallHeight)))
      centres.append((x, y, o.triangles))
    }
    let columnCuts = cutter(centres.map(\.x), centres.map(\.cost), columns, wallWidth)
    if let p = cutsProblem(columnCuts, parts: columns, length: wallWidth) { return (nil, "columns: " + p) }
    var tiles = [TileRect](repeating: TileRect(x: 0, y: 0, width: 0, height: 0), count: ranks)
    for c in 0..<columns {
      let inColumn = centres.filter {
        $0.x >= Double(columnCuts[c]) && ($0.x < Double(columnCuts[c + 1]) || c == columns - 1)
      }
      let rowCuts = cutter(inColumn.map(\.y), inColumn.map(\.cost), rows, wallHeight)
      if let p = cutsProblem(rowCuts, parts: rows, length: wallHeight) { return (nil, "rows of column \(c): " + p) }
      for r in 0..<rows {
        tiles[r * columns + c] = TileRect(
          x: columnCuts[c], y: rowCuts[r], width: columnCuts[c + 1] - columnCuts[c],
          height: rowCuts[r + 1] - rowCuts[r])
      }
    }
    return (tiles, nil)
  }

  /// Per-tile cost: the triangles of the objects each tile renders (the reference's
  /// assignment), duplicates counted in every tile that renders them.
  static func tileCosts(_ tiles: [TileRect], objects: [SceneObject]) -> [Int] {
    let all = items(objects)
    return tiles.map { tile in
      let ids = Set(referenceObjectsTouching(tile, all, ParallelScene.camera, wallWidth, wallHeight))
      return objects.filter { ids.contains($0.id) }.reduce(0) { $0 + $1.triangles }
    }
  }

  /// Largest over mean: 1 when every tile costs the same, `tiles.count` when one does all.
  static func imbalance(_ costs: [Int]) -> Double {
    let mean = Double(costs.reduce(0, +)) / Double(max(1, costs.count))
    return mean > 0 ? Double(costs.max() ?? 0) / mean : 1
  }

  /// The two image checks of a wall read back from the screen: the whole wall against the
  /// serial render, and the seams alone. Tiles whose part of the wall is off are named.
  static func wallChecks(_ prefix: String, _ wall: WallReadBack, serial: RGBAImage, directory: String) -> [CheckResult]
  {
    var whole = Checks.image(
      "\(prefix)matches-serial", wall.screen, reference: serial, tolerance: wallTolerance,
      badPixelBudget: wallBudget, directory: directory)
    if !whole.passed {
      let off = wall.tiles.enumerated().compactMap { r, t -> String? in
        guard let t else { return "rank \(r) showed no window" }
        let cmp = ImageComparison(crop(wall.screen, t), reference: crop(serial, t), tolerance: wallTolerance)
        return cmp.badFraction > wallBudget ? "rank \(r)'s tile \(t): \(cmp.badPixels) pixels off" : nil
      }
      whole.detail = ([off.isEmpty ? nil : off.joined(separator: "; ")] + [whole.detail]).compactMap { $0 }.joined(
        separator: "; ")
    }
    let seams = seamPixels(wall.tiles.compactMap { $0 })
    var bad = 0
    var worst = 0
    for p in seams {
      let d = wall.screen[p.x, p.y].distance(to: serial[p.x, p.y])
      worst = max(worst, d)
      if d > wallTolerance { bad += 1 }
    }
    let allowed = Int(seamBudget * Double(seams.count))
    let seam = CheckResult(
      name: "\(prefix)seams", kind: .image, passed: bad <= allowed,
      expected:
        "at most \(allowed) of the \(seams.count) pixels beside the tile borders off by more than \(wallTolerance)",
      got: "\(bad), largest difference \(worst)",
      detail: bad <= allowed ? nil : "a seam shows: an object cut at a tile border, or tiles that do not line up")
    return [whole, seam]
  }
}
