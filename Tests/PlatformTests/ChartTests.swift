import Foundation
import Imaging
import Launch
import Testing
import VTK

/// VTK's own 2D charts (vtkChartXY in a vtkContextView) rendered offscreen to PNG files.
@Suite(.serialized) struct ChartTests {
  init() throws { try HeadlessDisplay.ensureForThisProcess() }

  /// y = x² for x = 1...20: positive, so a logarithmic y axis is possible.
  func squares() throws -> Table {
    let table = Table()
    let xs = (1...20).map { Float($0) }
    try table.addColumn("x", xs)
    try table.addColumn("x squared", xs.map { $0 * $0 })
    return table
  }

  @Test func lineChartRendersToAPNGOfTheStatedSize() throws {
    let errorsBefore = VTKLibrary.errorCount
    let chart = ChartXY()
    chart.setTitle("Squares")
    let plot = try chart.addPlot(.line, table: squares(), x: 0, y: 1)
    plot.setColor(RGBA(255, 0, 0))
    plot.setWidth(3)
    chart.axis(.bottom).setTitle("x")
    let left = chart.axis(.left)
    left.setTitle("x squared")
    left.logScale = true
    #expect(chart.plotCount == 1)

    let view = ContextView(width: 320, height: 240)
    view.add(chart)
    let path = NSTemporaryDirectory() + "chart-\(UUID().uuidString).png"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try view.writePNG(to: path)

    #expect(FileManager.default.fileExists(atPath: path))
    // Read back with VTK's decoder (libpng), independent of the encoder that wrote it.
    let image = try #require(PNGReader.read(path))
    #expect(image.width == 320 && image.height == 240)
    let background = image[0, 0]
    let drawn = image.count { $0 != background }
    #expect(drawn > 500, "only \(drawn) pixels differ from the background \(background)")
    // The line itself: pixels near the plot's colour (text and axes are black or grey).
    let reddish = image.count { $0.r > 200 && $0.g < 80 && $0.b < 80 }
    #expect(reddish > 100, "only \(reddish) red pixels")
    // The curve reaches x = 20, the right edge of the plot area: red in the right quarter too.
    let rightQuarter = (0..<image.height).reduce(0) { sum, y in
      sum
        + (image.width * 3 / 4..<image.width).filter { x in
          let p = image[x, y]
          return p.r > 200 && p.g < 80 && p.b < 80
        }.count
    }
    #expect(rightQuarter > 20, "the curve stops short: \(rightQuarter) red pixels in the right quarter")
    #expect(left.logScale)
    #expect(left.isLogScaleActive)
    // The axes cover the data: x in 1...20, y in 1...400.
    #expect(chart.axis(.bottom).range.lowerBound <= 1 && chart.axis(.bottom).range.upperBound >= 20)
    #expect(left.range.lowerBound <= 1 && left.range.upperBound >= 400)
    #expect(VTKLibrary.errorCount == errorsBefore)
  }

  @Test func pointsPlotDrawsAndLinearAxisStaysLinear() throws {
    let chart = ChartXY()
    let plot = try chart.addPlot(.points, table: squares(), x: 0, y: 1)
    plot.setColor(RGBA(0, 0, 255))
    let view = ContextView(width: 200, height: 160)
    view.add(chart)
    let image = view.renderImage()
    #expect(image.width == 200 && image.height == 160)
    #expect(image.count { $0.b > 200 && $0.r < 80 && $0.g < 80 } > 20)
    #expect(!chart.axis(.left).isLogScaleActive)
  }

  @Test func tableRejectsBadColumns() throws {
    let table = Table()
    try table.addColumn("a", [1, 2, 3])
    #expect(throws: VTKBridgeError.self) { try table.addColumn("b", [1, 2]) }
    #expect(throws: VTKBridgeError.self) { try table.addColumn("a", [4, 5, 6]) }
    #expect(table.rowCount == 3 && table.columnCount == 1)
    #expect(throws: VTKBridgeError.self) { try ChartXY().addPlot(.line, table: table, x: 0, y: 1) }
  }
}
