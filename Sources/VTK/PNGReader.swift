import CVTKBridge
import Imaging

/// Reads PNG files with VTK's own decoder. Wraps `vtkPNGReader`.
///
/// The workbook writes PNGs with its own encoder (`Imaging`); reading them back with an
/// independent decoder is how the tests know the files are right, and an instructor can load
/// reference pictures made elsewhere.
public enum PNGReader {
  /// The image in the file, rows from the top, or nil when VTK cannot read it as 8-bit RGB(A).
  public static func read(_ path: String) -> RGBAImage? {
    var width: Int32 = 0, height: Int32 = 0
    guard vtkb_png_read(path, &width, &height, nil) != 0 else { return nil }
    var pixels = [UInt8](repeating: 0, count: 4 * Int(width) * Int(height))
    let ok = pixels.withUnsafeMutableBufferPointer { vtkb_png_read(path, &width, &height, $0.baseAddress) }
    guard ok != 0 else { return nil }
    // VTK's images start at the bottom row.
    return RGBAImage(width: Int(width), height: Int(height), pixels: pixels).flippedVertically()
  }
}
