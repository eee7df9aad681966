import CVTKBridge
import Foundation
import Imaging

// 2D charts drawn by VTK itself (the ChartsCore and ViewsContext2D modules): columns in a
// `Table`, plots of them on a `ChartXY`, shown by a `ContextView` whose render window can be
// offscreen. `workbook report` draws its benchmark plots this way.

/// Columns of numbers, each with a name, all of one length. Wraps `vtkTable`.
public final class Table: VTKObject {
  override class var vtkClassName: String { "vtkTable" }

  /// An empty table. Wraps `vtkTable::New` through `vtkb_table_new`.
  public convenience init() { self.init(owning: vtkb_table_new()) }

  /// Adds a column of `values` as a `vtkFloatArray` named `name` (`AddColumn`).
  /// - Throws: `VTKBridgeError` for an empty name, a name the table has already, or a column
  ///   whose length is not the table's number of rows.
  public func addColumn(_ name: String, _ values: [Float]) throws(VTKBridgeError) {
    let status = values.withUnsafeBufferPointer {
      vtkb_table_add_float_column(handle, name, $0.baseAddress, Int64($0.count))
    }
    try check(status)
  }

  /// `GetNumberOfRows`.
  public var rowCount: Int { Int(must(Int64(0)) { vtkb_table_rows(handle, $0) }) }
  /// `GetNumberOfColumns`.
  public var columnCount: Int { Int(must(Int64(0)) { vtkb_table_columns(handle, $0) }) }
}

/// How a plot draws its points: `vtkChart::LINE`, `vtkChart::POINTS` or `vtkChart::BAR`.
public enum PlotType: Int32, Sendable {
  /// Points joined by a polyline (`vtkChart::LINE`, a `vtkPlotLine`).
  case line = 0
  /// Markers only (`vtkChart::POINTS`, a `vtkPlotPoints`).
  case points = 1
  /// A bar per point (`vtkChart::BAR`, a `vtkPlotBar`); bar plots of one chart stand side by side.
  case bar = 2
}

/// The marker a line or points plot draws at each point: `vtkPlotPoints`'s marker styles.
public enum MarkerStyle: Int32, Sendable {
  /// `vtkPlotPoints::NONE`.
  case none = 0
  /// `vtkPlotPoints::CROSS`.
  case cross = 1
  /// `vtkPlotPoints::PLUS`.
  case plus = 2
  /// `vtkPlotPoints::SQUARE`.
  case square = 3
  /// `vtkPlotPoints::CIRCLE`.
  case circle = 4
  /// `vtkPlotPoints::DIAMOND`.
  case diamond = 5
}

/// Where an axis sits on a chart: `vtkAxis::Location`.
public enum AxisPosition: Int32, Sendable {
  /// `vtkAxis::LEFT`: the y axis of `ChartXY`'s plots.
  case left = 0
  /// `vtkAxis::BOTTOM`: the x axis of `ChartXY`'s plots.
  case bottom = 1
  /// `vtkAxis::RIGHT`.
  case right = 2
  /// `vtkAxis::TOP`.
  case top = 3
}

/// One set of points drawn on a chart, made by `ChartXY.addPlot`. Wraps `vtkPlot`.
public final class Plot: VTKObject {
  override class var vtkClassName: String { "vtkPlot" }

  /// `SetColor(r, g, b, a)`.
  public func setColor(_ color: RGBA) {
    must(vtkb_plot_set_color(handle, color.r, color.g, color.b, color.a))
  }

  /// `SetWidth`: line width in pixels.
  public func setWidth(_ width: Float) { must(vtkb_plot_set_width(handle, width)) }

  /// `SetLabel`: the plot's name in the chart's legend.
  public func setLabel(_ label: String) { must(vtkb_plot_set_label(handle, label)) }

  /// `vtkPlotPoints::SetMarkerStyle` and `SetMarkerSize` (pixels).
  /// - Throws: `VTKBridgeError` for a plot that draws no markers (a bar plot).
  public func setMarker(_ style: MarkerStyle, size: Float) throws(VTKBridgeError) {
    try check(vtkb_plot_set_marker(handle, style.rawValue, size))
  }
}

/// An axis of a chart, from `ChartXY.axis(_:)`. Wraps `vtkAxis`.
public final class Axis: VTKObject {
  override class var vtkClassName: String { "vtkAxis" }

  /// `SetTitle`.
  public func setTitle(_ title: String) { must(vtkb_axis_set_title(handle, title)) }

  /// `SetLogScale` / `GetLogScale`: asks for a logarithmic axis. VTK grants it only while the
  /// axis range is positive; `isLogScaleActive` says whether it did.
  public var logScale: Bool {
    get { must(Int32(0)) { vtkb_axis_log_scale(handle, $0) } != 0 }
    set { must(vtkb_axis_set_log_scale(handle, newValue ? 1 : 0)) }
  }

  /// `GetLogScaleActive`: whether the axis is drawn logarithmic. The chart re-decides it when it
  /// rescales the axis during a render, so read it after one.
  public var isLogScaleActive: Bool { must(Int32(0)) { vtkb_axis_log_scale_active(handle, $0) } != 0 }

  /// `GetUnscaledRange`: the axis's minimum and maximum in data units, logarithmic or not. The
  /// chart sets it from the plots when it rescales the axis during a render.
  public var range: ClosedRange<Double> {
    var r: [Double] = [0, 0]
    must(r.withUnsafeMutableBufferPointer { vtkb_axis_unscaled_range(handle, $0.baseAddress!) })
    return min(r[0], r[1])...max(r[0], r[1])
  }

