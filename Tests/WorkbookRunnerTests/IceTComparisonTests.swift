import Foundation
import Testing
import WorkbookContract
import WorkbookRunner

/// Reading icet-bench's output and judging the goals of `workbook bench 17` against it.
@Suite struct IceTComparisonTests {
  let output = """
    some notice from mpirun
    RESULT strategy=COPY coverage=30 ranks=4 seconds=0.002 bytes=0 frames=21
    RESULT strategy=BSWAP coverage=30 ranks=4 seconds=0.0389 bytes=5019784 frames=21
    RESULT strategy=RADIXK coverage=30 ranks=4 seconds=0.0299 bytes=4067020 frames=21
    RESULT strategy=TREE coverage=30 ranks=4 seconds=broken bytes=1 frames=21
    """

  @Test func parsesResultLinesAndSkipsTheRest() {
    let r = IceTBench.parse(output)
    #expect(r.map(\.strategy) == ["COPY", "BSWAP", "RADIXK"])
    #expect(r[2] == IceTBench.Result(strategy: "RADIXK", coverage: 30, ranks: 4, seconds: 0.0299, bytes: 4_067_020))
  }

  func metrics(_ pairs: [(String, Double)]) -> [Metric] { pairs.map { Metric(name: $0.0, value: $0.1, unit: "") } }

  @Test func goalsAreJudgedAgainstIceTsFastestStrategy() {
    let ours = metrics([
      ("seconds-radix-k-30pct", 0.025), ("sent-radix-k-30pct", 3_000_000), ("messages-radix-k-30pct", 0.012),
      ("seconds-gather-to-rank-0-30pct", 0.060), ("seconds-radix-k-30pct-floor", 0.002),
    ])
    let goals = IceTComparison(ranks: 4, ours: ours, icet: IceTBench.parse(output)).goals(30)
    #expect(
      goals.map(\.name) == [
        "no slower than IceT", "no more bytes per rank than IceT", "at least 2× gather to rank 0",
        "within 2× of copy floor + messages",
      ])
    #expect(goals.allSatisfy { $0.met }, "\(goals)")
  }

  @Test func aSlowerOrChattierAlgorithmMissesItsGoals() {
    let ours = metrics([
      ("seconds-radix-k-30pct", 0.031), ("sent-radix-k-30pct", 4_100_000), ("messages-radix-k-30pct", 0.004),
      ("seconds-gather-to-rank-0-30pct", 0.050), ("seconds-radix-k-30pct-floor", 0.002),
    ])
    let goals = IceTComparison(ranks: 4, ours: ours, icet: IceTBench.parse(output)).goals(30)
    #expect(goals.count == 4)
    #expect(goals.allSatisfy { !$0.met }, "\(goals)")
    #expect(goals[0].detail.contains("IceT RADIXK 29.90 ms"))
  }

  @Test func noGoalsWithoutResultsOnBothSides() {
    #expect(IceTComparison(ranks: 2, ours: [], icet: IceTBench.parse(output)).goals(30).isEmpty)
    let ours = metrics([("seconds-radix-k-100pct", 0.01)])
    #expect(IceTComparison(ranks: 2, ours: ours, icet: IceTBench.parse(output)).coverages.isEmpty)
  }
}
