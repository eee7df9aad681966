/// Chapter 18 done wrong (see `ChapterVariants`).
extension Chapter18 {
  static var variants: [String: () -> Never] {
    [
      // Full detail whether the camera moves or not: the still frame's time on every frame.
      "18-always-full": { check(with(settings: { _ in .full })) },
      // A still camera keeps whatever the moving frames used: never back to full detail.
      "18-never-back-to-full": { check(with(settings: { $0.moving ? referenceSettings($0) : $0.previous })) },
      // Coarser after a frame over budget, finer after any frame under it: no hysteresis.
      "18-flip-flop": { check(with(settings: flipFlop)) },
      // The moving policy on every frame, still or not: coarse before anything has moved.
      "18-ignores-motion": {
        check(
          with(settings: {
            referenceSettings(
              Motion(moving: true, previous: $0.previous, recentSeconds: $0.recentSeconds, budget: $0.budget))
          }))
      },
      // The number of levels used as the coarsest level's index: level 3 of levels 0...2.
      "18-level-count-as-index": {
        check(
          with(settings: { m in
            let s = referenceSettings(m)
            return s == movingStart ? FrameSettings(level: coarsestLevel + 1, reduction: s.reduction) : s
          }))
      },
      // Each full row takes the reduced row below the right one (the last row repeated).
      "18-magnify-off-by-one-row": { check(with(magnify: magnifyOffByOneRow)) },
    ]
  }

  /// The reference with one function replaced.
  static func with(
    settings: ((Motion) -> FrameSettings)? = nil, magnify: ((Image, Int, Int, Int) -> [UInt32])? = nil
  ) -> Learner {
    Learner(settings: settings ?? reference.settings, magnify: magnify ?? reference.magnify)
  }

  static func flipFlop(_ motion: Motion) -> FrameSettings {
    guard motion.moving else { return .full }
    var s = motion.previous == .full ? movingStart : motion.previous
    guard let last = motion.recentSeconds.last, motion.previous != .full else { return s }
    if last > motion.budget {
      if s.level < coarsestLevel { s.level += 1 } else if s.reduction < maximumReduction { s.reduction *= 2 }
    } else if s.reduction > 1 {
      s.reduction /= 2
    } else if s.level > 0 {
      s.level -= 1
    }
    return s
  }

  static func magnifyOffByOneRow(_ reduced: Image, _ factor: Int, _ fullWidth: Int, _ fullHeight: Int) -> [UInt32] {
    var out = [UInt32](repeating: 0, count: fullWidth * fullHeight)
    for y in 0..<fullHeight {
      let row = min(y / factor + 1, reduced.height - 1) * reduced.width
      for x in 0..<fullWidth { out[y * fullWidth + x] = reduced.pixels[row + x / factor] }
    }
    return out
  }
}