  /// `SetCustomTickPositions`: ticks at `positions` (data units) labelled `labels`, or with
  /// numbers when `labels` is nil; for an axis of categories (one position per method).
  /// - Throws: `VTKBridgeError` when the counts differ or VTK refuses the ticks.
  public func setCustomTicks(_ positions: [Double], labels: [String]?) throws(VTKBridgeError) {
    if let labels, labels.count != positions.count {
      throw VTKBridgeError(
        code: VTKBridgeError.vtkFailed, message: "\(positions.count) tick positions but \(labels.count) labels",
        function: "Axis.setCustomTicks")
    }
    let status = positions.withUnsafeBufferPointer { at -> vtkb_status in
      guard let labels else { return vtkb_axis_set_custom_ticks(handle, at.baseAddress, nil, Int64(at.count)) }
      // strdup'd copies: C strings that live until the call returns.
      let c = labels.map { strdup($0) }
      defer { c.forEach { free($0) } }
      return c.map { UnsafePointer($0) }.withUnsafeBufferPointer {
        vtkb_axis_set_custom_ticks(handle, at.baseAddress, $0.baseAddress, Int64(at.count))
      }
    }
    try check(status)
  }
}

/// A chart of plots on x-y axes. Wraps `vtkChartXY`.
///
/// ```swift
/// let table = Table()
/// try table.addColumn("ranks", [1, 2, 4, 8])
/// try table.addColumn("seconds", [8, 4.1, 2.2, 1.3])
/// let chart = ChartXY()
/// chart.setTitle("Strong scaling")
/// try chart.addPlot(.line, table: table, x: 0, y: 1)
/// chart.axis(.bottom).setTitle("ranks")
/// chart.axis(.left).logScale = true
/// let view = ContextView(width: 640, height: 480)
/// view.add(chart)
/// try view.writePNG(to: "out/report/scaling.png")
/// ```
public final class ChartXY: VTKObject {
  override class var vtkClassName: String { "vtkChartXY" }

  /// An empty chart. Wraps `vtkChartXY::New` through `vtkb_chart_xy_new`.
  public convenience init() { self.init(owning: vtkb_chart_xy_new()) }

  /// `vtkChart::SetTitle`.
  public func setTitle(_ title: String) { must(vtkb_chart_set_title(handle, title)) }

  /// `vtkChart::SetShowLegend`: a box naming each plot by its label (`Plot.setLabel`).
  public func setShowLegend(_ show: Bool) { must(vtkb_chart_set_show_legend(handle, show ? 1 : 0)) }

  /// Puts the legend to the right of the plot area, top-aligned, outside it (`vtkChartLegend`'s
  /// `SetInline(false)`, `RIGHT`, `TOP`): the chart narrows its plot area to make room, so the
  /// legend hides no data. Wraps `GetLegend` and those setters.
  public func placeLegendOutsideRight() { must(vtkb_chart_set_legend_layout(handle, 0, 2, 3)) }

  /// `AddPlot(type)` and the plot's `SetInputData(table, x, y)`: plots column `y` of `table`
  /// against column `x` (column indices). The chart keeps the plot and the plot the table.
  /// - Throws: `VTKBridgeError` when the table has no such column.
  @discardableResult
  public func addPlot(_ type: PlotType, table: Table, x: Int, y: Int) throws(VTKBridgeError) -> Plot {
    var plot: OpaquePointer?
    try check(vtkb_chart_add_plot(handle, type.rawValue, table.handle, Int64(x), Int64(y), &plot))
    return Plot(owning: plot!)
  }

  /// `GetNumberOfPlots`.
  public var plotCount: Int { Int(must(Int64(0)) { vtkb_chart_plot_count(handle, $0) }) }

  /// `GetAxis(position)`. A `ChartXY` has all four.
  public func axis(_ position: AxisPosition) -> Axis {
    Axis(owning: must(nil) { vtkb_chart_axis(handle, position.rawValue, $0) }!)
  }
}

/// A render window showing 2D items (charts) instead of 3D props. Wraps `vtkContextView`, whose
/// `vtkContextScene` draws through `vtkOpenGLContextDevice2D` (the RenderingContextOpenGL2
/// module), so it needs an X server like any `RenderWindow`.
public final class ContextView: VTKObject {
  override class var vtkClassName: String { "vtkContextView" }

  /// A view with VTK's settings. Wraps `vtkContextView::New` through `vtkb_context_view_new`.
  public convenience init() { self.init(owning: vtkb_context_view_new()) }

  /// A view of the given size, offscreen by default, multisampling off (repeatable pixels).
  public convenience init(width: Int, height: Int, offscreen: Bool = true) {
    self.init()
    let window = renderWindow
    window.setSize(width: width, height: height)
    window.isOffscreen = offscreen
    window.multisamples = 0
  }

  /// `GetRenderWindow`: the window the view draws into (size, offscreen, render, capture).
  public var renderWindow: RenderWindow {
    RenderWindow(owning: must(nil) { vtkb_context_view_render_window(handle, $0) }!)
  }

  /// `GetScene()->AddItem(chart)`.
  public func add(_ chart: ChartXY) { must(vtkb_context_view_add_chart(handle, chart.handle)) }

  /// Renders the view and returns its pixels, rows from the top (`Render`, then
  /// `GetRGBACharPixelData`).
  public func renderImage() -> RGBAImage {
    let window = renderWindow
    // Seen with VTK 9.1.0 here (cause not yet traced in the source): when an axis asked for log
    // scale, the first render draws the plot's linear values against the log axis (ChartTests'
    // curve stops near x = 1.7); a second render draws it right.
    window.render()
    window.render()
    return window.captureColor()
  }

  /// Renders the view and writes it as a PNG file with the workbook's encoder (`Imaging`),
  /// creating missing folders.
  /// - Throws: Foundation's error when the file cannot be written.
  public func writePNG(to path: String) throws {
    try renderImage().opaque().writePNG(to: path)
  }
}
