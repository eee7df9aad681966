import Foundation

/// Chapter 18's answer key (internal).
extension Chapter18 {
  /// The reference learner.
  static var reference: Learner { Learner(settings: referenceSettings) }

  /// Full detail when still. Moving: coarser when the last frame was over budget (the level
  /// first, then the reduction), finer only when the last two frames took under half the
  /// budget, so that settings do not flip every frame (chapter 04's hysteresis, in time).
  static func referenceSettings(_ motion: Motion) -> FrameSettings {
    guard motion.moving else { return .full }
    var s = motion.previous
    // The first moving frame after a still one starts from a safe guess: one step coarser.
    if s == .full { return FrameSettings(level: 1, reduction: 2) }
    guard let last = motion.recentSeconds.last else { return s }
    if last > motion.budget {
      if s.level < coarsestLevel {
        s.level += 1
      } else if s.reduction < maximumReduction {
        s.reduction *= 2
      }
    } else if motion.recentSeconds.suffix(2).count == 2,
      motion.recentSeconds.suffix(2).allSatisfy({ $0 < 0.5 * motion.budget })
    {
      if s.reduction > 1 {
        s.reduction /= 2
      } else if s.level > 0 {
        s.level -= 1
      }
    }
    return s
  }
}
