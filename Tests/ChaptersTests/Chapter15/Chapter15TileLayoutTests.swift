import Testing

@testable import Chapters

/// The equal layout: its shape, its order, and that it covers any screen exactly once.
@Suite struct Chapter15TileLayoutTests {
  @Test func gridShapes() {
    let shapes = (1...8).map { Chapter15.grid(ranks: $0) }
    #expect(shapes.map(\.columns) == [1, 2, 3, 2, 5, 3, 7, 4])
    #expect(shapes.map(\.rows) == [1, 1, 1, 2, 1, 2, 1, 2])
  }

  @Test(arguments: [(960, 540), (961, 541), (1001, 7), (13, 777), (6, 2), (1920, 1080)])
  func tilesCoverTheScreenExactlyOnce(width: Int, height: Int) {
    for ranks in 1...6 {
      let tiles = (0..<ranks).map { Chapter15.referenceTileRect($0, ranks, width, height) }
      #expect(Chapter15.coverageProblem(tiles, width, height) == nil, "\(ranks) ranks on \(width)x\(height): \(tiles)")
      // Sizes differ by at most one pixel each way.
      #expect((tiles.map(\.width).max() ?? 0) - (tiles.map(\.width).min() ?? 0) <= 1)
      #expect((tiles.map(\.height).max() ?? 0) - (tiles.map(\.height).min() ?? 0) <= 1)
    }
  }

  @Test func ranksGoRowByRowFromTheTopLeft() {
    let tiles = (0..<4).map { Chapter15.referenceTileRect($0, 4, 960, 540) }
    #expect(
      tiles == [
        Chapter15.TileRect(x: 0, y: 0, width: 480, height: 270),
        Chapter15.TileRect(x: 480, y: 0, width: 480, height: 270),
        Chapter15.TileRect(x: 0, y: 270, width: 480, height: 270),
        Chapter15.TileRect(x: 480, y: 270, width: 480, height: 270),
      ])
    // 3 ranks on 961 columns: 320, 320, 321.
    #expect((0..<3).map { Chapter15.referenceTileRect($0, 3, 961, 540).width } == [320, 320, 321])
  }

  @Test func coverageFindsGapsAndOverlaps() {
    let a = Chapter15.TileRect(x: 0, y: 0, width: 5, height: 4)
    #expect(
      Chapter15.coverageProblem([a], 6, 4) == "4 pixels in no tile, 0 in more than one, 0 tile pixels off the screen")
    #expect(
      Chapter15.coverageProblem([a, a], 5, 4)
        == "0 pixels in no tile, 20 in more than one, 0 tile pixels off the screen")
  }

  @Test func seamsAreBothSidesOfEveryInnerBorder() {
    let tiles = (0..<4).map { Chapter15.referenceTileRect($0, 4, 960, 540) }
    // Two columns over 540 rows and two rows over 960 columns, the four crossing pixels once.
    #expect(Chapter15.seamPixels(tiles).count == 2 * 540 + 2 * 960 - 4)
    #expect(Chapter15.seamPixels([Chapter15.TileRect(x: 0, y: 0, width: 960, height: 540)]).isEmpty)
  }
}
