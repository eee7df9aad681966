import Foundation
import Imaging
import Launch
import MPI
import VTK
import Window
import WorkbookKit

/// The display wall: each rank renders its tile with VTK, shows it in an undecorated GLFW window
/// at the tile's place on the screen, and rank 0 reads the whole wall back from the X server.
/// Used by the checks and the demo alike.
extension Chapter15 {
  /// What one rank put on the wall.
  struct TileShown {
    /// The rank's tile (nil when the learner's tile was not a rectangle of the screen, so no
    /// window was opened).
    var tile: TileRect?
    /// What VTK rendered for the tile.
    var image: RGBAImage
    /// What the window showed when read back from the X server.
    var onScreen: RGBAImage
    /// The window; keep it until every rank has read the wall.
    var window: Window?
  }

  /// What rank 0 read back.
  struct WallReadBack {
    /// The screen rectangle of the wall, rows from the top.
    var screen: RGBAImage
    /// Every rank's tile (nil where a rank opened no window), in rank order.
    var tiles: [TileRect?]
    /// The picture the ranks meant to show, put together from their renders.
    var composed: RGBAImage
    /// Reads of the screen until it showed `composed` (1 when the first one did).
    var reads: Int
    /// Whether some read matched `composed`.
    var matched: Bool
  }

  /// Whether `tile` is a non-empty rectangle inside the wall.
  static func isOnWall(_ tile: TileRect) -> Bool {
    tile.width >= 1 && tile.height >= 1 && tile.x >= 0 && tile.y >= 0 && tile.maxX <= wallWidth
      && tile.maxY <= wallHeight
  }

  /// Renders `objects` for `tile` with the full view's camera narrowed by `view`. Returns the
  /// colour image (rows from the top) and the render time in seconds (the frame alone, after
  /// one warm-up frame, median of `frames` frames).
  static func renderTile(_ objects: [SceneObject], tile: TileRect, view: TileView, frames: Int = 1) throws
    -> (image: RGBAImage, seconds: Double)
  {
    let stage = try Stage(width: tile.width, height: tile.height, background: ParallelScene.background)
    let actors = objects.map(ParallelScene.actor)
    for a in actors { stage.renderer.add(a) }
    let camera = stage.renderer.activeCamera
    camera.configure(from: ParallelScene.camera)
    camera.viewAngle = view.viewAngle
    camera.windowCenter = view.windowCenter
    stage.renderFrame()
    var samples: [Double] = []
    for _ in 0..<frames { samples.append(stage.renderFrame()) }
    return (stage.window.captureColor(), Timings(samples: samples).median)
  }

  /// Opens this rank's window at `tile`'s place (undecorated, so that neighbours touch), shows
  /// `image` and reads the window back. The read-back (`XGetImage` after `glFinish`) is a round
  /// trip to the X server: when it returns, the server has drawn what this rank sent.
  static func show(_ image: RGBAImage, at tile: TileRect?, title: String) throws -> TileShown {
    guard let tile else { return TileShown(tile: nil, image: image, onScreen: image, window: nil) }
    try HeadlessDisplay.ensureForThisProcess()
    let window = try Window(
      title: title, width: tile.width, height: tile.height, position: (tile.x, tile.y), decorated: false)
    window.show(image)
    let onScreen = try window.capture()
    return TileShown(tile: tile, image: image, onScreen: onScreen, window: window)
  }

