import Foundation
import WorkbookContract

/// A declared plot with its data pulled out of benchmark results: what `workbook-plot` draws.
public struct PlotData: Equatable, Sendable {
  /// One named series of (x, y) points.
  public struct Series: Equatable, Sendable {
    /// The display name.
    public var label: String
    /// (x, y) pairs; for categories x is the category's position, 1, 2, …
    public var points: [[Double]]
    /// Whether it is a reference (a floor), drawn thin.
    public var isReference: Bool
  }

  /// The declaration it came from.
  public var declaration: PlotDeclaration
  /// The series, in order of first appearance; the reference last.
  public var series: [Series]
  /// Category names by position (1, 2, …) when the x values are not numbers; nil otherwise.
  public var categories: [String]?
  /// The metrics' unit (of the first matching metric).
  public var unit: String
  /// Why some points are not drawn (a zero on a logarithmic axis), for the caption.
  public var notes: [String]
  /// Whether the x values are rank counts (the pattern has no `x` capture): ticks at each.
  public var xIsRanks = false

  /// Whether there is anything to draw.
  public var isEmpty: Bool { series.allSatisfy { $0.isReference || $0.points.isEmpty } }

  /// Pulls the metrics `declaration` names out of `results` (benchmarks that passed only).
  ///
  /// A metric whose whole name matches the pattern gives one point: y its value; x the `x`
  /// capture (a number, a size such as `64KiB` in bytes, or else a category) or, without one,
  /// the benchmark's rank count; series the `series` capture (one unnamed series without one).
  /// Values that are not finite are skipped; on a logarithmic axis so are values ≤ 0, with a
  /// note. The floor, when declared, is a series (pattern with `x`) or a horizontal line over
  /// the plotted x range (one metric).
  public static func extract(_ declaration: PlotDeclaration, from results: [BenchmarkResult]) -> PlotData {
    struct Raw {
      var series: String
      var x: String
      var y: Double
    }
    let usable = results.filter { $0.status == .passed }
    func matches(_ pattern: String) -> [(raw: Raw, unit: String)] {
      guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return [] }
      var out: [(raw: Raw, unit: String)] = []
      for b in usable {
        var seen: [String: Int] = [:]
        for m in b.metrics where m.value.isFinite {
          // A name reported twice by one run (two levels labelled alike) stays two points.
          seen[m.name, default: 0] += 1
          let repeated = seen[m.name]! > 1 ? " (\(seen[m.name]!))" : ""
          let range = NSRange(m.name.startIndex..., in: m.name)
          guard let match = regex.firstMatch(in: m.name, range: range) else { continue }
          func group(_ name: String) -> String? {
            let r = match.range(withName: name)
            guard r.location != NSNotFound, let sr = Range(r, in: m.name) else { return nil }
            return String(m.name[sr])
          }
          out.append(
            (
              raw: Raw(series: group("series") ?? "", x: (group("x") ?? String(b.ranks)) + repeated, y: m.value),
              unit: m.unit
            ))
        }
      }
      return out
    }
    let found = matches(declaration.metrics)
    var floorRaw: [Raw] = []
    if let floor = declaration.floor { floorRaw = matches(floor).map(\.raw) }

