import Foundation
import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

@Suite struct LODPolicyTests {
  let chain = LODChain.sphere(radius: 2, segments: [128, 64, 32, 16, 8])

  @Test func sphereChainHasFewerTrianglesAndLargerErrorsPerLevel() {
    #expect(chain.levels.map(\.triangles) == [16128, 3968, 960, 224, 48])
    for (a, b) in zip(chain.levels, chain.levels.dropFirst()) {
      #expect(b.triangles < a.triangles && b.geometricError > a.geometricError)
    }
    // 8 segments: the chord error is r (1 - cos(π/8)).
    #expect(abs(chain.levels[4].geometricError - 2 * (1 - 0.9238795325112867)) < 1e-12)
  }

  @Test func selectionPicksTheCoarsestLevelWithinThreshold() {
    let e = chain.errors
    let ppu = 1000.0
    // Far away everything fits: the coarsest level.
    #expect(ScreenSpaceError.select(errors: e, distance: 1e6, pixelsPerUnit: ppu, threshold: 1) == 4)
    // Right at the eye nothing fits: level 0 (distance 0 is clamped, no division by zero).
    #expect(ScreenSpaceError.select(errors: e, distance: 0, pixelsPerUnit: ppu, threshold: 1) == 0)
    // Exactly at the threshold counts as good enough.
    let d = e[2] * ppu / 1.0
    #expect(ScreenSpaceError.select(errors: e, distance: d, pixelsPerUnit: ppu, threshold: 1) == 2)
    #expect(ScreenSpaceError.select(errors: e, distance: d * 0.999, pixelsPerUnit: ppu, threshold: 1) == 1)
  }

  @Test func hysteresisRefinesAtOnceButCoarsensLate() {
    let e = chain.errors
    let ppu = 1000.0
    let d2 = e[2] * ppu  // level 2 is exactly 1 px here
    // Moving slightly closer than d2 makes level 2 too coarse: refine immediately.
    #expect(
      ScreenSpaceError.selectWithHysteresis(
        errors: e, distance: d2 * 0.99, pixelsPerUnit: ppu, threshold: 1,
        band: 0.3, previous: 2) == 1)
    // Moving back out to d2 · 1.1: the plain rule would coarsen to 2; hysteresis keeps 1
    // until level 2's error drops below 0.7 px, i.e. beyond d2 / 0.7.
    #expect(ScreenSpaceError.select(errors: e, distance: d2 * 1.1, pixelsPerUnit: ppu, threshold: 1) == 2)
    #expect(
      ScreenSpaceError.selectWithHysteresis(
        errors: e, distance: d2 * 1.1, pixelsPerUnit: ppu, threshold: 1,
        band: 0.3, previous: 1) == 1)
    #expect(
      ScreenSpaceError.selectWithHysteresis(
        errors: e, distance: d2 / 0.69, pixelsPerUnit: ppu, threshold: 1,
        band: 0.3, previous: 1) == 2)
    // With no band, hysteresis is the plain rule.
    for d in stride(from: 10.0, to: 20_000, by: 37) {
      for p in 0..<5 {
        #expect(
          ScreenSpaceError.selectWithHysteresis(
            errors: e, distance: d, pixelsPerUnit: ppu, threshold: 1, band: 0, previous: p)
            == ScreenSpaceError.select(errors: e, distance: d, pixelsPerUnit: ppu, threshold: 1))
      }
    }
  }

  @Test func hysteresisReducesSwitchesOnAnOscillatingPath() {
    let e = chain.errors
    let ppu = 1000.0
    let d2 = e[2] * ppu
    let path = (0..<100).map { d2 * (1 + 0.05 * sin(Double($0))) }
    let plain = path.map { ScreenSpaceError.select(errors: e, distance: $0, pixelsPerUnit: ppu, threshold: 1) }
    var prev = plain[0]
    let sticky = path.map { d -> Int in
      prev = ScreenSpaceError.selectWithHysteresis(
        errors: e, distance: d, pixelsPerUnit: ppu, threshold: 1, band: 0.3, previous: prev)
      return prev
    }
    #expect(ScreenSpaceError.switches(plain) > 20)
    #expect(ScreenSpaceError.switches(sticky) <= 1)
  }

  @Test func greedyStaysWithinBudgetAndPrefersBenefitPerCost() {
    // Object 0: a big upgrade that is poor value; object 1: a small one that is good value.
    let options: [[LODOption]] = [
      [LODOption(cost: 10, benefit: 12), LODOption(cost: 1, benefit: 1)],
      [LODOption(cost: 3, benefit: 8), LODOption(cost: 1, benefit: 1)],
    ]
    #expect(BudgetSelector.greedy(options, budget: 5) == [1, 0])  // 1 + 3 = 4 ≤ 5
    #expect(BudgetSelector.greedy(options, budget: 13) == [0, 0])  // both fit
    #expect(BudgetSelector.greedy(options, budget: 2) == [1, 1])  // only the cheapest
    // Infeasible: even the cheapest exceed the budget; everyone stays at the cheapest.
    #expect(BudgetSelector.greedy(options, budget: 1) == [1, 1])
    #expect(BudgetSelector.totals(options, [1, 0]) == (cost: 4, benefit: 9))
  }

  @Test func greedyOnEmptyScenes() {
    #expect(BudgetSelector.greedy([], budget: 1).isEmpty)
    #expect(BudgetSelector.totals([], []) == (cost: 0, benefit: 0))
    #expect(ScreenSpaceError.switches([]) == 0)
  }

  @Test func greedyStaysCloseToTheOptimumOnSmallRandomCases() {
    var rng = SeededRandom(seed: 5)
    for _ in 0..<200 {
      let options = (0..<3).map { _ in
        (0..<3).map { _ in LODOption(cost: rng.uniform(0.1...5), benefit: rng.uniform(0...10)) }
      }
      let budget = rng.uniform(1...10)
      let g = BudgetSelector.greedy(options, budget: budget)
      let gt = BudgetSelector.totals(options, g)
      // Brute force over all 27 choices.
      var best = -1.0
      var feasible = false
      for a in 0..<3 {
        for b in 0..<3 {
          for c in 0..<3 {
            let t = BudgetSelector.totals(options, [a, b, c])
            if t.cost <= budget {
              best = max(best, t.benefit)
              feasible = true
            }
          }
        }
      }
      if feasible {
        #expect(gt.cost <= budget)
        // The greedy may miss the optimum, but (here) never by more than one option's benefit.
        #expect(gt.benefit <= best + 1e-9)
        #expect(best - gt.benefit <= options.flatMap { $0 }.map(\.benefit).max()! + 1e-9)
      }
    }
  }

  @Test func feedbackStartsAtFullDetailAndLearnsOneFrameLate() {
    var f = FeedbackSelector(objects: 1, levels: 3)
    #expect(f.choose(0, allocated: 0.01) == 0)  // unmeasured: looks cheap
    f.record(0, level: 0, seconds: 0.05)  // it was not
    #expect(f.choose(0, allocated: 0.01) == 1)  // level 1 still unmeasured (0.0001 s): fastest known
    f.record(0, level: 1, seconds: 0.008)
    f.record(0, level: 2, seconds: 0.001)
    #expect(f.choose(0, allocated: 0.01) == 1)  // slowest that fits
    #expect(f.choose(0, allocated: 0.005) == 2)
    #expect(f.choose(0, allocated: 0.0005) == 2)  // none fits: fastest
    #expect(f.choose(0, allocated: 0.1) == 0)
  }
}
