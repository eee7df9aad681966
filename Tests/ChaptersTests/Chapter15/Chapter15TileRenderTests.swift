import Foundation
import Imaging
import Testing
import WorkbookKit

@testable import Chapters

/// Tiles rendered by VTK with the tile camera, against the same pixels of one full render: the
/// measurement behind the chapter's image tolerance. Needs a display (Stage starts Xvfb when
/// there is none).
@Suite(.serialized) struct Chapter15TileRenderTests {
  /// Differences of the tiles of `layout` pasted together against the full render.
  struct Tally {
    var pixels = 0, off1 = 0, off2 = 0, offMore = 0, worst = 0
    var seamPixels = 0, seamOffMore = 0, seamWorst = 0
  }

  static func tally(_ objects: [SceneObject], tiles: [Chapter15.TileRect], full: RGBAImage) throws -> Tally {
    var wall = RGBAImage(width: full.width, height: full.height, fill: .black)
    for tile in tiles {
      let ids = Set(
        Chapter15.referenceObjectsTouching(
          tile, Chapter15.items(objects), ParallelScene.camera, full.width, full.height))
      let view = Chapter15.referenceTileView(tile, full.width, full.height, ParallelScene.camera.viewAngle)
      let image = try Chapter15.renderTile(objects.filter { ids.contains($0.id) }, tile: tile, view: view).image
      wall.paste(image, x: tile.x, y: tile.y)
    }
    var t = Tally()
    for y in 0..<full.height {
      for x in 0..<full.width {
        let d = wall[x, y].distance(to: full[x, y])
        t.pixels += 1
        t.worst = max(t.worst, d)
        if d == 1 { t.off1 += 1 } else if d == 2 { t.off2 += 1 } else if d > 2 { t.offMore += 1 }
      }
    }
    for p in Chapter15.seamPixels(tiles) {
      let d = wall[p.x, p.y].distance(to: full[p.x, p.y])
      t.seamPixels += 1
      t.seamWorst = max(t.seamWorst, d)
      if d > Chapter15.wallTolerance { t.seamOffMore += 1 }
    }
    return t
  }

  /// Equal and cost-cut tiles for 2 to 6 ranks on both scenes stay within the wall's tolerance
  /// and budget; the numbers are printed for the lesson.
  @Test func tilesEqualTheFullRenderWithinTheWallTolerance() throws {
    let scenes: [(String, [SceneObject])] = [
      ("uniform", Chapter15.checkScene(ranks: 2)),
      ("bunched", ParallelScene.objects(count: Chapter15.objectCount, layout: .bunched)),
    ]
    var total = Tally()
    for (sceneName, objects) in scenes {
      let full = try ParallelScene.render(objects, width: Chapter15.wallWidth, height: Chapter15.wallHeight).color
      for ranks in 2...6 {
        let equal = (0..<ranks).map {
          Chapter15.referenceTileRect($0, ranks, Chapter15.wallWidth, Chapter15.wallHeight)
        }
        let cut = try #require(
          Chapter15.balancedTiles(Chapter15.reference.balancedCuts, objects: objects, ranks: ranks).tiles)
        for (layoutName, tiles) in [("equal", equal), ("cut", cut)] {
          let t = try Self.tally(objects, tiles: tiles, full: full)
          print(
            "tile-render \(sceneName) \(ranks) ranks \(layoutName): off by 1: \(t.off1), by 2: \(t.off2), more: \(t.offMore), worst \(t.worst); seams \(t.seamOffMore) of \(t.seamPixels) off by more than \(Chapter15.wallTolerance), worst \(t.seamWorst)"
          )
          #expect(Double(t.offMore) <= Chapter15.wallBudget * Double(t.pixels))
          #expect(Double(t.seamOffMore) <= Chapter15.seamBudget * Double(t.seamPixels))
          total.pixels += t.pixels
          total.off1 += t.off1
          total.off2 += t.off2
          total.offMore += t.offMore
          total.worst = max(total.worst, t.worst)
          total.seamPixels += t.seamPixels
          total.seamOffMore += t.seamOffMore
          total.seamWorst = max(total.seamWorst, t.seamWorst)
        }
      }
    }
    print(
      "tile-render total: \(total.pixels) pixels, off by 1: \(total.off1), by 2: \(total.off2), more: \(total.offMore), worst \(total.worst); seams \(total.seamOffMore) of \(total.seamPixels), worst \(total.seamWorst)"
    )
  }

  /// Handed every object and a tile camera, VTK's own frustum culler (vtkFrustumCoverageCuller,
  /// whose planes come from the camera's composite projection, window centre included) draws
  /// only the props near the tile: at least those the tile needs, far fewer than all.
  @Test func vtkCullsPropsOutsideTheTileByItself() throws {
    let objects = Chapter15.checkScene(ranks: 4)
    for rank in 0..<4 {
      let tile = Chapter15.referenceTileRect(rank, 4, 960, 540)
      let stage = try Stage(width: tile.width, height: tile.height, background: ParallelScene.background)
      let actors = objects.map(ParallelScene.actor)
      for a in actors { stage.renderer.add(a) }
      let camera = stage.renderer.activeCamera
      camera.configure(from: ParallelScene.camera)
      let view = Chapter15.referenceTileView(tile, 960, 540, ParallelScene.camera.viewAngle)
      camera.viewAngle = view.viewAngle
      camera.windowCenter = view.windowCenter
      stage.renderFrame()
      let needed = Chapter15.referenceObjectsTouching(tile, Chapter15.items(objects), ParallelScene.camera, 960, 540)
        .count
      print(
        "vtk-culler tile \(tile): VTK drew \(stage.renderer.propsRendered) of \(objects.count) props; the tile needs \(needed)"
      )
      #expect(stage.renderer.propsRendered >= needed)
      #expect(stage.renderer.propsRendered < objects.count * 3 / 4)
    }
  }
}