  /// After every rank has shown its tile: rank 0 gets every tile and image, and reads the wall
  /// from the screen. Returns nil on the other ranks. Every rank must call it.
  ///
  /// X is asynchronous: each rank's own read-back already waited for its drawing, and the
  /// barrier orders those before rank 0's read, so the first read should show every tile. If
  /// it does not (a window still being mapped, a slow server), rank 0 reads again for up to
  /// `patience` seconds.
  static func readWall(_ world: Communicator, _ shown: TileShown, patience: Double = 3) throws -> WallReadBack? {
    let t = shown.tile
    let rects = try world.allGather(t.map { [$0.x, $0.y, $0.width, $0.height] } ?? [0, 0, 0, 0])
    let images = try world.gatherVarying(shown.image.pixels)
    try world.barrier()
    guard world.rank == 0, let images else { return nil }
    let tiles: [TileRect?] = (0..<world.size).map { r in
      let v = Array(rects[(4 * r)..<(4 * r + 4)])
      return v[2] > 0 ? TileRect(x: v[0], y: v[1], width: v[2], height: v[3]) : nil
    }
    var composed = RGBAImage(width: wallWidth, height: wallHeight, fill: .black)
    for (r, tile) in tiles.enumerated() {
      guard let tile else { continue }
      composed.paste(
        RGBAImage(width: tile.width, height: tile.height, pixels: images[r]).opaque(), x: tile.x, y: tile.y)
    }
    // Overlapping windows stack in an order nobody chose; then no read can match, so read once.
    let placed = tiles.compactMap { $0 }
    let overlapping =
      placed.count != tiles.count
      || placed.enumerated().contains { i, a in
        placed[(i + 1)...].contains { b in a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY }
      }
    let deadline = Date().addingTimeInterval(patience)
    var reads = 0
    while true {
      let screen = try Window.captureScreen(x: 0, y: 0, width: wallWidth, height: wallHeight)
      reads += 1
      let matched = ImageComparison(screen, reference: composed, tolerance: 0).badPixels == 0
      if matched || overlapping || Date() >= deadline {
        return WallReadBack(screen: screen, tiles: tiles, composed: composed, reads: reads, matched: matched)
      }
      usleep(50_000)
    }
  }

  /// The pixels on both sides of every border between tiles: for a tile with x > 0, columns
  /// x − 1 and x over its rows; for y > 0, rows y − 1 and y over its columns.
  static func seamPixels(_ tiles: [TileRect]) -> [(x: Int, y: Int)] {
    var seen = Set<Int>()
    var out: [(x: Int, y: Int)] = []
    func add(_ x: Int, _ y: Int) {
      if seen.insert(y * wallWidth + x).inserted { out.append((x, y)) }
    }
    for t in tiles {
      if t.x > 0 {
        for y in t.y..<t.maxY {
          add(t.x - 1, y)
          add(t.x, y)
        }
      }
      if t.y > 0 {
        for x in t.x..<t.maxX {
          add(x, t.y - 1)
          add(x, t.y)
        }
      }
    }
    return out
  }

  /// `image`'s pixels inside `tile`.
  static func crop(_ image: RGBAImage, _ tile: TileRect) -> RGBAImage {
    var out = RGBAImage(width: tile.width, height: tile.height, fill: .black)
    for y in 0..<tile.height {
      for x in 0..<tile.width { out[x, y] = image[tile.x + x, tile.y + y] }
    }
    return out
  }

  /// The wall as one image with a one-pixel line along the tile borders, for people.
  static func outlined(_ image: RGBAImage, _ tiles: [TileRect]) -> RGBAImage {
    var out = image.opaque()
    for p in seamPixels(tiles) where p.x < out.width && p.y < out.height {
      let c = out[p.x, p.y]
      out[p.x, p.y] = RGBA(UInt8(min(255, Int(c.r) / 2 + 128)), UInt8(min(255, Int(c.g) / 2 + 128)), c.b / 2)
    }
    return out
  }

  /// Every rank must see the same X display, or rank 0 reads a screen the others never drew on.
  static func requireOneDisplay(_ world: Communicator) throws {
    try HeadlessDisplay.ensureForThisProcess()
    let mine = Array(("\(Environment.processorName) \(ProcessInfo.processInfo.environment["DISPLAY"] ?? "")").utf8)
    let all = try world.allGatherVarying(mine)
    if Set(all).count > 1 {
      let names = all.map { String(decoding: $0, as: UTF8.self) }
      throw WallError(
        description:
          "the ranks do not share one X display (\(names.joined(separator: ", "))): a display wall needs them all on one screen; run through ./workbook, which gives every rank the same DISPLAY"
      )
    }
  }

  /// A display wall that cannot be put together (the ranks on different displays).
  struct WallError: Error, CustomStringConvertible {
    /// What is wrong, in a sentence.
    let description: String
  }
}
