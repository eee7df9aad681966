import Foundation
import Imaging
import Launch
import Testing
import VTK
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// `workbook report` end to end from fixture results (Tests/ReportFixtures): the plots drawn by
/// the real `workbook-plot` with VTK's charts, and the page opened in a real browser.
@Suite(.serialized) struct ReportPlotTests {
  static let fixtures = TestSupport.root + "/Tests/ReportFixtures"

  /// Chapters 6, 9 and 16 as the lessons declare them, and the fixture-only chapter 42.
  static func catalog() throws -> Catalog {
    try Catalog.parsing(files: TestSupport.reportFixtureChapterFiles, root: TestSupport.root)
  }

  /// Writes the fixture report into a new temporary folder with the built workbook-plot.
  static func writeReport() throws -> (folder: String, summary: ReportSummary) {
    let folder = NSTemporaryDirectory() + "report-plot-test-\(UUID().uuidString)"
    let progress = try JSONDecoder().decode(
      WorkbookRunner.Progress.self, from: Data(contentsOf: URL(fileURLWithPath: fixtures + "/progress.json")))
    let writer = ReportWriter(
      outputDirectory: fixtures + "/out", plotter: TestSupport.program("workbook-plot"),
      plotEnvironment: TestSupport.headlessEnvironment())
    return (folder, try writer.write(catalog: catalog(), progress: progress, to: folder))
  }

  @Test func everyPlotIsANonBlankPNGOfTheStatedSizeWhoseAxesCoverTheData() throws {
    let (folder, summary) = try ReportPlotTests.writeReport()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // 6: one; 9: two; 16: one (IceT's has no data in the fixture); 42: one.
    #expect(summary.plotsDrawn == 5, "\(summary)")
    #expect(summary.plotsFailed == 0)
    let bench = try BenchRun.read(from: ReportPlotTests.fixtures + "/out/bench/20261202T050000Z-box.json")
    for c in try ReportPlotTests.catalog().chapters {
      let results = bench.benchmarks.filter { $0.chapter == c.number }
      for (i, declaration) in c.plots.enumerated() {
        let data = PlotData.extract(declaration, from: results)
        guard !data.isEmpty else { continue }
        let png = folder + "/plots/\(c.code)-\(i + 1).png"
        // Read back with VTK's decoder (libpng), independent of the encoder that wrote it.
        let image = try #require(PNGReader.read(png), "no PNG at \(png)")
        #expect(image.width == 800 && image.height == 400, "\(png)")
        let first = image[0, 0]
        #expect(image.count { $0 != first } > 1000, "\(png) is (almost) one colour")
        let outcome = try JSONDecoder().decode(
          PlotOutcome.self, from: Data(contentsOf: URL(fileURLWithPath: PlotOutcome.path(forPNG: png))))
        let x = try #require(outcome.x)
        let y = try #require(outcome.y)
        let points = data.series.flatMap(\.points)
        let xs = points.map { $0[0] }
        let ys = points.map { $0[1] }
        // Float columns: allow the rounding of a Float.
        let slack = 1e-6
        #expect(x.min <= xs.min()! * (1 + slack) && x.max >= xs.max()! * (1 - slack), "\(png): x \(x) vs \(xs)")
        #expect(y.min <= ys.min()! * (1 + slack) && y.max >= ys.max()! * (1 - slack), "\(png): y \(y) vs \(ys)")
        #expect(x.log == declaration.logX, "\(png): x axis log \(x.log)")
        #expect(y.log == declaration.logY, "\(png): y axis log \(y.log)")
      }
    }
    let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    #expect(html.contains("<img src=\"plots/09-2.png\""))
    #expect(!html.contains("plot failed"))
  }

