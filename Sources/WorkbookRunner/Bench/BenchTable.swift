import Foundation
import WorkbookContract

/// `workbook bench`'s tables as text: one run's metrics with their floors and scaling, or two
/// runs side by side.
public enum BenchTable {
  /// One run: the machine line, a row per metric (a floor goes beside its metric, with the
  /// ratio), a row per benchmark that did not pass, then the scaling series.
  public static func render(_ run: BenchRun) -> String {
    var out = "machine: \(run.machine.summary)\n"
    var rows: [[String]] = [["ch", "P", "status", "metric", "value", "unit", "floor", "ratio to floor"]]
    var notes: [String] = []
    for b in run.benchmarks {
      let status = statusLabel(b)
      let floors = Dictionary(b.floors.map { ($0.metric.name, $0) }, uniquingKeysWith: { a, _ in a })
      let shown = b.metrics.filter { m in
        // A floor is printed beside its metric; one without a metric keeps its own row.
        !(m.name.hasSuffix(BenchmarkResult.floorSuffix)
          && floors[String(m.name.dropLast(BenchmarkResult.floorSuffix.count))] != nil)
      }
      if b.status != .passed {
        rows.append([code(b.chapter), "\(b.ranks)", status, "(see below)", "", "", "", ""])
        notes.append("chapter \(code(b.chapter)) at \(b.ranks): \(b.status.rawValue): \(b.verdict)")
      } else if shown.isEmpty {
        rows.append([code(b.chapter), "\(b.ranks)", status, "(no metrics)", "", "", "", ""])
      }
      for m in shown {
        var row = [code(b.chapter), "\(b.ranks)", status, m.name, ReportFormat.number(m.value), m.unit, "", ""]
        if let f = floors[m.name] {
          row[6] = ReportFormat.number(f.floor.value)
          row[7] = String(format: "%.2f×", f.ratio)
        }
        rows.append(row)
      }
    }
    out += table(rows, rightAligned: [1, 4, 6, 7])
    for n in notes { out += n + "\n" }
    if run.benchmarks.contains(where: \.oversubscribed) {
      out += "* oversubscribed: more ranks than the \(run.machine.rankSlots) processors MPI may use\n"
    }
    if !run.scaling.isEmpty {
      out += "\nscaling (speed-up and efficiency relative to the smallest P):\n"
      var s: [[String]] = [["ch", "metric", "P", "value", "unit", "speed-up", "efficiency"]]
      for series in run.scaling {
        for p in series.points {
          s.append([
            code(series.chapter), series.metric, "\(p.ranks)", ReportFormat.number(p.value), series.unit,
            String(format: "%.2f", p.speedUp), String(format: "%.2f", p.efficiency),
          ])
        }
      }
      out += table(s, rightAligned: [2, 3, 5, 6])
    }
    return out
  }

  /// One line: how many benchmarks ran and how they ended, and how long it took.
  public static func summary(_ run: BenchRun) -> String {
    let counts = BenchStatus.allCases.compactMap { status -> String? in
      let n = run.benchmarks.filter { $0.status == status }.count
      return n == 0 ? nil : "\(n) \(status.rawValue)"
    }
    return
      "\(run.benchmarks.count) benchmark\(run.benchmarks.count == 1 ? "" : "s"): \(counts.joined(separator: ", ")) in \(duration(run.seconds))"
  }

  /// Two runs side by side: a row per metric either run has, matched by chapter, rank count
  /// and name, with A's value, B's value and B / A; "—" where a run lacks the metric.
  public static func compare(_ a: BenchRun, _ b: BenchRun, nameA: String = "A", nameB: String = "B") -> String {
    var out = "A: \(nameA) (\(a.started))\n   \(a.machine.summary)\n"
    out += "B: \(nameB) (\(b.started))\n   \(b.machine.summary)\n"
    struct Key: Hashable {
      var chapter: Int
      var ranks: Int
      var name: String
    }
    func index(_ run: BenchRun) -> (keys: [Key], values: [Key: Metric]) {
      var keys: [Key] = []
      var values: [Key: Metric] = [:]
      for bench in run.benchmarks {
        for m in bench.metrics {
          let k = Key(chapter: bench.chapter, ranks: m.ranks ?? bench.ranks, name: m.name)
          if values[k] == nil { keys.append(k) }
          values[k] = m
        }
      }
      return (keys, values)
    }
    let (keysA, valuesA) = index(a)
    let (keysB, valuesB) = index(b)
    // A's order, then what only B has; sorted by chapter and rank count, stable otherwise.
    var seen = Set<Key>()
    let keys = (keysA + keysB).filter { seen.insert($0).inserted }.enumerated()
      .sorted { ($0.element.chapter, $0.element.ranks, $0.offset) < ($1.element.chapter, $1.element.ranks, $1.offset) }
      .map(\.element)
    var rows: [[String]] = [["ch", "P", "metric", "unit", "A", "B", "B/A"]]
    for k in keys {
      let x = valuesA[k]
      let y = valuesB[k]
      var ratio = "—"
      if let x, let y, x.unit == y.unit, x.value != 0 { ratio = String(format: "%.3f", y.value / x.value) }
      if let x, let y, x.unit != y.unit { ratio = "units differ" }
      rows.append([
        code(k.chapter), "\(k.ranks)", k.name, x?.unit ?? y?.unit ?? "", x.map { ReportFormat.number($0.value) } ?? "—",
        y.map { ReportFormat.number($0.value) } ?? "—", ratio,
      ])
    }
    out += table(rows, rightAligned: [1, 4, 5, 6])
    for (label, run) in [("A", a), ("B", b)] {
      for bench in run.benchmarks where bench.status != .passed {
        out +=
          "\(label): chapter \(code(bench.chapter)) at \(bench.ranks): \(bench.status.rawValue): \(bench.verdict)\n"
      }
    }
    return out
  }

  /// "passed", "FAILED", "TIMED-OUT", … with "*" when oversubscribed.
  static func statusLabel(_ b: BenchmarkResult) -> String {
    (b.status == .passed ? "passed" : b.status.rawValue.uppercased()) + (b.oversubscribed ? "*" : "")
  }

  /// "06".
  static func code(_ chapter: Int) -> String { String(format: "%02d", chapter) }

  /// "42 s", "3 min 05 s".
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s < 60 ? "\(s) s" : String(format: "%d min %02d s", s / 60, s % 60)
  }

  /// Rows as columns padded to their widest cell, the first row a header underlined with
  /// dashes; columns in `rightAligned` aligned right.
  static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return rightAligned.contains(i) ? pad + cell : cell + pad
      }.joined(separator: "  ").replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
    }
    guard let header = rows.first else { return "" }
    var out = line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
    for row in rows.dropFirst() { out += line(row) + "\n" }
    return out
  }
}
