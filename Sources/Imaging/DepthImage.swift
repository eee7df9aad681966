/// A depth buffer: one `Float` per pixel in [0, 1] (0 at the near plane, 1 at the far plane
/// and where nothing was drawn), rows from the top like `RGBAImage`.
///
/// Sort-last compositing keeps, for each pixel, the colour of the rank whose depth is smallest,
/// so every rank's capture is a colour image plus one of these.
public struct DepthImage: Equatable, Sendable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `width * height` depths, rows from the top.
  public var values: [Float]

  /// - Precondition: `values.count == width * height`.
  public init(width: Int, height: Int, values: [Float]) {
    precondition(values.count == width * height, "expected \(width * height) depths, got \(values.count)")
    self.width = width
    self.height = height
    self.values = values
  }

  /// A buffer cleared to `value` (1 = far plane, what OpenGL clears to).
  public init(width: Int, height: Int, clearedTo value: Float = 1) {
    self.init(width: width, height: height, values: [Float](repeating: value, count: width * height))
  }

  /// The depth in column `x`, row `y` (row 0 is the top). Unlike `RGBAImage`'s subscript it
  /// checks only the array bounds, so an `x` past the right edge reads the next row.
  public subscript(x: Int, y: Int) -> Float {
    get { values[y * width + x] }
    set { values[y * width + x] = newValue }
  }

  /// Smallest and largest depth, or nil for an empty buffer.
  public var range: ClosedRange<Float>? {
    guard let lo = values.min(), let hi = values.max() else { return nil }
    return lo...hi
  }

  /// The same buffer with rows in the opposite order.
  public func flippedVertically() -> DepthImage {
    var out = [Float](repeating: 0, count: values.count)
    for y in 0..<height {
      let src = y * width
      let dst = (height - 1 - y) * width
      out[dst..<(dst + width)] = values[src..<(src + width)]
    }
    return DepthImage(width: width, height: height, values: out)
  }

  /// A grey picture of the buffer for humans: nearer is lighter, and pixels at depth 1 (nothing
  /// drawn) are black. Depths in `range` (by default the drawn pixels' own range) are stretched
  /// over grey levels 255 down to 50, so small differences show and the farthest drawn pixel
  /// still stands out from the black background.
  public func visualized(range: ClosedRange<Float>? = nil) -> RGBAImage {
    let finite = values.filter { $0 < 1 }
    let lo = range?.lowerBound ?? finite.min() ?? 0
    let hi = range?.upperBound ?? finite.max() ?? 1
    let span = max(hi - lo, .leastNonzeroMagnitude)
    var image = RGBAImage(width: width, height: height, fill: .black)
    for y in 0..<height {
      for x in 0..<width {
        let d = self[x, y]
        guard d < 1 else { continue }
        let g = UInt8(max(0, min(255, (1 - (d - lo) / span) * 205 + 50)))
        image[x, y] = RGBA(g, g, g)
      }
    }
    return image
  }
}
