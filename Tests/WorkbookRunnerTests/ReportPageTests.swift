import Foundation
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// `workbook report` from fixture results (Tests/ReportFixtures): the chapter.toml keys, the
/// metrics each declared plot pulls out, and the page: status per rank count, images (one
/// declared but missing), plots (here without workbook-plot: each says why it failed).
/// PlatformTests' ReportPlotTests draw the plots and open the page in a browser.
@Suite struct ReportPageTests {
  static let fixtures = TestSupport.root + "/Tests/ReportFixtures"

  /// Chapters 6, 9 and 16 as the lessons declare them, and the fixture's chapter 42, which
  /// exists only as a chapter.toml: no report code knows it.
  static func catalog() throws -> Catalog {
    try Catalog.parsing(files: TestSupport.reportFixtureChapterFiles, root: TestSupport.root)
  }

  static func progress() throws -> WorkbookRunner.Progress {
    try JSONDecoder().decode(
      WorkbookRunner.Progress.self, from: Data(contentsOf: URL(fileURLWithPath: fixtures + "/progress.json")))
  }

  /// The fixture's newest bench run.
  static func newest() throws -> BenchRun { try BenchRun.read(from: fixtures + "/out/bench/20261202T050000Z-box.json") }

  static func tempFolder() -> String {
    NSTemporaryDirectory() + "report-test-\(UUID().uuidString)"
  }

  // MARK: - chapter.toml

  @Test func plotsAndImagesParseFromChapterToml() throws {
    let c = try #require(try ReportPageTests.catalog().chapter(9))
    #expect(c.plots.count == 2)
    let bandwidth = c.plots[1]
    #expect(bandwidth.logX && bandwidth.logY)
    #expect(bandwidth.floor == "bandwidth-(?<x>[0-9]+[KMG]iB)-c-floor")
    #expect(bandwidth.label("swift-mpi") == "Swift MPI module")
    let six = try #require(try ReportPageTests.catalog().chapter(6))
    #expect(six.images.map(\.file) == ["camera-view.png", "overview.png"])
    #expect(six.plots[0].source == .bench && six.plots[0].floorLabel.hasPrefix("memory floor"))
  }

