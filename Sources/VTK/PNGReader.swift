import CVTKBridge
import Imaging

/// Reads PNG files with VTK's own decoder. Wraps `vtkPNGReader`.
///
/// The workbook writes PNGs with its own encoder (`Imaging`); reading them back with an
/// independent decoder is how the tests know the files are right, and an instructor can load
/// reference pictures made elsewhere.
public enum PNGReader {
  /// The image in the file, rows from the top, or nil when VTK cannot read it as 8-bit RGB(A).
  /// Wraps `vtkPNGReader` through `vtkb_png_read`.
  public static func read(_ path: String) -> RGBAImage? {
    var width: Int32 = 0
    var height: Int32 = 0
    var components: Int32 = 0
    do {
      // First the size, then the pixels as VTK stores them: RGB or RGBA, rows from the bottom.
      try check(vtkb_png_read(path, &width, &height, &components, nil, 0))
      let (w, h, c) = (Int(width), Int(height), Int(components))
      var raw = [UInt8](repeating: 0, count: c * w * h)
      try check(
        raw.withUnsafeMutableBufferPointer {
          vtkb_png_read(path, &width, &height, &components, $0.baseAddress, Int64($0.count))
        })
      // The file may have changed between the two reads: give up rather than mix them.
      guard Int(width) == w, Int(height) == h, Int(components) == c else { return nil }
      let pixels = c == 4 ? raw : rgbaFromRGB(raw, count: w * h)
      return RGBAImage(width: w, height: h, pixels: pixels).flippedVertically()
    } catch {
      return nil
    }
  }

  /// RGB triples to RGBA quadruples with alpha 255.
  private static func rgbaFromRGB(_ rgb: [UInt8], count: Int) -> [UInt8] {
    var rgba = [UInt8](repeating: 255, count: 4 * count)
    for i in 0..<count {
      rgba[4 * i] = rgb[3 * i]
      rgba[4 * i + 1] = rgb[3 * i + 1]
      rgba[4 * i + 2] = rgb[3 * i + 2]
    }
    return rgba
  }
}
