import Foundation
import Imaging
import Testing

@Suite struct ImageTests {
  @Test func flipTwiceIsIdentity() {
    var image = RGBAImage(width: 3, height: 2, fill: .black)
    image[0, 0] = RGBA(1, 2, 3)
    let flipped = image.flippedVertically()
    #expect(flipped[0, 1] == RGBA(1, 2, 3))
    #expect(flipped[0, 0] == .black)
    #expect(flipped.flippedVertically() == image)
  }

  @Test func gridPlacesImagesInRowsWithGaps() {
    let red = RGBAImage(width: 2, height: 2, fill: RGBA(255, 0, 0))
    let blue = RGBAImage(width: 2, height: 2, fill: RGBA(0, 0, 255))
    let grid = RGBAImage.grid([red, blue, red], columns: 2, gap: 1, background: .white)
    #expect(grid.width == 5 && grid.height == 5)
    #expect(grid[0, 0] == RGBA(255, 0, 0))
    #expect(grid[2, 0] == .white)
    #expect(grid[3, 1] == RGBA(0, 0, 255))
    #expect(grid[1, 4] == RGBA(255, 0, 0))
    #expect(grid[4, 4] == .white)
  }

  @Test func comparisonCountsPixelsBeyondTolerance() {
    let a = RGBAImage(width: 4, height: 4, fill: RGBA(100, 100, 100))
    var b = a
    b[0, 0] = RGBA(103, 100, 100)  // off by 3
    b[1, 0] = RGBA(100, 101, 100)  // off by 1
    b[2, 0] = RGBA(100, 100, 100, 0)  // alpha only: ignored
    let cmp = ImageComparison(b, reference: a, tolerance: 2)
    #expect(cmp.badPixels == 1)
    #expect(cmp.maxDifference == 3)
    #expect(cmp.diff[0, 0] == RGBA(255, 0, 0))
    #expect(ImageComparison(a, reference: a, tolerance: 0).badPixels == 0)
  }

  @Test func depthRangeAndVisualisation() {
    var depth = DepthImage(width: 2, height: 1)
    depth[0, 0] = 0.25
    #expect(depth.range == 0.25...1)
    let picture = depth.visualized()
    #expect(picture[1, 0] == .black)  // far = background
    #expect(picture[0, 0] != .black)
  }
}
