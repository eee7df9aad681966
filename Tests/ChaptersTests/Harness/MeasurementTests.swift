import Foundation
import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

@Suite struct MeasurementTests {
  @Test func medianOfOddAndEvenCounts() {
    #expect(Timings(samples: [3, 1, 2]).median == 2)
    #expect(Timings(samples: [4, 1, 3, 2]).median == 2.5)
    #expect(Timings(samples: []).median.isNaN)
  }

  @Test func measureRunsWarmupPlusRuns() {
    var calls = 0
    let m = Benchmark.measure(runs: 5, warmup: 2) { calls += 1 }
    #expect(calls == 7)
    #expect(m.samples.count == 5)
    #expect(m.samples.allSatisfy { $0 >= 0 })
  }

  @Test func describeChoosesAUnit() {
    #expect(Benchmark.describe(seconds: 0.00142) == "1.42 ms")
    #expect(Benchmark.describe(seconds: 2.5e-7) == "250 ns")
  }
}
