import Imaging

/// Chapter 00's answer key, used by the checks and the demo.
extension Chapter00 {
  /// The reference count: pixels differing from the background.
  static func referenceCount(_ image: RGBAImage) -> Int {
    let bg = background(of: image)
    return image.count { $0 != bg }
  }
}
