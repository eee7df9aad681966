/// The result of comparing an image with a reference pixel by pixel.
///
/// A pixel is *bad* when any of its R, G, B samples differs from the reference by more than the
/// tolerance. Checks accept an image when the bad pixels stay within a budget, which absorbs the
/// rasteriser's edge differences without hiding a wrong picture.
public struct ImageComparison: Sendable {
  /// Pixels whose largest channel difference exceeds the tolerance.
  public let badPixels: Int
  /// All pixels compared.
  public let totalPixels: Int
  /// The largest channel difference seen anywhere (0 for identical images).
  public let maxDifference: Int
  /// Bad pixels in red on a dimmed copy of the reference; good pixels keep their dimmed colour.
  public let diff: RGBAImage

  /// Compares `image` with `reference`.
  /// - Parameters:
  ///   - tolerance: largest per-channel difference still counted as equal.
  /// - Precondition: both images have the same size.
  public init(_ image: RGBAImage, reference: RGBAImage, tolerance: Int) {
    precondition(
      image.width == reference.width && image.height == reference.height,
      "cannot compare a \(image.width)x\(image.height) image with a \(reference.width)x\(reference.height) reference")
    var bad = 0
    var worst = 0
    var diff = RGBAImage(width: image.width, height: image.height, fill: .black)
    for y in 0..<image.height {
      for x in 0..<image.width {
        let a = image[x, y]
        let b = reference[x, y]
        let d = a.distance(to: b)
        worst = max(worst, d)
        if d > tolerance {
          bad += 1
          diff[x, y] = RGBA(255, 0, 0)
        } else {
          diff[x, y] = RGBA(b.r / 3, b.g / 3, b.b / 3)
        }
      }
    }
    badPixels = bad
    totalPixels = image.width * image.height
    maxDifference = worst
    self.diff = diff
  }

  /// Bad pixels as a fraction of all pixels.
  public var badFraction: Double { totalPixels == 0 ? 0 : Double(badPixels) / Double(totalPixels) }
}
