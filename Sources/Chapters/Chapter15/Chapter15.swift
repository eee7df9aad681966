import Foundation
import Imaging
import MPI
import VTK
import Window
import WorkbookContract
import WorkbookKit

/// Chapter 15, sort-first: the screen is cut into tiles, one per rank; each rank renders the
/// objects that touch its tile with a camera narrowed to that tile, and shows the tile in a
/// window of its own at the tile's place on the screen, so that the windows form a display wall.
public enum Chapter15 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "15-sort-first"

  /// A rectangle of pixels of the full view: columns `x ..< x + width`, rows `y ..< y + height`,
  /// rows counted from the top, as on the screen and in images.
  public struct TileRect: Hashable, Sendable, CustomStringConvertible {
    /// First column (from the left).
    public var x: Int
    /// First row (from the top).
    public var y: Int
    /// Columns in the tile.
    public var width: Int
    /// Rows in the tile.
    public var height: Int

    /// A tile from its top-left pixel and its size.
    public init(x: Int, y: Int, width: Int, height: Int) {
      self.x = x
      self.y = y
      self.width = width
      self.height = height
    }

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }

    /// Whether pixel (`px`, `py`) (row from the top) is in the tile.
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// `960x540+0+0`: size, then position, as X11 writes window geometry.
    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
  }

  /// What a tile's VTK camera needs besides the full view's camera: the vertical view angle
  /// (`vtkCamera::SetViewAngle`, degrees) and the window centre (`vtkCamera::SetWindowCenter`).
  public struct TileView: Equatable, Sendable, CustomStringConvertible {
    /// Vertical view angle in degrees.
    public var viewAngle: Double
    /// Where the tile's centre lies in the projection, in units of the tile's own half width
    /// and half height; +y is up (VTK's convention).
    public var windowCenter: SIMD2<Double>

    /// A tile view from its two parts.
    public init(viewAngle: Double, windowCenter: SIMD2<Double>) {
      self.viewAngle = viewAngle
      self.windowCenter = windowCenter
    }

    /// `angle 20° centre (-1, 0)`.
    public var description: String {
      "angle \(ReportFormat.number(viewAngle))°, centre (\(ReportFormat.number(windowCenter.x)), \(ReportFormat.number(windowCenter.y)))"
    }
  }

  /// One object of the scene as the exercise sees it.
  public struct Item: Sendable {
    /// Index in the scene, the same on every rank.
    public let id: Int
    /// Its axis-aligned bounding box in world coordinates.
    public let bounds: AABB
    /// Triangles VTK draws for it: what it costs to render.
    public let triangles: Int

    /// An item from its parts.
    public init(id: Int, bounds: AABB, triangles: Int) {
      self.id = id
      self.bounds = bounds
      self.triangles = triangles
    }
  }

  /// The learner's four functions.
  public struct Learner {
    /// Rank `rank`'s tile of a `width` × `height` screen shared by `ranks` ranks.
    public var tileRect: (_ rank: Int, _ ranks: Int, _ width: Int, _ height: Int) -> TileRect
    /// The view angle and window centre that make a camera of vertical angle `viewAngle`,
    /// made for the whole `width` × `height` view, show only `tile`.
    public var tileView: (_ tile: TileRect, _ width: Int, _ height: Int, _ viewAngle: Double) -> TileView
    /// Ids of the items whose projected bounds touch `tile`.
    public var objectsTouching:
      (
        _ tile: TileRect, _ items: [Item], _ camera: PerspectiveCamera, _ width: Int,
        _ height: Int
      ) -> [Int]
    /// `parts + 1` cuts from 0 to `length` splitting weighted positions into parts of about
    /// equal weight.
    public var balancedCuts: (_ positions: [Double], _ costs: [Int], _ parts: Int, _ length: Int) -> [Int]

    /// The learner's functions, one argument per property (see
    /// `Chapter00.Learner.init(coveredPixels:totalCovered:)`).
    public init(
      tileRect: @escaping (Int, Int, Int, Int) -> TileRect,
      tileView: @escaping (TileRect, Int, Int, Double) -> TileView,
      objectsTouching: @escaping (TileRect, [Item], PerspectiveCamera, Int, Int) -> [Int],
      balancedCuts: @escaping ([Double], [Int], Int, Int) -> [Int]
    ) {
      self.tileRect = tileRect
      self.tileView = tileView
      self.objectsTouching = objectsTouching
      self.balancedCuts = balancedCuts
    }
  }

  /// The wall's shape for `ranks` ranks: `rows` is the largest divisor of `ranks` that is not
  /// above its square root, `columns = ranks / rows`. 2 → 2×1, 3 → 3×1, 4 → 2×2, 6 → 3×2,
  /// 5 → 5×1. Rank r sits in column `r % columns` and row `r / columns`, rows from the top
  /// (the order `vtkParallelRenderManager::TileWindows` uses).
  public static func grid(ranks: Int) -> (columns: Int, rows: Int) {
    precondition(ranks >= 1, "a wall needs at least one rank")
    var rows = 1
    var d = 1
    while d * d <= ranks {
      if ranks % d == 0 { rows = d }
      d += 1
    }
    return (ranks / rows, rows)
  }

  /// The wall: `wallWidth` × `wallHeight` pixels with its top-left corner at the screen's
  /// (0, 0). The runner's Xvfb screen is 1920×1080.
  static let wallWidth = 960
  static let wallHeight = 540
  /// Objects in the check's and the demo's scenes.
  static let objectCount = 400

  /// The scene's objects as the exercise sees them.
  static func items(_ objects: [SceneObject]) -> [Item] {
    objects.map { Item(id: $0.id, bounds: $0.bounds, triangles: $0.triangles) }
  }

  /// A sphere whose centre projects exactly onto the border between tiles 0 and 1 of the equal
  /// layout for `ranks`, halfway down tile 0: half of it lies in each tile, so both must
  /// render it. Nil for one rank (no border).
  static func borderObject(id: Int, ranks: Int) -> SceneObject? {
    guard ranks > 1 else { return nil }
    let tile = referenceTileRect(0, ranks, wallWidth, wallHeight)
    let ndcX = 2 * Double(tile.maxX) / Double(wallWidth) - 1
    let ndcY = 1 - 2 * (Double(tile.y) + Double(tile.height) / 2) / Double(wallHeight)
    // The scene's camera sits on +z looking at the origin with +y up, so eye x and y are world
    // x and y, and a point at depth d in front of it projects to x_ndc = x / (d · tan(a/2) · aspect).
    // z = 25 puts it in front of the scene's cube (|z| ≤ 20 plus radii), so it is seen.
    let camera = ParallelScene.camera
    let z = 25.0
    let d = camera.position.z - z
    let t = tan(camera.viewAngle * Double.pi / 360)
    let centre = SIMD3(ndcX * t * Double(wallWidth) / Double(wallHeight) * d, ndcY * t * d, z)
    return SceneObject(id: id, center: centre, radius: 1.5, resolution: 32, color: SIMD3(1, 1, 1))
  }

  /// The check's first scene: `objectCount` spheres spread over the view and one on the
  /// border between tiles 0 and 1.
  static func checkScene(ranks: Int) -> [SceneObject] {
    let objects = ParallelScene.objects(count: objectCount, layout: .uniform)
    return objects + [borderObject(id: objects.count, ranks: ranks)].compactMap { $0 }
  }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try requireOneDisplay(world)
      let (rank, ranks) = (world.rank, world.size)
      let out = Harness.outputDirectory(chapter: name)
      report.add(layoutCheck(learner))
      let bunched = ParallelScene.objects(count: objectCount, layout: .bunched)
      let rebalanced = balancedTiles(reference.balancedCuts, objects: bunched, ranks: ranks).tiles ?? []
      report.add(cameraCheck(learner, extra: rebalanced))

      // 1. Equal tiles on a uniform scene with an object on the border of tiles 0 and 1.
      let objects = checkScene(ranks: ranks)
      let all = items(objects)
      let uneven = TileRect(x: 100, y: 37, width: 333, height: 201)
      let referenceTile = referenceTileRect(rank, ranks, wallWidth, wallHeight)
      report.add(assignmentCheck(learner, tiles: [referenceTile, uneven], items: all))
      if ranks > 1, rank < 2 {
        let border = objects.count - 1
        let got = learner.objectsTouching(referenceTile, all, ParallelScene.camera, wallWidth, wallHeight).contains(
          border)
        report.add(
          Checks.that(
            "border-object", got,
            expected: "object \(border), centred on the border of tiles 0 and 1, in tile \(rank) (\(referenceTile))",
            got: got ? "it is" : "it is not: half of it would be missing from this tile",
            detail: got
              ? nil : "an object belongs to every tile its projected bounds touch, not only to the tile of its centre"))
      }
      let learnerTile = learner.tileRect(rank, ranks, wallWidth, wallHeight)
      let wall1 = try putOnWall(
        world, learner, tile: isOnWall(learnerTile) ? learnerTile : nil, objects: objects,
        label: "", report: &report)
      if let wall1 {
        let serial = try ParallelScene.render(objects, width: wallWidth, height: wallHeight).color
        report.add(
          Checks.that(
            "wall-shows-tiles", wall1.matched,
            expected: "the screen shows every rank's tile where its window is",
            got: wall1.matched
              ? "it does (\(wall1.reads) read\(wall1.reads == 1 ? "" : "s") of the screen)"
              : "not after \(wall1.reads) reads of the screen",
            detail: wall1.matched ? nil : "windows overlap, or left a gap"))
        for c in wallChecks("wall-", wall1, serial: serial, directory: out) { report.add(c) }
        report.metric("screen-reads", Double(wall1.reads), unit: "reads")
      }

      // 2. The bunched scene: cuts from the objects' cost, then the same wall with those tiles.
      let equalTiles = (0..<ranks).map { referenceTileRect($0, ranks, wallWidth, wallHeight) }
      let equalImbalance = imbalance(tileCosts(equalTiles, objects: bunched))
      let referenceImbalance = imbalance(tileCosts(rebalanced, objects: bunched))
      let (learnerTiles, problem) = balancedTiles(learner.balancedCuts, objects: bunched, ranks: ranks)
      let learnerImbalance = learnerTiles.map { imbalance(tileCosts($0, objects: bunched)) } ?? equalImbalance
      // A learner's cuts must take at least three quarters of the reference's drop in max/mean.
      let bound = referenceImbalance + 0.25 * (equalImbalance - referenceImbalance)
      let f = ReportFormat.number
      report.add(
        CheckResult(
          name: "rebalanced-cost", kind: .bound, passed: problem == nil && learnerImbalance <= bound,
          expected:
            "max/mean of per-tile triangles at most \(f(bound)) (equal tiles \(f(equalImbalance)), reference cuts \(f(referenceImbalance)))",
          got: f(learnerImbalance),
          detail: problem
            ?? (learnerImbalance <= bound ? nil : "the cuts must follow the cost: a tile with much of it gets narrow")))
      report.metric("cost-max-over-mean-equal", equalImbalance, unit: "")
      report.metric("cost-max-over-mean-rebalanced", learnerImbalance, unit: "")
      let tile2 = learnerTiles.map { $0[rank] } ?? equalTiles[rank]
      let wall2 = try putOnWall(world, learner, tile: tile2, objects: bunched, label: "rebalanced-", report: &report)
      if let wall2 {
        let serial = try ParallelScene.render(bunched, width: wallWidth, height: wallHeight).color
        for c in wallChecks("rebalanced-wall-", wall2, serial: serial, directory: out) { report.add(c) }
      }
    }
  }

  /// One wall: this rank assigns objects to `tile` with the learner's function, renders them
  /// with the learner's tile camera, shows the result in its window, and rank 0 reads the
  /// wall back. `label` starts the names of its checks and metrics. Returns rank 0's
  /// read-back (nil elsewhere).
  static func putOnWall(
    _ world: Communicator, _ learner: Learner, tile: TileRect?, objects: [SceneObject], label: String,
    report: inout Report
  ) throws -> WallReadBack? {
    let ids =
      tile.map { Set(learner.objectsTouching($0, items(objects), ParallelScene.camera, wallWidth, wallHeight)) } ?? []
    let mine = objects.filter { ids.contains($0.id) }
    // Objects rendered by more than one rank: every rank learns every rank's ids.
    let everyone = try world.allGatherVarying(mine.map(\.id)).flatMap { $0 }
    let duplicated = Dictionary(grouping: everyone, by: { $0 }).values.filter { $0.count > 1 }.count
    report.metric("\(label)duplicated-objects", Double(duplicated), unit: "objects")
    var shown: TileShown
    if let tile {
      let view = learner.tileView(tile, wallWidth, wallHeight, ParallelScene.camera.viewAngle)
      let image = try renderTile(mine, tile: tile, view: view).image
      shown = try show(image, at: tile, title: "15 sort-first \(label)rank \(world.rank)")
      report.add(
        Checks.image(
          "\(label)tile-window", shown.onScreen, reference: image, tolerance: 0, badPixelBudget: 0,
          directory: Harness.outputDirectory(chapter: name)))
    } else {
      shown = TileShown(
        tile: nil, image: RGBAImage(width: 0, height: 0, pixels: []),
        onScreen: RGBAImage(width: 0, height: 0, pixels: []), window: nil)
    }
    let wall = try readWall(world, shown)
    // The windows stay until rank 0 has read the screen (readWall ends with a barrier after
    // the gather, and rank 0 reads before this one).
    try world.barrier()
    shown.window?.close()
    return wall
  }
}