    // Numbers when every x value reads as one; else categories in order of first appearance.
    let allX = found.map(\.raw.x) + floorRaw.map(\.x)
    let numeric = allX.allSatisfy { PlotData.number($0) != nil }
    var categories: [String] = []
    if !numeric {
      for x in found.map(\.raw.x) where !categories.contains(x) { categories.append(x) }
    }
    func xValue(_ raw: String) -> Double? {
      if numeric { return PlotData.number(raw) }
      return categories.firstIndex(of: raw).map { Double($0 + 1) }
    }
    var notes: [String] = []
    var dropped = 0
    func keep(_ x: Double, _ y: Double) -> Bool {
      if (declaration.logX && x <= 0) || (declaration.logY && y <= 0) {
        dropped += 1
        return false
      }
      return true
    }
    var order: [String] = []
    var bySeries: [String: [[Double]]] = [:]
    for (raw, _) in found {
      guard let x = xValue(raw.x), keep(x, raw.y) else { continue }
      if bySeries[raw.series] == nil { order.append(raw.series) }
      bySeries[raw.series, default: []].append([x, raw.y])
    }
    var series = order.map { key in
      Series(
        label: key.isEmpty ? declaration.yTitle ?? declaration.title : declaration.label(key),
        points: bySeries[key]!.sorted { $0[0] < $1[0] }, isReference: false)
    }
    if !floorRaw.isEmpty && !series.isEmpty {
      let xs = series.flatMap { $0.points.map { $0[0] } }
      var points: [[Double]]
      if declaration.floor.map({ $0.contains("?<x>") }) == true {
        points = floorRaw.compactMap { r in xValue(r.x).flatMap { x in keep(x, r.y) ? [x, r.y] : nil } }
      } else {
        let y = floorRaw[0].y
        // Half a category beyond the outer bars, so the line spans them.
        let pad = numeric ? 0 : 0.5
        points = keep(xs.min()! - pad, y) ? [[xs.min()! - pad, y], [xs.max()! + pad, y]] : []
      }
      if !points.isEmpty {
        series.append(
          Series(label: declaration.floorLabel, points: points.sorted { $0[0] < $1[0] }, isReference: true))
      }
    }
    if dropped > 0 {
      notes.append(
        "\(dropped) point\(dropped == 1 ? "" : "s") at 0 or below left out: a logarithmic axis has no place for \(dropped == 1 ? "it" : "them")."
      )
    }
    return PlotData(
      declaration: declaration, series: series, categories: numeric ? nil : categories.map(declaration.label),
      unit: found.first?.unit ?? "", notes: notes, xIsRanks: !declaration.metrics.contains("?<x>"))
  }

  /// A number from a captured x value: plain (`4`, `0.5`) or a size (`512B`, `64KiB`, `1MiB`,
  /// `2GiB`, also with a space) in bytes. Nil when it is neither.
  public static func number(_ text: String) -> Double? {
    let t = text.replacingOccurrences(of: " ", with: "")
    if let d = Double(t), d.isFinite { return d }
    for (suffix, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1)] where t.hasSuffix(suffix) {
      if let d = Double(t.dropLast(suffix.count)), d.isFinite { return d * Double(scale) }
    }
    return nil
  }

  /// Colours of the series, in order (a palette readable on white); references are grey.
  static let palette: [[UInt8]] = [
    [31, 119, 180], [214, 39, 40], [44, 160, 44], [255, 127, 14], [148, 103, 189], [140, 86, 75], [227, 119, 194],
    [23, 190, 207],
  ]

  /// The chart `workbook-plot` draws for this plot, `width` × `height` pixels, into `output`.
  public func chart(width: Int, height: Int, output: String) -> ChartSpec {
    var colour = 0
    let specs = series.map { s -> SeriesSpec in
      if s.isReference {
        return SeriesSpec(label: s.label, color: [110, 110, 110], style: .reference, points: s.points)
      }
      defer { colour += 1 }
      return SeriesSpec(
        label: s.label, color: PlotData.palette[colour % PlotData.palette.count],
        style: categories == nil ? .line : .bar, points: s.points)
    }
    var ticks = categories.map { names in
      names.enumerated().map { ChartSpec.Tick(position: Double($0.offset + 1), label: $0.element) }
    }
    // Rank counts are whole numbers: a tick at each one measured, none between.
    if xIsRanks {
      let xs = Set(series.filter { !$0.isReference }.flatMap { $0.points.map { $0[0] } }).sorted()
      ticks = xs.map { ChartSpec.Tick(position: $0, label: String(Int($0))) }
    }
    return ChartSpec(
      title: declaration.title, width: width, height: height, xTitle: declaration.xTitle,
      yTitle: declaration.yTitle ?? unit, logX: declaration.logX, logY: declaration.logY,
      xTicks: ticks, series: specs, output: output)
  }
}
