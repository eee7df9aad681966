import Foundation
import TOMLKit

/// A plot `workbook report` draws for a chapter, declared in its chapter.toml: which metrics,
/// how they become series and x values, and how the axes look. No chapter-specific code: a new
/// chapter gets its plots by declaring them.
///
/// ```toml
/// [[plots]]
/// title = "Ping-pong latency"
/// metrics = "latency-(?<x>[0-9]+B)-(?<series>c|swift-mpi)"   # a regular expression for
///           # whole metric names; `x` captures the x value (a number, a size such as 64KiB,
///           # or a category), `series` the series; without `x` the x value is the rank count
/// source = "bench"          # optional: "bench" (newest out/bench/*.json holding the chapter,
///                           # default) or "demo" (the last `workbook run` of the demo)
/// x_title = "message size (bytes)"
/// y_title = "latency (µs)"  # optional: default the metrics' unit
/// log_x = true              # optional
/// log_y = true              # optional (not with categories: VTK's bars start at 0, so
///                           # it grants no logarithmic axis)
/// floor = "simd-ns-per-box-floor"   # optional: a metric drawn as a horizontal reference
///           # line, or a pattern with an `x` capture drawn as a reference series
/// floor_label = "memory floor"      # optional: its name in the legend (default "floor")
/// labels = { c = "C", swift-mpi = "Swift (MPI module)" }   # optional: display names of
///           # captured series and categories
/// caption = "…"             # optional: text under the plot
/// ```
public struct PlotDeclaration: Sendable, Equatable {
  /// Where a plot's metrics come from.
  public enum Source: String, Sendable, CaseIterable {
    /// The newest `out/bench/*.json` that holds the chapter: every rank count of that run.
    case bench
    /// The demo's last `workbook run` (`out/<chapter>/demo-run.json`).
    case demo
  }

  /// The plot's title.
  public var title: String
  /// The pattern whole metric names must match (named captures `x` and `series`).
  public var metrics: String
  /// Where the metrics come from.
  public var source: Source
  /// The x axis's title.
  public var xTitle: String
  /// The y axis's title; nil: the metrics' unit.
  public var yTitle: String?
  /// Whether the x axis is logarithmic.
  public var logX: Bool
  /// Whether the y axis is logarithmic.
  public var logY: Bool
  /// A metric name (a horizontal line) or a pattern with an `x` capture (a series) drawn as a
  /// reference, such as a physical floor.
  public var floor: String?
  /// The reference's name in the legend.
  public var floorLabel: String
  /// Display names for captured series names and categories.
  public var labels: [String: String]
  /// Text shown under the plot.
  public var caption: String?

  /// A declaration from its parts.
  public init(
    title: String, metrics: String, source: Source = .bench, xTitle: String, yTitle: String? = nil,
    logX: Bool = false, logY: Bool = false, floor: String? = nil, floorLabel: String = "floor",
    labels: [String: String] = [:], caption: String? = nil
  ) {
    self.title = title
    self.metrics = metrics
    self.source = source
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.logX = logX
    self.logY = logY
    self.floor = floor
    self.floorLabel = floorLabel
    self.labels = labels
    self.caption = caption
  }

  /// The display name of a captured series name or category; a repeated one, `name (2)`, keeps
  /// its number after the display name of `name`.
  public func label(_ key: String) -> String {
    if let l = labels[key] { return l }
    if key.hasSuffix(")"), let open = key.lastIndex(of: "("), open > key.startIndex,
      let l = labels[String(key[..<key.index(before: open)])]
    {
      return l + " " + key[open...]
    }
    return key
  }
}

/// A demo image the report shows for a chapter, declared in its chapter.toml. Images under
/// `out/<chapter>/` that are not declared are shown too, captioned with their file name.
///
/// ```toml
/// [[images]]
/// file = "levels.png"       # in out/<chapter>/
/// caption = "The three levels of the chain, left to right"
/// ```
public struct ImageDeclaration: Sendable, Equatable {
  /// The file name under `out/<chapter>/`.
  public var file: String
  /// The caption under the image.
  public var caption: String

