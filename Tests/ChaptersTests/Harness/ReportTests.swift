import Foundation
import Imaging
import Testing
import WorkbookContract
import WorkbookKit

@testable import Chapters

@Suite struct ReportTests {
  @Test func mergeReportsACheckOnceAndNamesFailingRanks() {
    let pass = ReportLine.check(CheckResult(name: "sum", kind: .exact, passed: true, expected: "6", got: "6"))
    let fail = ReportLine.check(CheckResult(name: "sum", kind: .exact, passed: false, expected: "6", got: "5"))
    let merged = Report.merge(perRank: [[pass], [fail], [fail]], ranks: 3)
    #expect(merged.count == 1)
    guard case .check(let c) = merged[0] else {
      Issue.record("not a check")
      return
    }
    #expect(!c.passed && c.ranks == 3)
    #expect(c.detail?.contains("failed on ranks 1, 2 of 3") == true)
    let allPass = Report.merge(perRank: [[pass], [pass]], ranks: 2)
    guard case .check(let ok) = allPass[0] else {
      Issue.record("not a check")
      return
    }
    #expect(ok.passed)
  }

  @Test func reportFileRoundTrip() throws {
    let path = NSTemporaryDirectory() + "report-\(UUID().uuidString).jsonl"
    var report = Report(echo: false)
    report.add(Checks.exact("a", expected: 1, got: 1))
    report.metric("t", 0.5, unit: "s")
    report.error("boom")
    try report.write(to: path)
    let lines = ReportFile.read(from: path)
    #expect(lines == report.lines)
    #expect(!report.allPassed)
  }
}