  @Test func aChartThatCannotBeDrawnSaysWhyAndTheOthersAreStillDrawn() throws {
    let dir = NSTemporaryDirectory() + "plot-spec-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let line = SeriesSpec(label: "a", color: [200, 0, 0], style: .line, points: [[1, 1], [2, 4], [3, 9]])
    let spec = PlotSpec(charts: [
      ChartSpec(title: "ok", width: 300, height: 200, xTitle: "x", yTitle: "y", series: [line], output: "ok.png"),
      ChartSpec(title: "empty", width: 300, height: 200, xTitle: "x", yTitle: "y", series: [], output: "empty.png"),
    ])
    try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: dir + "/spec.json"))
    let r = try runProcess(
      TestSupport.program("workbook-plot"), ["spec.json"], environment: TestSupport.headlessEnvironment(),
      workingDirectory: dir, timeout: 120)
    #expect(r.termination == .exited(1), "\(r.output)")
    #expect(PNGReader.read(dir + "/ok.png")?.width == 300)
    #expect(!FileManager.default.fileExists(atPath: dir + "/empty.png"))
    let failed = try JSONDecoder().decode(
      PlotOutcome.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/empty.json")))
    #expect(failed.error == "no data to plot")
  }

  // MARK: - In a browser

  /// Debian's chromium, if installed (`./workbook setup` installs it).
  static let chromium = ChildProcess.resolve("chromium", path: ProcessInfo.processInfo.environment["PATH"])

  /// Runs headless chromium (as root it needs --no-sandbox; no GPU in a container).
  static func browser(_ arguments: [String]) throws -> ProcessResult {
    try runProcess(
      chromium!,
      ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
        + arguments, timeout: 120)
  }

  /// The page in `folder` loaded in chromium: how many images it has and how many did not load
  /// (counted by a script added to a copy of the page, after the load event), and the page's
  /// console messages.
  static func loadInBrowser(_ folder: String) throws -> (images: Int, broken: Int, console: [String]) {
    let page = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    // The report has no script of its own; the test's copy gets one that writes the count.
    let probe = """
      <div id="wb-check">not loaded</div>
      <script>
      window.addEventListener('load', function () {
        var broken = 0;
        for (var i = 0; i < document.images.length; i++) {
          if (!document.images[i].complete || document.images[i].naturalWidth === 0) broken++;
        }
        document.getElementById('wb-check').textContent = 'images=' + document.images.length + ' broken=' + broken;
      });
      </script>
      </body>
      """
    let check = folder + "/check.html"
    try page.replacingOccurrences(of: "</body>", with: probe).write(toFile: check, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: check) }
    let r = try browser(["--virtual-time-budget=10000", "--dump-dom", "file://" + check])
    let console = r.output.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    guard let range = r.output.range(of: #"images=([0-9]+) broken=([0-9]+)"#, options: .regularExpression) else {
      return (0, -1, console + ["no result from the page: " + String(r.output.suffix(300))])
    }
    let numbers = r.output[range].split { !$0.isNumber }.compactMap { Int($0) }
    return (numbers[0], numbers[1], console)
  }

  @Test(
    .enabled(
      if: ReportPlotTests.chromium != nil,
      "chromium is not installed (./workbook setup installs Debian's chromium)"))
  func thePageLoadsInABrowserWithEveryImageAndNoConsoleError() throws {
    let (folder, _) = try ReportPlotTests.writeReport()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let loaded = try ReportPlotTests.loadInBrowser(folder)
    // 4 demo images (one declared image is missing and has no <img>) and 5 plots.
    #expect(loaded.images == 9)
    #expect(loaded.broken == 0, "\(loaded.broken) image(s) did not load")
    #expect(loaded.console.isEmpty, "console: \(loaded.console)")

    let shot = folder + "-shot.png"
    defer { try? FileManager.default.removeItem(atPath: shot) }
    let r = try ReportPlotTests.browser([
      "--window-size=1280,2400", "--screenshot=" + shot, "file://\(folder)/index.html",
    ])
    let image = try #require(PNGReader.read(shot), "no screenshot: \(r.output.suffix(300))")
    #expect(image.width == 1280)
    let first = image[0, 0]
    #expect(image.count { $0 != first } > 10_000, "the page looks blank")

    // The check can fail: one broken link is caught.
    let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    try html.replacingOccurrences(of: "plots/06-1.png", with: "plots/no-such.png")
      .write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
    #expect(try ReportPlotTests.loadInBrowser(folder).broken == 1)
  }
}