  /// A declaration of `file` with `caption`.
  public init(file: String, caption: String) {
    self.file = file
    self.caption = caption
  }
}

extension Catalog {
  /// The `[[plots]]` tables of a chapter.toml (none when absent).
  static func parsePlots(_ table: TOMLTable, file: String) throws -> [PlotDeclaration] {
    guard let raw = table["plots"] else { return [] }
    let shape = "must be [[plots]] tables, each with title, metrics and x_title"
    guard let array = raw.array else { throw CatalogError(file: file, field: "plots", message: shape) }
    let known: Set<String> = [
      "title", "metrics", "source", "x_title", "y_title", "log_x", "log_y", "floor", "floor_label", "labels", "caption",
    ]
    return try array.enumerated().map { i, v in
      let field = "plots[\(i)]"
      guard let t = v.table else { throw CatalogError(file: file, field: "plots", message: shape) }
      if let unknown = t.keys.first(where: { !known.contains($0) }) {
        throw CatalogError(
          file: file, field: field,
          message: "unknown key `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
      }
      func string(_ key: String, required: Bool) throws -> String? {
        guard let value = t[key] else {
          if required { throw CatalogError(file: file, field: "\(field).\(key)", message: "missing") }
          return nil
        }
        guard let s = value.string, !s.isEmpty else {
          throw CatalogError(file: file, field: "\(field).\(key)", message: "must be a non-empty string")
        }
        return s
      }
      func flag(_ key: String) throws -> Bool {
        guard let value = t[key] else { return false }
        guard let b = value.bool else {
          throw CatalogError(file: file, field: "\(field).\(key)", message: "must be true or false")
        }
        return b
      }
      let metrics = try string("metrics", required: true)!
      let floor = try string("floor", required: false)
      for (key, pattern) in [("metrics", metrics), ("floor", floor)] {
        guard let pattern else { continue }
        do {
          _ = try NSRegularExpression(pattern: pattern)
        } catch {
          throw CatalogError(file: file, field: "\(field).\(key)", message: "not a regular expression: \(pattern)")
        }
      }
      var source = PlotDeclaration.Source.bench
      if let name = try string("source", required: false) {
        guard let s = PlotDeclaration.Source(rawValue: name) else {
          throw CatalogError(file: file, field: "\(field).source", message: "must be \"bench\" or \"demo\"")
        }
        source = s
      }
      var labels: [String: String] = [:]
      if let raw = t["labels"] {
        guard let l = raw.table else {
          throw CatalogError(file: file, field: "\(field).labels", message: "must be a table of names")
        }
        for key in l.keys {
          guard let s = l[key]?.string else {
            throw CatalogError(file: file, field: "\(field).labels.\(key)", message: "must be a string")
          }
          labels[key] = s
        }
      }
      return PlotDeclaration(
        title: try string("title", required: true)!, metrics: metrics, source: source,
        xTitle: try string("x_title", required: true)!, yTitle: try string("y_title", required: false),
        logX: try flag("log_x"), logY: try flag("log_y"), floor: floor,
        floorLabel: try string("floor_label", required: false) ?? "floor", labels: labels,
        caption: try string("caption", required: false))
    }
  }

  /// The `[[images]]` tables of a chapter.toml (none when absent).
  static func parseImages(_ table: TOMLTable, file: String) throws -> [ImageDeclaration] {
    guard let raw = table["images"] else { return [] }
    let shape = "must be [[images]] tables, each with file = \"name.png\" and caption = \"…\""
    guard let array = raw.array else { throw CatalogError(file: file, field: "images", message: shape) }
    return try array.enumerated().map { i, v in
      guard let t = v.table, let name = t["file"]?.string, let caption = t["caption"]?.string,
        t.keys.allSatisfy({ $0 == "file" || $0 == "caption" })
      else { throw CatalogError(file: file, field: "images[\(i)]", message: shape) }
      guard !name.isEmpty, !name.contains("/"), name.hasSuffix(".png") else {
        throw CatalogError(
          file: file, field: "images[\(i)].file", message: "must be a PNG file name in out/<chapter>/ (no folders)")
      }
      return ImageDeclaration(file: name, caption: caption)
    }
  }
}
