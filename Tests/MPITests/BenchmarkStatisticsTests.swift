import MPIBench
import Testing

/// The benchmark's arithmetic: paired ratios, their interval, and the goal verdicts.
@Suite struct BenchmarkStatisticsTests {
  func row(_ a: [Double], _ b: [Double]) -> BenchmarkRow {
    var r = BenchmarkRow(bytes: 8)
    r.samples["A"] = a
    r.samples["B"] = b
    return r
  }

  @Test func pairedRatioComparesWithinEachRound() {
    // The machine is 10x slower in some rounds; A is 10 % slower than B in the same round,
    // except once. The ratio of the medians mixes slow and fast rounds and gets it badly wrong.
    let b = [1.0, 10, 10, 10, 1]
    let a = [1.1, 11, 11, 1.1, 1.1]
    let r = row(a, b)
    #expect(abs(r.pairedRatio("A", over: "B") - 1.1) < 1e-12)
    #expect(abs(r.median("A") / r.median("B") - 0.11) < 1e-12)
  }

  @Test func medianOfEvenCountAveragesTheMiddlePair() {
    let r = row([4, 1, 3, 2], [1, 1, 1, 1])
    #expect(r.median("A") == 2.5)
    #expect(r.pairedRatio("A", over: "B") == 2.5)
    #expect(r.median("missing").isNaN)
    #expect(r.pairedRatio("A", over: "missing").isNaN)
  }

  @Test func intervalWidensWithSpreadAndNarrowsWithSamples() {
    let tight = row([1.0, 1.01, 0.99, 1.0, 1.0, 1.01, 0.99, 1.0], [Double](repeating: 1, count: 8))
    let loose = row([1.0, 1.2, 0.8, 1.0, 1.1, 0.9, 1.3, 0.7], [Double](repeating: 1, count: 8))
    let t = tight.pairedRatioInterval("A", over: "B")
    let l = loose.pairedRatioInterval("A", over: "B")
    #expect(t.low <= t.median && t.median <= t.high)
    #expect(l.high - l.low > 5 * (t.high - t.low))
    // Fewer than 4 rounds: no interval, just the ratio.
    let few = row([1, 2, 3], [1, 1, 1]).pairedRatioInterval("A", over: "B")
    #expect(few.low == few.median && few.high == few.median)
  }

  @Test func verdictNeedsTheWholeIntervalOnOneSide() {
    #expect(BenchmarkTable.verdict((0.99, 0.985, 0.995), limit: 0.98, atLeast: true).hasPrefix("met"))
    #expect(BenchmarkTable.verdict((0.95, 0.94, 0.96), limit: 0.98, atLeast: true).hasPrefix("MISSED"))
    #expect(BenchmarkTable.verdict((0.975, 0.95, 1.0), limit: 0.98, atLeast: true).hasPrefix("not decided"))
    #expect(BenchmarkTable.verdict((1.01, 1.0, 1.02), limit: 1.05, atLeast: false).hasPrefix("met"))
    #expect(BenchmarkTable.verdict((1.2, 1.1, 1.3), limit: 1.05, atLeast: false).hasPrefix("MISSED"))
  }

  @Test func latencyLimitIsFivePercentOrFiftyNanoseconds() {
    // At 0.2 µs, 50 ns is 25 %: the looser bound applies. At 10 µs, 5 % applies.
    #expect(abs(BenchmarkTable.latencyLimit(c: 0.2e-6) - 1.25) < 1e-9)
    #expect(abs(BenchmarkTable.latencyLimit(c: 10e-6) - 1.05) < 1e-9)
  }

  @Test func sizesAreWrittenInTheLargestWholeUnit() {
    #expect(BenchmarkTable.size(0) == "0 B")
    #expect(BenchmarkTable.size(4000) == "4000 B")
    #expect(BenchmarkTable.size(4096) == "4 KiB")
    #expect(BenchmarkTable.size(4 << 20) == "4 MiB")
    #expect(BenchmarkTable.size(1536 << 10) == "1536 KiB")
  }
}
