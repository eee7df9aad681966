/// An image of 8-bit red, green, blue and alpha samples, stored row by row from the top.
///
/// Every part of the workbook that makes or shows pixels speaks this type: VTK captures
/// (`RenderWindow.captureColor()`), GLFW windows (`Window.show(_:)`), the compositing code
/// and the image checks. Rows run top to bottom, as in PNG files; the wrappers flip OpenGL's
/// bottom-up rows on the way in and out.
///
/// ```swift
/// var image = RGBAImage(width: 4, height: 2, fill: .black)
/// image[1, 0] = RGBA(255, 0, 0)
/// try image.writePNG(to: "out/red-dot.png")
/// ```
public struct RGBAImage: Equatable, Sendable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// Samples, `4 * width * height` bytes: R, G, B, A for each pixel, rows from the top.
  public var pixels: [UInt8]

  /// Wraps existing samples.
  /// - Precondition: `pixels.count == 4 * width * height`.
  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(width >= 0 && height >= 0, "image size must not be negative")
    precondition(pixels.count == 4 * width * height, "expected \(4 * width * height) bytes, got \(pixels.count)")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// An image filled with one colour.
  public init(width: Int, height: Int, fill: RGBA) {
    var row = [UInt8]()
    row.reserveCapacity(4 * width * height)
    for _ in 0..<(width * height) { row.append(contentsOf: [fill.r, fill.g, fill.b, fill.a]) }
    self.init(width: width, height: height, pixels: row)
  }

  /// The pixel in column `x`, row `y` (row 0 is the top).
  public subscript(x: Int, y: Int) -> RGBA {
    get {
      let i = offset(x, y)
      return RGBA(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }
    set {
      let i = offset(x, y)
      pixels[i] = newValue.r
      pixels[i + 1] = newValue.g
      pixels[i + 2] = newValue.b
      pixels[i + 3] = newValue.a
    }
  }

  private func offset(_ x: Int, _ y: Int) -> Int {
    precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
    return 4 * (y * width + x)
  }

  /// The same image with alpha 255 everywhere. VTK clears its background with alpha 0, which
  /// image viewers show as transparent (often white); pictures for people should be opaque.
  public func opaque() -> RGBAImage {
    var out = self
    for i in stride(from: 3, to: out.pixels.count, by: 4) { out.pixels[i] = 255 }
    return out
  }

  /// The same image with its rows in the opposite order (top-down to bottom-up and back).
  public func flippedVertically() -> RGBAImage {
    var out = [UInt8](repeating: 0, count: pixels.count)
    let rowBytes = 4 * width
    for y in 0..<height {
      let src = y * rowBytes
      let dst = (height - 1 - y) * rowBytes
      out[dst..<(dst + rowBytes)] = pixels[src..<(src + rowBytes)]
    }
    return RGBAImage(width: width, height: height, pixels: out)
  }

  /// Copies `other` into this image with its top-left corner at (`x`, `y`), clipping at the edges.
  public mutating func paste(_ other: RGBAImage, x: Int, y: Int) {
    for row in 0..<other.height where y + row >= 0 && y + row < height {
      for col in 0..<other.width where x + col >= 0 && x + col < width {
        self[x + col, y + row] = other[col, row]
      }
    }
  }

  /// Lays images out in a grid, row by row, `columns` wide, separated by `gap` pixels of `background`.
  /// Cells are as large as the largest image.
  public static func grid(_ images: [RGBAImage], columns: Int, gap: Int = 4, background: RGBA = .black) -> RGBAImage {
    precondition(columns > 0, "a grid needs at least one column")
    guard !images.isEmpty else { return RGBAImage(width: 0, height: 0, pixels: []) }
    let cellW = images.map(\.width).max()!
    let cellH = images.map(\.height).max()!
    let rows = (images.count + columns - 1) / columns
    let cols = min(columns, images.count)
    var out = RGBAImage(
      width: cols * cellW + (cols - 1) * gap, height: rows * cellH + (rows - 1) * gap, fill: background)
    for (i, image) in images.enumerated() {
      out.paste(image, x: (i % columns) * (cellW + gap), y: (i / columns) * (cellH + gap))
    }
    return out
  }

  /// How many pixels satisfy `predicate`.
  public func count(where predicate: (RGBA) -> Bool) -> Int {
    var n = 0
    for y in 0..<height {
      for x in 0..<width where predicate(self[x, y]) { n += 1 }
    }
    return n
  }
}

/// One pixel: red, green, blue, alpha, each 0...255.
public struct RGBA: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The samples, 0...255; alpha 255 is opaque.
  public var r: UInt8, g: UInt8, b: UInt8, a: UInt8

  /// A colour from byte samples, opaque unless `a` says otherwise.
  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
    self.r = r
    self.g = g
    self.b = b
    self.a = a
  }

  /// A colour from components in 0...1 (as VTK takes them), rounded to the nearest byte.
  public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
    func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
    self.init(byte(red), byte(green), byte(blue), byte(alpha))
  }

  /// Opaque black, the usual background.
  public static let black = RGBA(0, 0, 0)
  /// Opaque white.
  public static let white = RGBA(255, 255, 255)
  /// Transparent black (alpha 0). VTK's captures also have alpha 0 wherever nothing was drawn;
  /// see `RGBAImage.opaque()`.
  public static let clear = RGBA(0, 0, 0, 0)

  /// The largest difference between the two colours over R, G and B (alpha ignored).
  public func distance(to other: RGBA) -> Int {
    max(abs(Int(r) - Int(other.r)), abs(Int(g) - Int(other.g)), abs(Int(b) - Int(other.b)))
  }

  /// `rgba(r, g, b, a)` with the byte values.
  public var description: String { "rgba(\(r), \(g), \(b), \(a))" }
}
