// workbook-plot: draws the charts of a `PlotSpec` (JSON, written by `workbook report`) with VTK's
// own charts (vtkChartXY in an offscreen vtkContextView) into PNGs, and writes beside each PNG a
// `PlotOutcome` with the axis ranges VTK used, or why that chart failed.
//
//   workbook-plot spec.json
//
// Exits 0 when every chart was drawn, 1 when one or more failed (their outcomes say why), 2 when
// the spec cannot be read.
import Foundation
import Imaging
import Launch
import VTK
import WorkbookContract

func write(_ outcome: PlotOutcome) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  if let data = try? encoder.encode(outcome) {
    _ = FileManager.default.createFile(atPath: PlotOutcome.path(forPNG: outcome.output), contents: data)
  }
}

/// Draws one chart into its PNG and returns the axes as VTK drew them.
func draw(_ spec: ChartSpec) throws -> PlotOutcome {
  guard spec.width >= 16, spec.height >= 16 else {
    throw RunnerFailure("a chart needs at least 16 × 16 pixels, not \(spec.width) × \(spec.height)")
  }
  guard spec.series.contains(where: { !$0.points.isEmpty }) else { throw RunnerFailure("no data to plot") }
  let chart = ChartXY()
  chart.setTitle(spec.title)
  chart.setShowLegend(spec.series.count > 1)
  chart.placeLegendOutsideRight()
  // The tables stay alive with the plots that read them (vtkPlot holds its input).
  for (i, series) in spec.series.enumerated() where !series.points.isEmpty {
    let table = Table()
    try table.addColumn("x\(i)", series.points.map { Float($0[0]) })
    try table.addColumn(series.label.isEmpty ? "y\(i)" : series.label, series.points.map { Float($0[1]) })
    let plot = try chart.addPlot(series.style == .bar ? .bar : .line, table: table, x: 0, y: 1)
    plot.setLabel(series.label)
    let c = series.color + [0, 0, 0]
    plot.setColor(RGBA(c[0], c[1], c[2], 255))
    switch series.style {
    case .line:
      plot.setWidth(2)
      try plot.setMarker(.circle, size: 7)
    case .reference:
      plot.setWidth(1.5)
      try plot.setMarker(.none, size: 0)
    case .bar:
      break
    }
  }
  let x = chart.axis(.bottom)
  let y = chart.axis(.left)
  x.setTitle(spec.xTitle)
  y.setTitle(spec.yTitle)
  x.logScale = spec.logX
  y.logScale = spec.logY
  if let ticks = spec.xTicks {
    try x.setCustomTicks(ticks.map(\.position), labels: ticks.map(\.label))
  }
  let view = ContextView(width: spec.width, height: spec.height)
  view.add(chart)
  let image = view.renderImage()
  guard image.width == spec.width, image.height == spec.height else {
    throw RunnerFailure("VTK rendered \(image.width) × \(image.height) pixels, not \(spec.width) × \(spec.height)")
  }
  let folder = (spec.output as NSString).deletingLastPathComponent
  if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
  try image.opaque().writePNG(to: spec.output)
  return PlotOutcome(
    output: spec.output, width: image.width, height: image.height,
    x: .init(min: x.range.lowerBound, max: x.range.upperBound, log: x.isLogScaleActive),
    y: .init(min: y.range.lowerBound, max: y.range.upperBound, log: y.isLogScaleActive), error: nil)
}

/// A failure of one chart, in one line.
struct RunnerFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1 else {
  FileHandle.standardError.write(Data("usage: workbook-plot spec.json\n".utf8))
  exit(2)
}
let spec: PlotSpec
do {
  guard let data = FileManager.default.contents(atPath: arguments[0]) else {
    throw RunnerFailure("cannot read \(arguments[0])")
  }
  spec = try JSONDecoder().decode(PlotSpec.self, from: data)
  guard spec.version == PlotSpec.currentVersion else {
    throw RunnerFailure("spec version \(spec.version); this workbook-plot reads \(PlotSpec.currentVersion)")
  }
  // vtkContextView renders through OpenGL even offscreen: it needs an X server.
  try HeadlessDisplay.ensureForThisProcess()
} catch {
  FileHandle.standardError.write(Data("workbook-plot: \(error)\n".utf8))
  exit(2)
}
var failed = 0
for chart in spec.charts {
  do {
    write(try draw(chart))
  } catch {
    failed += 1
    try? FileManager.default.removeItem(atPath: chart.output)
    write(PlotOutcome(output: chart.output, width: 0, height: 0, x: nil, y: nil, error: "\(error)"))
    FileHandle.standardError.write(Data("workbook-plot: \(chart.output): \(error)\n".utf8))
  }
}
exit(failed == 0 ? 0 : 1)
