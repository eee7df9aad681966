import Foundation
import Imaging
import Testing

@Suite struct PNGTests {
  func gradient(width: Int = 37, height: Int = 23) -> RGBAImage {
    var image = RGBAImage(width: width, height: height, fill: .black)
    for y in 0..<height {
      for x in 0..<width { image[x, y] = RGBA(UInt8(x * 7 % 256), UInt8(y * 11 % 256), UInt8((x ^ y) % 256), UInt8(truncatingIfNeeded: 255 - x)) }
    }
    return image
  }

  @Test func roundTripKeepsEveryByte() throws {
    let image = gradient()
    let decoded = try PNG.decode(PNG.encode(image))
    #expect(decoded == image)
  }

  @Test func fileStartsWithSignatureAndHeader() {
    let bytes = PNG.encode(gradient(width: 300, height: 2))
    #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
    // Width 300 big-endian at offset 16.
    #expect(Array(bytes[16..<20]) == [0, 0, 1, 44])
  }

  @Test func corruptChunkIsRejected() throws {
    var bytes = PNG.encode(gradient())
    bytes[40] ^= 0xFF
    #expect(throws: PNG.Error.self) { try PNG.decode(bytes) }
  }

  @Test func notAPNGIsRejected() {
    #expect(throws: PNG.Error.self) { try PNG.decode(Array("hello, world".utf8)) }
  }

  @Test func writeAndReadAFile() throws {
    let path = NSTemporaryDirectory() + "pngtest-\(UUID().uuidString)/a/b.png"
    let image = gradient()
    try image.writePNG(to: path)
    #expect(try RGBAImage.readPNG(from: path) == image)
  }
}

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
