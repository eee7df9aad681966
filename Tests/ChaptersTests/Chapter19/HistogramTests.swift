import Foundation
import Testing
import WorkbookKit

@testable import Chapters

/// Chapter 19's histograms: every synchronised version equals the serial one, the racy one loses
/// updates, and the result check tells them apart.
@Suite(.serialized) struct HistogramTests {
  static let values = Chapter19.makeValues(count: 300_007, seed: 7)

  @Test func binRuleClampsBothEnds() {
    #expect(Chapter19.bin(of: 0, bins: 4) == 0)
    #expect(Chapter19.bin(of: 0.999_999, bins: 4) == 3)
    #expect(Chapter19.bin(of: 1, bins: 4) == 3)
    #expect(Chapter19.bin(of: -0.5, bins: 4) == 0)
    #expect(Chapter19.bin(of: 0.5, bins: 4) == 2)
  }

  @Test func valuesAreInTheUnitIntervalAndRepeatable() {
    #expect(Self.values.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(Chapter19.makeValues(count: 1000, seed: 7) == Array(Self.values.prefix(1000)))
  }

  @Test func serialCountsEveryValueOnce() {
    let h = Chapter19.serialHistogram(Self.values, bins: 16)
    #expect(h.reduce(0, +) == Self.values.count)
    #expect(h == (0..<16).map { b in Self.values.filter { Chapter19.bin(of: $0, bins: 16) == b }.count })
    #expect(Chapter19.serialHistogram([], bins: 3) == [0, 0, 0])
  }

  @Test(arguments: [1, 2, 3, 4, 7])
  func synchronisedVersionsEqualSerial(threads: Int) {
    let expected = Chapter19.serialHistogram(Self.values, bins: 5)
    #expect(Chapter19.partialsHistogram(Self.values, bins: 5, threads: threads) == expected)
    #expect(Chapter19.atomicHistogram(Self.values, bins: 5, threads: threads) == expected)
    #expect(Chapter19.lockedHistogram(Self.values, bins: 5, threads: threads) == expected)
    #expect(Chapter19.lockPerTaskHistogram(Self.values, bins: 5, threads: threads) == expected)
    // Fewer values than threads, and none.
    #expect(Chapter19.partialsHistogram([0.2], bins: 5, threads: threads) == [0, 1, 0, 0, 0])
    #expect(Chapter19.partialsHistogram([], bins: 5, threads: threads) == [0, 0, 0, 0, 0])
  }

  @Test func countCheckPassesTheReference() {
    let data = Chapter19.makeValues(count: 200_003, seed: 3)
    #expect(Chapter19.checkCounts(Chapter19.reference.histogram, values: data, bins: 4).passed)
  }

  /// The race is real and the check sees it: on two or more cores, threads incrementing shared
  /// counters without synchronisation lose updates within the check's twelve runs (four bins,
  /// two million values, as the check uses).
  @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
  func countCheckCatchesTheRace() {
    let data = Chapter19.makeValues(count: Chapter19.raceValues, seed: 1919)
    let r = Chapter19.checkCounts(
      { Chapter19.racyHistogram($0, bins: $1, threads: $2) }, values: data, bins: Chapter19.raceBins)
    #expect(!r.passed)
    #expect(r.got.contains("lost"), "\(r.got)")
  }

  @Test func countCheckCatchesMovedCounts() {
    // Right total, wrong bins: an off-by-one bin rule.
    let shifted: ([Float], Int, Int) -> [Int] = { v, bins, _ in
      var c = [Int](repeating: 0, count: bins)
      for x in v { c[min(Int(x * Float(bins)) + 1, bins - 1)] += 1 }
      return c
    }
    let r = Chapter19.checkCounts(shifted, values: Chapter19.makeValues(count: 1000, seed: 1), bins: 4)
    #expect(!r.passed && r.got.contains("moved between bins"))
  }

  @Test func privateCountersCountExactlyAtAnySpacing() {
    for spacing in [8, 64, 128] {
      #expect(Chapter19.privateCounters(threads: 2, spacing: spacing, increments: 10_000) == [10_000, 10_000])
    }
  }

  @Test(arguments: [1, 2, 3])
  func threadedCullingKeepsTheSameBoxes(workers: Int) {
    let boxes = Chapter06.makeBoxes(count: 5_003)
    let frustum = Frustum(viewProjection: Chapter06.sceneCamera.viewProjection(aspect: Chapter06.aspect))
    let job = Chapter19.CullingJob(boxes: boxes, workers: workers)
    defer { job.free() }
    let kept = job.cull(frustum.floatPlanes)
    let whole = Set(BoxBatch(boxes).cull(frustum.floatPlanes).map(Int.init))
    #expect(job.ids(kept: kept) == whole)
    #expect(!whole.isEmpty)
  }
}
