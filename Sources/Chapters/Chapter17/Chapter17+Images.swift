import MPI

/// The two kinds of image chapter 17 composites, behind one protocol so that one radix-k
/// serves both: opaque pixels (colour and depth, z-tested) and premultiplied translucent ones
/// (blended with "over").
protocol CompositeImage {
  /// Bytes one pixel takes on the wire.
  static var bytesPerPixel: Int { get }
  /// `count` empty pixels.
  init(empty count: Int)
  /// The number of pixels.
  var count: Int { get }
  /// Which pixels of `range` are drawn.
  func covered(_ range: Range<Int>) -> [Bool]
  /// The pixels `offset + i` for which `mask[i]`, in order.
  func gather(_ mask: [Bool], offset: Int) -> Self
  /// `mask.count` pixels: the next of `active` where `mask` is true, empty elsewhere.
  static func scatter(_ active: Self, mask: [Bool]) -> Self
  /// Pixels `range`, copied.
  func slice(_ range: Range<Int>) -> Self
  /// Sends all of self to `destination` and receives `n` pixels from `source`.
  func exchange(_ comm: Communicator, to destination: Int, from source: Int, receiving n: Int, tag: Int) throws -> Self
}

extension Chapter16.Pixels: CompositeImage {
  static var bytesPerPixel: Int { Chapter16.bytesPerPixel }
  init(empty count: Int) { self.init(count: count) }
  func covered(_ range: Range<Int>) -> [Bool] { depth[range].map { $0 < 1 } }
  func gather(_ mask: [Bool], offset: Int) -> Self {
    var c: [UInt32] = []
    var d: [Float] = []
    for (i, on) in mask.enumerated() where on {
      c.append(color[offset + i])
      d.append(depth[offset + i])
    }
    return Self(color: c, depth: d)
  }
  static func scatter(_ active: Self, mask: [Bool]) -> Self {
    var out = Self(count: mask.count)
    var next = 0
    for (i, on) in mask.enumerated() where on && next < active.count {
      out.color[i] = active.color[next]
      out.depth[i] = active.depth[next]
      next += 1
    }
    return out
  }
  func slice(_ range: Range<Int>) -> Self { self[range] }
  func exchange(_ comm: Communicator, to destination: Int, from source: Int, receiving n: Int, tag: Int) throws -> Self
  {
    var incoming = Self(count: n)
    try comm.sendReceive(color, to: destination, sendTag: tag, into: &incoming.color, from: source, receiveTag: tag)
    try comm.sendReceive(depth, to: destination, sendTag: tag, into: &incoming.depth, from: source, receiveTag: tag)
    return incoming
  }
}

extension Chapter17 {
  /// Translucent pixels: premultiplied RGBA as four Floats per pixel, (0, 0, 0, 0) where
  /// nothing was drawn. They are blended in Float and rounded to 8 bits once, at the end.
  struct Translucent: CompositeImage, Equatable {
    /// r, g, b, a of pixel 0, then of pixel 1, …
    var rgba: [Float]

    static var bytesPerPixel: Int { 16 }
    init(rgba: [Float]) { self.rgba = rgba }
    init(empty count: Int) { rgba = [Float](repeating: 0, count: 4 * count) }
    var count: Int { rgba.count / 4 }
    subscript(i: Int) -> Premultiplied {
      get { Premultiplied(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]) }
      set { for c in 0..<4 { rgba[4 * i + c] = newValue[c] } }
    }
    func covered(_ range: Range<Int>) -> [Bool] { range.map { rgba[4 * $0 + 3] > 0 } }
    func gather(_ mask: [Bool], offset: Int) -> Self {
      var out: [Float] = []
      for (i, on) in mask.enumerated() where on { out += rgba[4 * (offset + i)..<4 * (offset + i + 1)] }
      return Self(rgba: out)
    }
    static func scatter(_ active: Self, mask: [Bool]) -> Self {
      var out = Self(empty: mask.count)
      var next = 0
      for (i, on) in mask.enumerated() where on && next < active.count {
        out[i] = active[next]
        next += 1
      }
      return out
    }
    func slice(_ range: Range<Int>) -> Self { Self(rgba: Array(rgba[4 * range.lowerBound..<4 * range.upperBound])) }
    func exchange(_ comm: Communicator, to destination: Int, from source: Int, receiving n: Int, tag: Int) throws
      -> Self
    {
      var incoming = Self(empty: n)
      try comm.sendReceive(rgba, to: destination, sendTag: tag, into: &incoming.rgba, from: source, receiveTag: tag)
      return incoming
    }

    /// Each channel as an 8-bit level, rounded to nearest once.
    var levels: [UInt8] { rgba.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) } }
  }
}
