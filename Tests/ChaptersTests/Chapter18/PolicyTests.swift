import Foundation
import Testing

@testable import Chapters

/// The reference frame-settings policy: full detail when still, a coarse start, coarser after
/// a frame over budget, finer only after a quiet run; and the hysteresis check's model.
@Suite struct PolicyTests {
  typealias S = Chapter18.FrameSettings

  func motion(_ moving: Bool, _ previous: S, _ seconds: [Double], budget: Double = 0.09) -> Chapter18.Motion {
    Chapter18.Motion(moving: moving, previous: previous, recentSeconds: seconds, budget: budget)
  }

  @Test func stillIsFullDetailWhateverCameBefore() {
    for previous in [S.full, S(level: 2, reduction: 4), S(level: 1, reduction: 2)] {
      #expect(Chapter18.referenceSettings(motion(false, previous, [0.01, 0.5])) == .full)
    }
  }

  @Test func aMoveStartsCoarse() {
    #expect(Chapter18.referenceSettings(motion(true, .full, [0.3, 0.3])) == Chapter18.movingStart)
  }

  @Test func overBudgetGoesCoarserLevelFirstThenReduction() {
    #expect(Chapter18.referenceSettings(motion(true, S(level: 1, reduction: 2), [0.1])) == S(level: 2, reduction: 2))
    #expect(Chapter18.referenceSettings(motion(true, S(level: 2, reduction: 2), [0.1])) == S(level: 2, reduction: 4))
    #expect(Chapter18.referenceSettings(motion(true, S(level: 2, reduction: 4), [0.1])) == S(level: 2, reduction: 4))
  }

  @Test func finerOnlyAfterAQuietRun() {
    let s = S(level: 2, reduction: 2)
    // Under budget but not under a third of it: stay.
    #expect(Chapter18.referenceSettings(motion(true, s, [0.05, 0.05, 0.05, 0.05])) == s)
    // A third of the budget, but not yet `history` frames of it: stay.
    #expect(Chapter18.referenceSettings(motion(true, s, [0.02, 0.02, 0.02])) == s)
    // Quiet for `history` frames: the reduction first, then the level.
    #expect(Chapter18.referenceSettings(motion(true, s, [0.02, 0.02, 0.02, 0.02])) == S(level: 2, reduction: 1))
    #expect(
      Chapter18.referenceSettings(motion(true, S(level: 2, reduction: 1), [0.02, 0.02, 0.02, 0.02]))
        == S(level: 1, reduction: 1))
  }

  @Test func theReferenceHardlyChangesOnTheModelAndFlipFlopDoes() {
    for (name, scenario) in Chapter18.scenarios {
      var a = Chapter18.InRange()
      var b = Chapter18.InRange()
      let reference = Chapter18.simulate(Chapter18.referenceSettings, scenario, &a, name)
      let flipFlop = Chapter18.simulate(Chapter18.flipFlop, scenario, &b, name)
      #expect(reference <= 2, "\(name): \(reference)")
      #expect(flipFlop > reference + 3, "\(name): \(flipFlop)")
      #expect(a.bad == 0 && b.bad == 0)
    }
  }

  @Test func outOfRangeSettingsAreClampedAndCounted() {
    var r = Chapter18.InRange()
    #expect(r.clamp(S(level: 3, reduction: 8), "here") == S(level: 2, reduction: 4))
    #expect(r.clamp(S(level: -1, reduction: 3), "there") == S(level: 0, reduction: 2))
    #expect(r.clamp(S(level: 1, reduction: 2), "fine") == S(level: 1, reduction: 2))
    #expect(r.bad == 2)
    #expect(r.first == "level 3, 1/8 here")
  }
}
