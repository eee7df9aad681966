/// Which image row is stored first.
public enum RowOrder: Sendable, Equatable {
  /// Row 0 is the bottom row: OpenGL's and VTK's window coordinates (y up), the order
  /// `vtkRenderWindow::GetZbufferData` fills.
  case bottomUp
  /// Row 0 is the top row: the order of `RGBAImage`, of PNG files and of the screen.
  case topDown
}

/// A depth image: one `Float` per pixel, window depth in [0, 1] (0 at the near plane, 1 at the
/// far plane and where nothing was drawn), as OpenGL and VTK's z-buffer store it.
///
/// The row order is part of the value (`rowOrder`), not a convention to remember: `self[x, y]`
/// counts y in that order, `inRowOrder(_:)` converts (and copies only when the order differs),
/// and `visualized()` always gives a top-down picture. CPU rasterisers and VTK's z-buffer work
/// bottom-up; `RGBAImage` and PNG files are top-down, so sort-last compositing, which pairs a
/// depth image with an `RGBAImage`, asks for `.topDown`.
///
/// ```swift
/// var depth = DepthImage(width: 320, height: 240)            // bottom-up, cleared to 1 (far)
/// depth[10, 0] = 0.5                                        // a pixel of the bottom row
/// let sameRows = window.captureDepth(rowOrder: .topDown)     // matches window.captureColor()
/// ```
public struct DepthImage: Equatable, Sendable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// Which row `values[0 ..< width]` is.
  public let rowOrder: RowOrder
  /// `width * height` depths, row by row in `rowOrder`: pixel (x, y) is `values[y * width + x]`.
  public var values: [Float]

  /// - Precondition: `values.count == width * height`.
  public init(width: Int, height: Int, values: [Float], rowOrder: RowOrder = .bottomUp) {
    precondition(
      width >= 0 && height >= 0 && values.count == width * height,
      "expected \(width * height) depths, got \(values.count)")
    self.width = width
    self.height = height
    self.rowOrder = rowOrder
    self.values = values
  }

  /// An image with every pixel at `value` (1: the far plane, nothing drawn yet).
  public init(width: Int, height: Int, clearedTo value: Float = 1, rowOrder: RowOrder = .bottomUp) {
    self.init(
      width: width, height: height, values: [Float](repeating: value, count: width * height), rowOrder: rowOrder)
  }

  /// The depth in column `x`, row `y`, rows counted in `rowOrder` (row 0 is the bottom for
  /// `.bottomUp`). Only the array's bounds are checked, so an `x` past the right edge reads the
  /// next row.
  public subscript(x: Int, y: Int) -> Float {
    get { values[y * width + x] }
    set { values[y * width + x] = newValue }
  }

  /// Smallest and largest depth, or nil for an empty image.
  public var range: ClosedRange<Float>? {
    guard let lo = values.min(), let hi = values.max() else { return nil }
    return lo...hi
  }

  /// The same picture stored in `order`: the rows reversed when it differs, `self` otherwise.
  public func inRowOrder(_ order: RowOrder) -> DepthImage {
    guard order != rowOrder else { return self }
    var out = [Float](repeating: 0, count: values.count)
    for y in 0..<height {
      let src = y * width
      let dst = (height - 1 - y) * width
      out[dst..<(dst + width)] = values[src..<(src + width)]
    }
    return DepthImage(width: width, height: height, values: out, rowOrder: order)
  }

  /// A grey picture of the image for humans, top row first: nearer is lighter, and pixels at
  /// depth 1 (nothing drawn) are black. Depths in `range` (by default the drawn pixels' own
  /// range) are stretched over grey levels 255 down to 50, so small differences show and the
  /// farthest drawn pixel still stands out from the black background.
  public func visualized(range: ClosedRange<Float>? = nil) -> RGBAImage {
    let top = inRowOrder(.topDown)
    let finite = values.filter { $0 < 1 }
    let lo = range?.lowerBound ?? finite.min() ?? 0
    let hi = range?.upperBound ?? finite.max() ?? 1
    let span = max(hi - lo, .leastNonzeroMagnitude)
    var image = RGBAImage(width: width, height: height, fill: .black)
    for y in 0..<height {
      for x in 0..<width {
        let d = top[x, y]
        guard d < 1 else { continue }
        let g = UInt8(max(0, min(255, (1 - (d - lo) / span) * 205 + 50)))
        image[x, y] = RGBA(g, g, g)
      }
    }
    return image
  }
}
