import Foundation

/// What the runner asks `workbook-plot` to draw: charts, each with its size, axes, series and
/// output file. The runner (which does not link VTK) writes it as JSON; `workbook-plot` draws
/// each chart with VTK's `vtkChartXY` offscreen, writes the PNG and, beside it, a `PlotOutcome`
/// (`<png>.json`) with the axis ranges VTK used or the reason the chart failed.
///
/// ```json
/// { "version": 1, "charts": [ { "title": "Ping-pong latency", "width": 640, "height": 400,
///   "xTitle": "message size (bytes)", "yTitle": "latency (µs)", "logX": true, "logY": true,
///   "output": "/tmp/report/plots/09-1.png",
///   "series": [ { "label": "C", "color": [31, 119, 180], "style": "line",
///                 "points": [[8, 0.41], [64, 0.45]] } ] } ] }
/// ```
public struct PlotSpec: Codable, Equatable, Sendable {
  /// The format this runner writes and `workbook-plot` reads.
  public static let currentVersion = 1

  /// The format version.
  public var version: Int
  /// The charts to draw, each into its own PNG.
  public var charts: [ChartSpec]

  /// A spec of `charts` in the current format.
  public init(charts: [ChartSpec]) {
    version = PlotSpec.currentVersion
    self.charts = charts
  }
}

/// One chart: a `vtkChartXY` in a `vtkContextView` of `width` × `height` pixels.
public struct ChartSpec: Codable, Equatable, Sendable {
  /// The chart's title, drawn above it.
  public var title: String
  /// The PNG's width in pixels.
  public var width: Int
  /// The PNG's height in pixels.
  public var height: Int
  /// The bottom axis's title.
  public var xTitle: String
  /// The left axis's title.
  public var yTitle: String
  /// Whether the bottom axis is logarithmic (VTK grants it only for a positive range).
  public var logX: Bool
  /// Whether the left axis is logarithmic.
  public var logY: Bool
  /// Labelled ticks for an x axis of categories (one per method); nil: VTK's numbered ticks.
  public var xTicks: [Tick]?
  /// The series, drawn in order, each named in the legend.
  public var series: [SeriesSpec]
  /// Where the PNG goes; its outcome goes to `PlotOutcome.path(forPNG:)`.
  public var output: String

  /// A chart from its parts.
  public init(
    title: String, width: Int, height: Int, xTitle: String, yTitle: String, logX: Bool = false,
    logY: Bool = false, xTicks: [Tick]? = nil, series: [SeriesSpec], output: String
  ) {
    self.title = title
    self.width = width
    self.height = height
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.logX = logX
    self.logY = logY
    self.xTicks = xTicks
    self.series = series
    self.output = output
  }

  /// A labelled tick on the x axis.
  public struct Tick: Codable, Equatable, Sendable {
    /// Where, in data units.
    public var position: Double
    /// What it says.
    public var label: String

    /// A tick at `position` saying `label`.
    public init(position: Double, label: String) {
      self.position = position
      self.label = label
    }
  }
}

/// One named set of points of a chart.
public struct SeriesSpec: Codable, Equatable, Sendable {
  /// How a series is drawn.
  public enum Style: String, Codable, Sendable {
    /// Points joined by lines, with a marker on each (`vtkChart::LINE`).
    case line
    /// A bar per point (`vtkChart::BAR`), for categories.
    case bar
    /// A thin line without markers: a reference such as a memory floor (`vtkChart::LINE`).
    case reference
  }

  /// The series's name in the legend.
  public var label: String
  /// Red, green, blue, 0...255.
  public var color: [UInt8]
  /// How it is drawn.
  public var style: Style
  /// (x, y) pairs, in the order drawn.
  public var points: [[Double]]

  /// A series from its parts.
  public init(label: String, color: [UInt8], style: Style, points: [[Double]]) {
    self.label = label
    self.color = color
    self.style = style
    self.points = points
  }
}

/// What `workbook-plot` did with one chart, written as JSON beside its PNG: the axis ranges
/// VTK chose (`vtkAxis::GetUnscaledRange` after the render) and whether each axis ended up
/// logarithmic, or why the chart was not drawn.
public struct PlotOutcome: Codable, Equatable, Sendable {
  /// The PNG, as in the chart's spec.
  public var output: String
  /// The PNG's size in pixels (0 when it failed).
  public var width: Int
  /// The PNG's height in pixels (0 when it failed).
  public var height: Int
  /// The bottom axis as drawn; nil when the chart failed.
  public var x: AxisOutcome?
  /// The left axis as drawn; nil when the chart failed.
  public var y: AxisOutcome?
  /// Why the chart was not drawn; nil when it was.
  public var error: String?

  /// An outcome from its parts.
  public init(output: String, width: Int, height: Int, x: AxisOutcome?, y: AxisOutcome?, error: String?) {
    self.output = output
    self.width = width
    self.height = height
    self.x = x
    self.y = y
    self.error = error
  }

  /// An axis as VTK drew it.
  public struct AxisOutcome: Codable, Equatable, Sendable {
    /// The smallest value on the axis, in data units.
    public var min: Double
    /// The largest value on the axis, in data units.
    public var max: Double
    /// Whether the axis is logarithmic (`GetLogScaleActive`).
    public var log: Bool

    /// An axis from its range and scale.
    public init(min: Double, max: Double, log: Bool) {
      self.min = min
      self.max = max
      self.log = log
    }
  }

  /// Where the outcome of the chart drawn into `png` is written: `png` with `.json` for `.png`.
  public static func path(forPNG png: String) -> String {
    (png.hasSuffix(".png") ? String(png.dropLast(4)) : png) + ".json"
  }
}
