import Foundation

/// Chapter 18's answer key (internal).
extension Chapter18 {
  /// The reference learner.
  static var reference: Learner { Learner(settings: referenceSettings, magnify: referenceMagnify) }

  /// A moving frame after a still one starts from this guess: coarse enough to meet the budget
  /// at once (a full-detail guess would miss it on the first frame of every move).
  static let movingStart = FrameSettings(level: coarsestLevel, reduction: 2)

  /// Full detail when still. Moving: start from `movingStart`; one step coarser (the level
  /// first, then the reduction) after a frame over budget; one step finer (the reduction
  /// first, then the level) only when the last `history` frames all took under a third of
  /// the budget. A finer step can cost up to four times as much (half the reduction is four
  /// times the pixels), so anything less than that margin would go over and come back: the
  /// gap between the two thresholds is the hysteresis.
  static func referenceSettings(_ motion: Motion) -> FrameSettings {
    guard motion.moving else { return .full }
    var s = motion.previous
    if s == .full { return movingStart }
    guard let last = motion.recentSeconds.last else { return s }
    if last > motion.budget {
      if s.level < coarsestLevel {
        s.level += 1
      } else if s.reduction < maximumReduction {
        s.reduction *= 2
      }
    } else if motion.recentSeconds.count >= history,
      motion.recentSeconds.suffix(history).allSatisfy({ $0 < motion.budget / 3 })
    {
      if s.reduction > 1 {
        s.reduction /= 2
      } else if s.level > 0 {
        s.level -= 1
      }
    }
    return s
  }

  /// Nearest magnification: pixel (x, y) of the full image is pixel (x / factor,
  /// y / factor) of the reduced one.
  static func referenceMagnify(_ reduced: Image, _ factor: Int, _ fullWidth: Int, _ fullHeight: Int) -> [UInt32] {
    if factor == 1 && reduced.width == fullWidth && reduced.height == fullHeight { return reduced.pixels }
    var out = [UInt32](repeating: 0, count: fullWidth * fullHeight)
    out.withUnsafeMutableBufferPointer { o in
      reduced.pixels.withUnsafeBufferPointer { src in
        for y in 0..<fullHeight {
          let row = (y / factor) * reduced.width
          for x in 0..<fullWidth { o[y * fullWidth + x] = src[row + x / factor] }
        }
      }
    }
    return out
  }
}
