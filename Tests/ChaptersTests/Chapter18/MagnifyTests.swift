import Foundation
import Testing

@testable import Chapters

/// Nearest magnification of the reduced image, at sizes the factor divides and sizes it does
/// not, and the reduced size (rounded up, as VTK's parallel render manager does).
@Suite struct MagnifyTests {
  @Test(arguments: [(480, 360, 1), (480, 360, 2), (480, 360, 4), (642, 481, 4), (641, 479, 2), (5, 3, 4), (1, 1, 2)])
  func everyFullPixelIsItsReducedPixel(width: Int, height: Int, factor: Int) {
    let (w, h) = Chapter18.reducedSize(width: width, height: height, factor: factor)
    #expect(w * factor >= width && (w - 1) * factor < width)
    #expect(h * factor >= height && (h - 1) * factor < height)
    let reduced = Chapter18.Image(width: w, height: h, pixels: (0..<w * h).map { UInt32($0) })
    let full = Chapter18.referenceMagnify(reduced, factor, width, height)
    #expect(full.count == width * height)
    for y in 0..<height {
      for x in 0..<width where full[y * width + x] != UInt32((y / factor) * w + x / factor) {
        Issue.record("(\(x), \(y)) at \(width)x\(height) / \(factor)")
        return
      }
    }
  }

  @Test func reducedSizesRoundUp() {
    #expect(Chapter18.reducedSize(width: 642, height: 481, factor: 4) == (161, 121))
    #expect(Chapter18.reducedSize(width: 480, height: 360, factor: 4) == (120, 90))
    #expect(Chapter18.reducedSize(width: 480, height: 360, factor: 1) == (480, 360))
  }

  @Test func theOffByOneRowVariantIsCaught() {
    let reduced = Chapter18.Image(width: 4, height: 3, pixels: (0..<12).map { UInt32($0) })
    #expect(Chapter18.magnifyOffByOneRow(reduced, 2, 8, 6) != Chapter18.referenceMagnify(reduced, 2, 8, 6))
  }
}
