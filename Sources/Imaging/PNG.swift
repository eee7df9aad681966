import CZlib
import Foundation

/// Reading and writing PNG files (8-bit RGBA, non-interlaced), with zlib doing the compression.
///
/// The workbook writes every picture it makes as PNG: demo screenshots, the learner's image, the
/// reference and the difference when an image check fails. Reading is limited to what PNG
/// writers commonly produce for 8-bit colour: RGBA or RGB, no interlacing, any row filter.
public enum PNG {
  /// An error reading or writing a PNG file.
  public struct Error: Swift.Error, CustomStringConvertible {
    /// What is wrong with the file, e.g. "CRC mismatch in IDAT chunk".
    public let description: String
  }

  /// The PNG file bytes for `image`.
  public static func encode(_ image: RGBAImage) -> [UInt8] {
    var raw = [UInt8]()
    raw.reserveCapacity((4 * image.width + 1) * image.height)
    let rowBytes = 4 * image.width
    for y in 0..<image.height {
      raw.append(0)  // filter type 0: the row as it is
      raw.append(contentsOf: image.pixels[(y * rowBytes)..<((y + 1) * rowBytes)])
    }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header = [UInt8]()
    header.appendBigEndian(UInt32(image.width))
    header.appendBigEndian(UInt32(image.height))
    header.append(contentsOf: [8, 6, 0, 0, 0])  // 8 bits, colour type 6 (RGBA), deflate, no filter set, no interlace
    appendChunk("IHDR", header, to: &out)
    appendChunk("IDAT", deflate(raw), to: &out)
    appendChunk("IEND", [], to: &out)
    return out
  }

  /// Decodes PNG file bytes.
  /// - Throws: `PNG.Error` for anything but 8-bit RGB(A) non-interlaced images, or corrupt data.
  public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
    guard bytes.count > 8, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
      throw Error(description: "not a PNG file (bad signature)")
    }
    var at = 8
    var width = 0
    var height = 0
    var channels = 0
    var compressed = [UInt8]()
    while at + 8 <= bytes.count {
      let length = Int(bytes.readBigEndian(at))
      let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
      guard at + 12 + length <= bytes.count else { throw Error(description: "truncated \(type) chunk") }
      let body = Array(bytes[(at + 8)..<(at + 8 + length)])
      let crc = bytes.readBigEndian(at + 8 + length)
      guard crc == crc32Of(Array(bytes[(at + 4)..<(at + 8 + length)])) else {
        throw Error(description: "CRC mismatch in \(type) chunk")
      }
      switch type {
      case "IHDR":
        width = Int(body.readBigEndian(0))
        height = Int(body.readBigEndian(4))
        guard body[8] == 8, body[10] == 0, body[12] == 0 else {
          throw Error(description: "only 8-bit, non-interlaced PNGs are supported")
        }
        switch body[9] {
        case 6: channels = 4
        case 2: channels = 3
        default: throw Error(description: "colour type \(body[9]) is not supported (RGB or RGBA only)")
        }
      case "IDAT": compressed.append(contentsOf: body)
      case "IEND": at = bytes.count
      default: break
      }
      at += 12 + length
    }
    guard channels > 0 else { throw Error(description: "missing IHDR chunk") }
    let stride = channels * width
    let raw = try inflate(compressed, expected: (stride + 1) * height)
    var pixels = [UInt8](repeating: 255, count: 4 * width * height)
    var previous = [UInt8](repeating: 0, count: stride)
    for y in 0..<height {
      let filter = raw[y * (stride + 1)]
      var row = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
      try unfilter(&row, previous: previous, filter: filter, bytesPerPixel: channels)
      for x in 0..<width {
        for c in 0..<channels { pixels[4 * (y * width + x) + c] = row[channels * x + c] }
      }
      previous = row
    }
    return RGBAImage(width: width, height: height, pixels: pixels)
  }

  private static func unfilter(_ row: inout [UInt8], previous: [UInt8], filter: UInt8, bytesPerPixel bpp: Int) throws {
    for i in 0..<row.count {
      let a = i >= bpp ? Int(row[i - bpp]) : 0
      let b = Int(previous[i])
      let c = i >= bpp ? Int(previous[i - bpp]) : 0
      let predictor: Int
      switch filter {
      case 0: predictor = 0
      case 1: predictor = a
      case 2: predictor = b
      case 3: predictor = (a + b) / 2
      case 4:
        let p = a + b - c
        let pa = abs(p - a)
        let pb = abs(p - b)
        let pc = abs(p - c)
        predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
      default: throw Error(description: "unknown row filter \(filter)")
      }
      row[i] = UInt8(truncatingIfNeeded: Int(row[i]) + predictor)
    }
  }

  private static func appendChunk(_ type: String, _ body: [UInt8], to out: inout [UInt8]) {
    out.appendBigEndian(UInt32(body.count))
    let typed = Array(type.utf8) + body
    out.append(contentsOf: typed)
    out.appendBigEndian(crc32Of(typed))
  }

  private static func crc32Of(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
  }

  private static func deflate(_ data: [UInt8]) -> [UInt8] {
    var destLength = compressBound(uLong(data.count))
    var out = [UInt8](repeating: 0, count: Int(destLength))
    let status = out.withUnsafeMutableBufferPointer { dst in
      data.withUnsafeBufferPointer { src in
        compress2(dst.baseAddress, &destLength, src.baseAddress, uLong(src.count), 6)
      }
    }
    precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
    return Array(out[0..<Int(destLength)])
  }

  private static func inflate(_ data: [UInt8], expected: Int) throws -> [UInt8] {
    var destLength = uLong(expected)
    var out = [UInt8](repeating: 0, count: max(expected, 1))
    let status = out.withUnsafeMutableBufferPointer { dst in
      data.withUnsafeBufferPointer { src in
        uncompress(dst.baseAddress, &destLength, src.baseAddress, uLong(src.count))
      }
    }
    guard status == Z_OK, Int(destLength) == expected else {
      throw Error(description: "image data does not decompress to the size its header declares (zlib status \(status))")
    }
    return out
  }
}

extension RGBAImage {
  /// Writes the image as a PNG file, creating missing parent folders.
  /// - Throws: Foundation's error when the file cannot be written.
  public func writePNG(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(PNG.encode(self)).write(to: url, options: .atomic)
  }

  /// Reads a PNG file.
  /// - Throws: Foundation's error when the file cannot be read, `PNG.Error` when it is not a PNG we read.
  public static func readPNG(from path: String) throws -> RGBAImage {
    try PNG.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }
}

extension Array where Element == UInt8 {
  fileprivate mutating func appendBigEndian(_ v: UInt32) {
    append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
  }

  fileprivate func readBigEndian(_ at: Int) -> UInt32 {
    UInt32(self[at]) << 24 | UInt32(self[at + 1]) << 16 | UInt32(self[at + 2]) << 8 | UInt32(self[at + 3])
  }
}
