import Foundation
import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

@Suite struct ChecksTests {
  @Test func exactPassesOnlyOnEquality() {
    #expect(Checks.exact("n", expected: 3, got: 3).passed)
    let fail = Checks.exact("n", expected: 3, got: 4)
    #expect(!fail.passed && fail.expected == "3" && fail.got == "4")
  }

  @Test func closeUsesTheLargerOfAbsoluteAndRelative() {
    #expect(Checks.close("x", expected: 100, got: 100.9, relative: 0.01).passed)
    #expect(!Checks.close("x", expected: 100, got: 101.5, relative: 0.01).passed)
    #expect(Checks.close("x", expected: 0, got: 1e-10, absolute: 1e-9).passed)
    #expect(!Checks.close("x", expected: 1, got: .nan, absolute: 1).passed)
  }

  @Test func allCloseNamesTheFirstBadIndex() {
    let r = Checks.allClose("v", expected: [1, 2, 3], got: [1, 2.5, 3], absolute: 0.1)
    #expect(!r.passed && r.got.contains("[1]"))
    #expect(!Checks.allClose("v", expected: [1], got: [1, 2]).passed)
  }

  @Test func setChecksReportMissingAndExtra() {
    let r = Checks.sameSet("ids", expected: Set([1, 2, 3]), got: Set([2, 3, 4]))
    #expect(!r.passed)
    #expect(r.detail?.contains("missing 1: 1") == true)
    #expect(r.detail?.contains("unexpected 1: 4") == true)
    #expect(Checks.sameSet("ids", expected: Set([1]), got: Set([1])).passed)
    #expect(Checks.subset("box", Set([1, 2]), of: Set([1, 2, 3])).passed)
    #expect(!Checks.subset("box", Set([1, 9]), of: Set([1, 2, 3])).passed)
  }

  @Test func countersAndBounds() {
    #expect(Checks.counter("tris", expected: 10, got: 10).passed)
    #expect(!Checks.counter("tris", expected: 10, got: 11).passed)
    #expect(Checks.within("f", 0.95...1.0, got: 0.96).passed)
    #expect(!Checks.within("f", 0.95...1.0, got: 0.9).passed)
    #expect(Checks.atLeast("s", 4.0, got: 4.0).passed)
    #expect(!Checks.atMost("s", 4.0, got: 4.1).passed)
  }

  @Test func imageCheckWritesThreeFilesOnFailure() throws {
    let dir = NSTemporaryDirectory() + "imgcheck-\(UUID().uuidString)"
    let reference = RGBAImage(width: 10, height: 10, fill: RGBA(0, 0, 0))
    var mine = reference
    for x in 0..<10 { mine[x, 5] = RGBA(255, 255, 255) }
    let fail = Checks.image("frame", mine, reference: reference, tolerance: 2, badPixelBudget: 0.05, directory: dir)
    #expect(!fail.passed)
    for suffix in ["yours", "reference", "diff"] {
      #expect(FileManager.default.fileExists(atPath: "\(dir)/frame-\(suffix).png"))
    }
    #expect(Checks.image("frame", mine, reference: reference, tolerance: 2, badPixelBudget: 0.2, directory: dir).passed)
    #expect(
      !Checks.image("size", RGBAImage(width: 2, height: 2, fill: .black), reference: reference, directory: dir).passed)
  }

  @Test func performanceCheckUsesTheMarginAndTheRatio() {
    let fast = Timings(samples: [1, 1, 1])
    let slow = Timings(samples: [4, 4, 4])
    let c = BenchmarkComparison(candidate: fast, baseline: slow)
    #expect(c.speedup == 4)
    #expect(Checks.faster("simd", comparison: c, atLeast: 4).passed)
    #expect(Checks.faster("simd", comparison: c, atLeast: 4.3, noiseMargin: 0.1).passed)
    #expect(!Checks.faster("simd", comparison: c, atLeast: 5, noiseMargin: 0.1).passed)
  }
}
