/// Chapter 17 done wrong (see `ChapterVariants`).
extension Chapter17 {
  static var variants: [String: () -> Never] {
    [
      // The encoder sends every piece as one active run: empty pixels travel too.
      "17-rle-full-run": { check(with(encodeRuns: fullRun)) },
      // The same, with the pure checks skipped: the composite is right, the traffic is not.
      "17-rle-full-run-traffic": { check(with(encodeRuns: fullRun), pureChecks: false) },
      // Every round groups consecutive ranks (stride 1) instead of ranks one stride apart.
      "17-groups-consecutive": { check(with(schedule: consecutiveGroups)) },
      // The same, with the pure checks skipped: the composite itself is wrong.
      "17-groups-consecutive-composite": { check(with(schedule: consecutiveGroups), pureChecks: false) },
      // Back over front: the front piece is treated as the back one.
      "17-over-reversed": { check(with(over: { referenceOver($1, $0) })) },
      // The same, with the pure checks skipped: the ordered composite is wrong.
      "17-over-reversed-composite": { check(with(over: { referenceOver($1, $0) }), pureChecks: false) },
      // Colours treated as straight (not premultiplied): the front colour is multiplied by its
      // alpha a second time.
      "17-over-straight-alpha": { check(with(over: straightOver)) },
      // Not a mistake: the reference, which must pass every check (run at 6 ranks too).
      "17-reference": { check(reference) },
    ]
  }

  /// The reference with one function replaced.
  static func with(
    encodeRuns: (([Bool]) -> [UInt32])? = nil, schedule: ((Int, [Int]) -> [Round])? = nil,
    over: ((Premultiplied, Premultiplied) -> Premultiplied)? = nil
  ) -> Learner {
    Learner(
      encodeRuns: encodeRuns ?? reference.encodeRuns, decodeRuns: reference.decodeRuns,
      schedule: schedule ?? reference.schedule, over: over ?? reference.over)
  }

  static func fullRun(_ covered: [Bool]) -> [UInt32] { covered.isEmpty ? [] : [0, UInt32(covered.count)] }

  static func consecutiveGroups(_ rank: Int, _ factors: [Int]) -> [Round] {
    factors.map { f in
      let base = rank / f * f
      return Round(group: (0..<f).map { base + $0 }, keep: rank - base)
    }
  }

  static func straightOver(_ front: Premultiplied, _ back: Premultiplied) -> Premultiplied {
    let a = front.w
    var out = front * a + back * (1 - a)
    out.w = a + back.w * (1 - a)
    return out
  }
}
