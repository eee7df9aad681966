import Testing
import WorkbookKit

@testable import Chapters

/// Which objects a tile renders: everything whose projected bounds cover one of its pixel
/// centres, an object across a border in both tiles, an object through the near plane in all.
@Suite struct Chapter15ObjectsPerTileTests {
  typealias Tile = Chapter15.TileRect
  let left = Tile(x: 0, y: 0, width: 480, height: 540), right = Tile(x: 480, y: 0, width: 480, height: 540)

  func assigned(_ object: SceneObject, _ tile: Tile) -> Bool {
    Chapter15.referenceObjectsTouching(tile, Chapter15.items([object]), ParallelScene.camera, 960, 540) == [object.id]
  }

  @Test func objectOnTheBorderGoesToBothTiles() throws {
    let border = try #require(Chapter15.borderObject(id: 0, ranks: 2))
    #expect(assigned(border, left) && assigned(border, right))
    // Its centre projects onto the border column itself.
    let vp = ParallelScene.camera.viewProjection(aspect: 960.0 / 540.0)
    let c = vp.transform(point: border.center)
    #expect(abs((c.x / c.w + 1) / 2 * 960 - 480) < 1e-9)
    // By its centre alone it belongs to one tile only: the mistake the check is for.
    let items = Chapter15.items([border])
    let byCentre = [left, right].map { Chapter15.centreOnly($0, items, ParallelScene.camera, 960, 540) == [0] }
    #expect(byCentre.filter { $0 }.count == 1)
    // The same object sits on the border of tiles 0 and 1 for 3 and 4 ranks.
    for ranks in [3, 4] {
      let o = try #require(Chapter15.borderObject(id: 0, ranks: ranks))
      let t0 = Chapter15.referenceTileRect(0, ranks, 960, 540)
      let t1 = Chapter15.referenceTileRect(1, ranks, 960, 540)
      #expect(assigned(o, t0) && assigned(o, t1))
      if ranks == 4 { #expect(!assigned(o, Chapter15.referenceTileRect(2, 4, 960, 540))) }
    }
  }

  /// Pixel column 479 is drawn only if its centre 479.5 is covered.
  @Test func rectanglesAreTestedAtPixelCentres() {
    let endsAtBorder = (minX: 400.0, maxX: 480.0, minY: 10.0, maxY: 20.0)
    #expect(Chapter15.touches(endsAtBorder, left) && !Chapter15.touches(endsAtBorder, right))
    let startsAtBorder = (minX: 480.0, maxX: 500.0, minY: 10.0, maxY: 20.0)
    #expect(!Chapter15.touches(startsAtBorder, left) && Chapter15.touches(startsAtBorder, right))
    let coversCentre = (minX: 479.5, maxX: 500.0, minY: 10.0, maxY: 20.0)
    #expect(Chapter15.touches(coversCentre, left) && Chapter15.touches(coversCentre, right))
    // Between two centres: no pixel at all.
    let sliver = (minX: 479.6, maxX: 480.4, minY: 10.0, maxY: 20.0)
    #expect(!Chapter15.touches(sliver, left) && !Chapter15.touches(sliver, right))
    // The two-pixel margin of the check's upper bound.
    #expect(Chapter15.touches(startsAtBorder, left, margin: 2))
  }

  @Test func objectThroughTheNearPlaneGoesEverywhereAndHiddenObjectsNowhere() {
    // The camera is at z = 62 with the near plane 20 in front of it (z = 42).
    let near = SceneObject(id: 7, center: SIMD3(0, 0, 45), radius: 5, resolution: 8, color: .one)
    let behind = SceneObject(id: 8, center: SIMD3(0, 0, 80), radius: 1, resolution: 8, color: .one)
    let aside = SceneObject(id: 9, center: SIMD3(200, 0, 0), radius: 1, resolution: 8, color: .one)
    for tile in [left, right, Tile(x: 900, y: 500, width: 60, height: 40)] {
      #expect(assigned(near, tile))
      #expect(!assigned(behind, tile))  // wholly behind the eye
      #expect(!assigned(aside, tile))
    }
  }

  @Test func everyVisibleObjectLandsInSomeTileAndDuplicatesAreCounted() {
    let objects = Chapter15.checkScene(ranks: 4)
    let all = Chapter15.items(objects)
    let tiles = (0..<4).map { Chapter15.referenceTileRect($0, 4, 960, 540) }
    let ids = tiles.map { Set(Chapter15.referenceObjectsTouching($0, all, ParallelScene.camera, 960, 540)) }
    let whole = Set(
      Chapter15.referenceObjectsTouching(Tile(x: 0, y: 0, width: 960, height: 540), all, ParallelScene.camera, 960, 540)
    )
    #expect(ids.reduce(Set<Int>()) { $0.union($1) } == whole)
    let counted = Chapter15.duplicates(ids)
    #expect(counted == whole.filter { id in ids.filter { $0.contains(id) }.count > 1 }.count)
    #expect(counted > 0)
  }
}
