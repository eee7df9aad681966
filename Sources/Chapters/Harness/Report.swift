import Foundation
import WorkbookContract

/// Collects a harness run's checks and metrics, prints them for people, and writes them for the
/// runner.
///
/// Human output is one line per check (`PASS name` / `FAIL name: expected …, got …`) and per
/// metric. `write(to:)` appends every line as JSON (`ReportLine`); the chapter harness calls it
/// with the file the environment variable `WORKBOOK_REPORT` names, which is what the runner
/// reads.
struct Report: Sendable {
  /// Everything added so far, in order.
  private(set) var lines: [ReportLine] = []
  /// Whether to print each line as it is added.
  var echo: Bool

  /// An empty report. MPI harnesses pass `echo: false` and print only the merged report, on
  /// rank 0.
  init(echo: Bool = true) { self.echo = echo }

  /// The check results among `lines`, in order.
  var checks: [CheckResult] {
    lines.compactMap { if case .check(let c) = $0 { return c } else { return nil } }
  }

  /// The metrics among `lines`, in order.
  var metrics: [Metric] {
    lines.compactMap { if case .metric(let m) = $0 { return m } else { return nil } }
  }

  /// True when every check passed and nothing went wrong.
  var allPassed: Bool {
    !lines.contains { if case .error = $0 { return true } else { return false } } && checks.allSatisfy(\.passed)
  }

  /// Adds a check result (and prints it).
  mutating func add(_ check: CheckResult) { append(.check(check)) }

  /// Records a metric, e.g. `report.metric("frame-median", 0.0123, unit: "s")`.
  mutating func metric(_ name: String, _ value: Double, unit: String) {
    append(.metric(Metric(name: name, value: value, unit: unit)))
  }

  /// Records that the harness could not finish (the learner's code threw, say).
  mutating func error(_ message: String) { append(.error(message)) }

  /// Adds a line as it is (used when merging ranks' reports).
  mutating func append(_ line: ReportLine) {
    lines.append(line)
    if echo { print(Report.render(line)) }
  }

  /// The human-readable form of a line.
  static func render(_ line: ReportLine) -> String {
    switch line {
    case .check(let c):
      let at = c.ranks.map { " [\($0) ranks]" } ?? ""
      if c.passed { return "PASS \(c.name)\(at)" }
      var s = "FAIL \(c.name)\(at): expected \(c.expected), got \(c.got)"
      if let d = c.detail { s += "\n     \(d)" }
      return s
    case .metric(let m):
      let at = m.ranks.map { " [\($0) ranks]" } ?? ""
      return "METRIC \(m.name)\(at) = \(Checks.format(m.value)) \(m.unit)"
    case .error(let e):
      return "ERROR \(e)"
    }
  }

  /// Appends the lines to the runner's report file (see `ReportFile`).
  func write(to path: String) throws { try ReportFile.append(lines, to: path) }

  /// Merges the reports of several MPI ranks into one, as rank 0 reports it: a check that
  /// passed everywhere appears once; one that failed anywhere names the failing ranks and shows
  /// the first failure. A metric is kept from the lowest rank that reported it.
  static func merge(perRank reports: [[ReportLine]], ranks: Int) -> [ReportLine] {
    var order: [String] = []
    var byName: [String: [(rank: Int, check: CheckResult)]] = [:]
    var merged: [ReportLine] = []
    var metricsSeen = Set<String>()
    for (rank, lines) in reports.enumerated() {
      for line in lines {
        switch line {
        case .check(let c):
          if byName[c.name] == nil { order.append(c.name) }
          byName[c.name, default: []].append((rank, c))
        case .metric(var m):
          // Rank 0's metrics come first, so a name seen again is a later rank's copy.
          if metricsSeen.insert(m.name).inserted {
            m.ranks = ranks
            merged.append(.metric(m))
          }
        case .error(let e):
          merged.append(.error("rank \(rank): \(e)"))
        }
      }
    }
    for name in order {
      let results = byName[name]!
      let failures = results.filter { !$0.check.passed }
      var c = (failures.first ?? results[0]).check
      c.ranks = ranks
      if results.count > 1 || ranks > 1 {
        c.kind = c.kind == .perRank ? .perRank : c.kind
        if failures.isEmpty {
          c.detail = c.detail ?? (results.count > 1 ? "on all \(results.count) ranks that checked it" : nil)
        } else {
          let which = failures.map { String($0.rank) }.joined(separator: ", ")
          let prefix =
            results.count > 1
            ? "failed on rank\(failures.count > 1 ? "s" : "") \(which) of \(results.count); shown: rank \(failures[0].rank)"
            : "rank \(failures[0].rank)"
          c.detail = [prefix, c.detail].compactMap { $0 }.joined(separator: "; ")
        }
      }
      merged.append(.check(c))
    }
    return merged
  }
}