  @Test func badPlotDeclarationsNameTheField() {
    let base = goodLocal + "\n\n"
    func error(_ extra: String) -> String {
      do {
        _ = try Catalog.parse(base + extra, file: "c.toml")
        return "parsed"
      } catch {
        return "\(error)"
      }
    }
    #expect(error("[[plots]]\ntitle = \"t\"\nmetrics = \"a(\"\nx_title = \"x\"\n").contains("plots[0].metrics"))
    #expect(error("[[plots]]\ntitle = \"t\"\nmetrics = \"a\"\n").contains("plots[0].x_title`: missing"))
    #expect(error("[[plots]]\ntitle = \"t\"\nmetrics = \"a\"\nx_title = \"x\"\ncolour = 1\n").contains("unknown key"))
    #expect(
      error("[[plots]]\ntitle = \"t\"\nmetrics = \"a\"\nx_title = \"x\"\nsource = \"web\"\n").contains(
        "plots[0].source"))
    #expect(error("[[images]]\nfile = \"../a.png\"\ncaption = \"c\"\n").contains("images[0].file"))
    #expect(error("[[images]]\nfile = \"a.png\"\ncaption = \"c\"\n") == "parsed")
  }

  // MARK: - Metrics into series

  @Test func categoriesWithAFloorLine() throws {
    let six = try #require(try ReportPageTests.catalog().chapter(6))
    let results = try ReportPageTests.newest().benchmarks.filter { $0.chapter == 6 }
    let data = PlotData.extract(six.plots[0], from: results)
    #expect(data.categories == ["AoS, scene order", "AoS, Morton", "SoA scalar", "SIMD batch", "BVH"])
    #expect(data.series.count == 2)
    #expect(data.series[0].points == [[1, 9.5], [2, 6.1], [3, 3.2], [4, 0.9], [5, 1.8]])
    // The floor is a horizontal line across every bar.
    #expect(data.series[1].isReference && data.series[1].points == [[0.5, 0.45], [5.5, 0.45]])
    #expect(data.unit == "ns")
    let chart = data.chart(width: 640, height: 400, output: "plots/06-1.png")
    #expect(chart.series.map(\.style) == [.bar, .reference])
    #expect(chart.xTicks?.map(\.position) == [1, 2, 3, 4, 5])
    #expect(!chart.logY && !chart.logX)
  }

  @Test func sizesSeriesAndLogAxes() throws {
    let nine = try #require(try ReportPageTests.catalog().chapter(9))
    let results = try ReportPageTests.newest().benchmarks.filter { $0.chapter == 9 }
    let latency = PlotData.extract(nine.plots[0], from: results)
    #expect(latency.series.map(\.label) == ["C", "Swift over the C API", "Swift MPI module"])
    // 0 B cannot sit on a logarithmic x axis: left out, and said so.
    #expect(latency.series[0].points.map { $0[0] } == [8, 64, 512, 4096, 32768, 65536, 1_048_576])
    #expect(latency.notes.first?.contains("3 points") == true)
    let bandwidth = PlotData.extract(nine.plots[1], from: results)
    let floor = try #require(bandwidth.series.last)
    #expect(floor.isReference && floor.label == "memcpy in one process")
    #expect(floor.points.map { $0[0] } == [65536, 262_144, 1_048_576, 4_194_304])
    #expect(
      PlotData.number("64KiB") == 65536 && PlotData.number("4 MiB") == 4_194_304 && PlotData.number("512B") == 512)
    #expect(PlotData.number("simd") == nil)
  }

  @Test func rankCountsAreTheXAxisWithoutAnXCapture() throws {
    let sixteen = try #require(try ReportPageTests.catalog().chapter(16))
    let results = try ReportPageTests.newest().benchmarks.filter { $0.chapter == 16 }
    let data = PlotData.extract(sixteen.plots[0], from: results)
    #expect(data.series.map(\.label) == ["gather to rank 0", "binary tree", "direct send", "binary swap"])
    // P = 8 timed out: not a point.
    for s in data.series { #expect(s.points.map { $0[0] } == [2, 4]) }
    #expect(data.series[3].points[1][1] == 0.008)
    let chart = data.chart(width: 800, height: 400, output: "plots/16-1.png")
    #expect(chart.xTicks == [.init(position: 2, label: "2"), .init(position: 4, label: "4")])
    // No IceT metrics in the fixture: an empty plot.
    #expect(PlotData.extract(sixteen.plots[1], from: results).isEmpty)
  }

  // MARK: - The page

  @Test func pageFromFixturesWithAFailedChapterAndAMissingImage() throws {
    let folder = ReportPageTests.tempFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // An older report is replaced as a whole.
    try FileManager.default.createDirectory(atPath: folder + "/stale", withIntermediateDirectories: true)
    let writer = ReportWriter(
      outputDirectory: ReportPageTests.fixtures + "/out", plotter: "/nonexistent/workbook-plot", plotEnvironment: [:])
    let summary = try writer.write(catalog: ReportPageTests.catalog(), progress: ReportPageTests.progress(), to: folder)
    #expect(summary.chapters == 4)
    // 06's overview.png, and 16's two window captures.
    #expect(summary.imagesMissing == 3)
    #expect(summary.plotsDrawn == 0)
    #expect(summary.plotsFailed == 5)
    #expect(!FileManager.default.fileExists(atPath: folder + "/stale"))
    let parent = (folder as NSString).deletingLastPathComponent
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
      $0.hasPrefix((folder as NSString).lastPathComponent + ".")
    }
    #expect(leftovers.isEmpty, "left beside the report: \(leftovers)")

    let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    func section(_ code: String) -> String {
      let start = html.range(of: "<section id=\"ch-\(code)\">")!
      return String(html[start.lowerBound...]).components(separatedBy: "</section>")[0]
    }
    // Status: done, failing with its check and per-rank verdicts, pending.
    #expect(section("06").contains("badge done"))
    let nine = section("09")
    #expect(nine.contains("badge failing") && nine.contains("ring-order"))
    #expect(nine.contains("<th>2</th><th>3</th><th>4</th>"))
    #expect(
      nine.contains(
        "passing</span></td><td><span class=\"badge failing\">failing</span></td><td><span class=\"badge not-checked\">not checked"
      ))
    #expect(section("16").contains("badge pending"))
    // Images: declared and present with its caption, declared and missing, present and unlisted.
    let six = section("06")
    #expect(six.contains("<img src=\"images/06-frustum-culling/camera-view.png\""))
    #expect(six.contains("What the camera sees"))
    #expect(six.contains("missing: overview.png") && six.contains("./workbook run 6 to make it"))
    #expect(six.contains("<figcaption>extra-unlisted.png</figcaption>"))
    // The new chapter, from its chapter.toml alone.
    #expect(section("42").contains("The widgets, drawn by the demo"))
    // Plots without workbook-plot: the reason in place of each; a plot without data says so.
    #expect(six.contains("plot failed: workbook-plot is not built"))
    #expect(section("16").contains("no data yet: run ./workbook bench 16"))
    // Self-contained: every image it links is in the folder; no script, no address elsewhere.
    let sources = html.components(separatedBy: "<img src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    #expect(sources.count == 4)
    for s in sources { #expect(FileManager.default.fileExists(atPath: folder + "/" + s), "\(s) is not in the report") }
    #expect(!html.contains("<script") && !html.contains("http:") && !html.contains("https:"))
  }

  @Test func newestBenchRunHoldingTheChapterWins() throws {
    let folder = ReportPageTests.tempFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let writer = ReportWriter(
      outputDirectory: ReportPageTests.fixtures + "/out", plotter: "/nonexistent/workbook-plot", plotEnvironment: [:])
    try writer.write(catalog: ReportPageTests.catalog(), progress: ReportPageTests.progress(), to: folder)
    let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    #expect(html.contains("Benchmark: out/bench/20261202T050000Z-box.json (P = 1: passed)"))
    #expect(html.contains("P = 2: passed, P = 4: passed, P = 8: timed-out"))
  }

  // MARK: - JSON

  @Test func plotSpecAndOutcomeRoundTrip() throws {
    let nine = try #require(try ReportPageTests.catalog().chapter(9))
    let data = PlotData.extract(nine.plots[1], from: try ReportPageTests.newest().benchmarks)
    let spec = PlotSpec(charts: [data.chart(width: 320, height: 200, output: "plots/09-2.png")])
    let decoded = try JSONDecoder().decode(PlotSpec.self, from: JSONEncoder().encode(spec))
    #expect(decoded == spec)
    let outcome = PlotOutcome(
      output: "plots/09-2.png", width: 320, height: 200, x: .init(min: 8, max: 4e6, log: true),
      y: .init(min: 0.7, max: 15000, log: true), error: nil)
    #expect(try JSONDecoder().decode(PlotOutcome.self, from: JSONEncoder().encode(outcome)) == outcome)
    #expect(PlotOutcome.path(forPNG: "plots/09-2.png") == "plots/09-2.json")
  }

  @Test func progressKeepsVerdictsPerRankCount() throws {
    var p = WorkbookRunner.Progress()
    p.markRun("09-point-to-point", ranks: 2, passed: true)
    p.markRun("09-point-to-point", ranks: 3, passed: false)
    let back = try JSONDecoder().decode(WorkbookRunner.Progress.self, from: JSONEncoder().encode(p))
    #expect(back.rankVerdicts == ["09-point-to-point": ["2": "passing", "3": "failing"]])
    // A file from before per-rank verdicts still reads.
    let old = #"{"version": 1, "done": [], "hints": {}, "last": {}}"#
    #expect(try JSONDecoder().decode(WorkbookRunner.Progress.self, from: Data(old.utf8)).rankVerdicts.isEmpty)
  }
}
