import Foundation
import Imaging
import Testing

@Suite struct PNGTests {
  func gradient(width: Int = 37, height: Int = 23) -> RGBAImage {
    var image = RGBAImage(width: width, height: height, fill: .black)
    for y in 0..<height {
      for x in 0..<width {
        image[x, y] = RGBA(
          UInt8(x * 7 % 256), UInt8(y * 11 % 256), UInt8((x ^ y) % 256), UInt8(truncatingIfNeeded: 255 - x))
      }
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
