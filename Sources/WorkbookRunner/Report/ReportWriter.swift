import Foundation
import Launch
import WorkbookContract

/// `workbook report`: a self-contained folder (`index.html`, its PNGs, no script, no network)
/// showing per chapter its status at each rank count, the demo's images with captions, and the
/// plots its chapter.toml declares, drawn by `workbook-plot` with VTK's charts.
///
/// Everything comes from files: the progress file, `out/<chapter>/*.png`,
/// `out/<chapter>/demo-run.json` (the demo's last `workbook run`), `out/bench/*.json` (the
/// newest run that holds the chapter). The folder is built beside the target and renamed into
/// place, so a reader sees the old report or the new one, never half of one.
public struct ReportWriter {
  /// The folder demos and benchmarks write to (`out/`).
  public var outputDirectory: String
  /// The `workbook-plot` executable.
  public var plotter: String
  /// The environment `workbook-plot` runs in (with the display it renders on).
  public var plotEnvironment: [String: String]
  /// Seconds `workbook-plot` may take for all the plots.
  public var plotTimeLimit: Double = 120
  /// Each plot's size in pixels.
  public var plotSize = (width: 800, height: 400)

  /// A writer reading from `outputDirectory`, plotting with `plotter` in `plotEnvironment`.
  public init(outputDirectory: String, plotter: String, plotEnvironment: [String: String]) {
    self.outputDirectory = outputDirectory
    self.plotter = plotter
    self.plotEnvironment = plotEnvironment
  }

  /// Writes the report of `catalog`'s chapters with `progress` into `folder` (replacing it).
  /// - Throws: `RunnerError` when the folder cannot be written; a plot that fails does not throw
  ///   (the page says why in its place).
  @discardableResult
  public func write(catalog: Catalog, progress: Progress, to folder: String) throws -> ReportSummary {
    let started = monotonicSeconds()
    let fm = FileManager.default
    let target = URL(fileURLWithPath: folder).standardizedFileURL.path
    let partial = target + ".partial-\(getpid())"
    try? fm.removeItem(atPath: partial)
    do {
      try fm.createDirectory(atPath: partial + "/plots", withIntermediateDirectories: true)
      try fm.createDirectory(atPath: partial + "/images", withIntermediateDirectories: true)
    } catch {
      throw RunnerError("cannot create \(partial): \(error.localizedDescription)")
    }
    defer { try? fm.removeItem(atPath: partial) }

    let bench = BenchSources(folder: outputDirectory + "/bench")
    var chapters: [ReportChapter] = []
    var charts: [ChartSpec] = []
    for c in catalog.chapters {
      var entry = ReportChapter(chapter: c, progress: progress)
      let benchRun = bench.newest(holding: c.number)
      entry.bench = benchRun.map { run in
        (file: (run.path as NSString).lastPathComponent, results: run.run.benchmarks.filter { $0.chapter == c.number })
      }
      entry.demo = BenchmarkResult.readDemoRun(from: outputDirectory + "/\(c.folder)/demo-run.json")
      for (i, declaration) in c.plots.enumerated() {
        let results = declaration.source == .bench ? entry.bench?.results ?? [] : entry.demo.map { [$0] } ?? []
        let data = PlotData.extract(declaration, from: results)
        let name = "plots/\(c.code)-\(i + 1).png"
        if data.isEmpty {
          let how = declaration.source == .bench ? "./workbook bench \(c.number)" : "./workbook run \(c.number)"
          entry.plots.append(ReportPlot(data: data, file: nil, problem: "no data yet: run \(how)"))
        } else {
          charts.append(data.chart(width: plotSize.width, height: plotSize.height, output: name))
          entry.plots.append(ReportPlot(data: data, file: name, problem: nil))
        }
      }
      entry.images = try copyImages(c, into: partial)
      chapters.append(entry)
    }

    let plotProblem = charts.isEmpty ? nil : runPlotter(PlotSpec(charts: charts), in: partial)
    for i in chapters.indices {
      for j in chapters[i].plots.indices {
        guard let file = chapters[i].plots[j].file else { continue }
        let outcome = fm.contents(atPath: partial + "/" + PlotOutcome.path(forPNG: file))
          .flatMap { try? JSONDecoder().decode(PlotOutcome.self, from: $0) }
        if let error = outcome?.error {
          chapters[i].plots[j].problem = error
        } else if outcome == nil || !fm.fileExists(atPath: partial + "/" + file) {
          chapters[i].plots[j].problem = plotProblem ?? "workbook-plot wrote no image"
        }
        if chapters[i].plots[j].problem != nil { chapters[i].plots[j].file = nil }
      }
    }
    try? fm.removeItem(atPath: partial + "/plots/spec.json")

    let page = ReportPage(chapters: chapters, generated: Date(), benchFiles: bench.files.count)
    guard fm.createFile(atPath: partial + "/index.html", contents: Data(page.html.utf8)) else {
      throw RunnerError("cannot write \(partial)/index.html")
    }
    try ReportWriter.replace(target, with: partial)
    return ReportSummary(
      index: target + "/index.html", chapters: chapters.count,
      plotsDrawn: chapters.flatMap(\.plots).filter { $0.file != nil }.count,
      plotsFailed: chapters.flatMap(\.plots).compactMap(\.problem).filter { !$0.hasPrefix("no data") }.count,
      imagesMissing: chapters.flatMap(\.images).filter { $0.file == nil }.count, seconds: monotonicSeconds() - started)
  }

  /// Copies `out/<chapter>/*.png` into `<folder>/images/<chapter>/`: declared images first, in
  /// their order (a missing one listed as missing), then the others by name.
  func copyImages(_ c: ChapterInfo, into folder: String) throws -> [ReportImage] {
    let fm = FileManager.default
    let source = outputDirectory + "/" + c.folder
    let present = ((try? fm.contentsOfDirectory(atPath: source)) ?? []).filter { $0.hasSuffix(".png") }.sorted()
    var images: [ReportImage] = []
    let declared = Set(c.images.map(\.file))
    for d in c.images {
      images.append(ReportImage(name: d.file, caption: d.caption, file: present.contains(d.file) ? d.file : nil))
    }
    for name in present where !declared.contains(name) {
      images.append(ReportImage(name: name, caption: name, file: name))
    }
    if images.contains(where: { $0.file != nil }) {
      try fm.createDirectory(atPath: folder + "/images/" + c.folder, withIntermediateDirectories: true)
    }
    for i in images.indices {
      guard let name = images[i].file else { continue }
      let relative = "images/\(c.folder)/\(name)"
      do {
        try fm.copyItem(atPath: source + "/" + name, toPath: folder + "/" + relative)
        images[i].file = relative
      } catch {
        images[i].file = nil
        images[i].problem = "could not copy: \(error.localizedDescription)"
      }
    }
    return images
  }

  /// Runs `workbook-plot` on `spec` inside `folder` (the PNG paths are relative to it). Nil when
  /// it ran; else why it could not (each chart's own failure is in its outcome file).
  func runPlotter(_ spec: PlotSpec, in folder: String) -> String? {
    guard FileManager.default.isExecutableFile(atPath: plotter) else {
      return "workbook-plot is not built (swift build -c release --product workbook-plot)"
    }
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try encoder.encode(spec).write(to: URL(fileURLWithPath: folder + "/plots/spec.json"))
      let r = try runProcess(
        plotter, ["plots/spec.json"], environment: plotEnvironment, workingDirectory: folder, timeout: plotTimeLimit)
      switch r.termination {
      case .exited(0)?, .exited(1)?: return nil
      case nil: return "workbook-plot did not finish in \(Int(plotTimeLimit)) s"
      default:
        let last = r.output.split(separator: "\n").last.map(String.init) ?? "no output"
        return "workbook-plot failed (\(r.termination.map { "\($0)" } ?? "")): \(last)"
      }
    } catch {
      return "cannot run workbook-plot: \(error)"
    }
  }

  /// Puts `partial` where `target` was: the old folder is moved aside, the new one renamed in,
  /// the old one removed. (Linux's rename cannot replace a non-empty folder in one step.)
  static func replace(_ target: String, with partial: String) throws {
    let fm = FileManager.default
    let old = target + ".old-\(getpid())"
    try? fm.removeItem(atPath: old)
    let hadOld = fm.fileExists(atPath: target)
    if hadOld, rename(target, old) != 0 {
      throw RunnerError("cannot move the old \(target) aside: \(String(cString: strerror(errno)))")
    }
    guard rename(partial, target) == 0 else {
      let reason = String(cString: strerror(errno))
      if hadOld { _ = rename(old, target) }
      throw RunnerError("cannot put the report at \(target): \(reason)")
    }
    try? fm.removeItem(atPath: old)
  }
}

/// What `ReportWriter.write` made.
public struct ReportSummary: Sendable {
  /// The page, `<folder>/index.html`.
  public var index: String
  /// Chapters shown.
  public var chapters: Int
  /// Plots drawn.
  public var plotsDrawn: Int
  /// Plots that had data but failed to draw.
  public var plotsFailed: Int
  /// Declared images not found.
  public var imagesMissing: Int
  /// Seconds it took.
  public var seconds: Double

  /// `file://` and the page's path.
  public var url: String { "file://" + index }
}

/// The bench result files under `out/bench/`, read once, newest last (their names start with
/// the UTC time of the run).
struct BenchSources {
  /// Every file that reads as a bench run, by name.
  var files: [(path: String, run: BenchRun)] = []

  init(folder: String) {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }
    files = names.sorted().compactMap { name in
      (try? BenchRun.read(from: folder + "/" + name)).map { (folder + "/" + name, $0) }
    }
  }

  /// The newest run with a benchmark of chapter `number`.
  func newest(holding number: Int) -> (path: String, run: BenchRun)? {
    files.last { $0.run.benchmarks.contains { $0.chapter == number } }
  }
}

/// One chapter as the report shows it.
struct ReportChapter {
  var chapter: ChapterInfo
  /// "done", "failing" or "pending".
  var status: String
  /// The first check that failed in the last failing verdict.
  var failedCheck: String?
  /// Per declared rank count: "passing", "failing" or "not checked".
  var ranks: [(ranks: Int, verdict: String)]
  var bench: (file: String, results: [BenchmarkResult])?
  var demo: BenchmarkResult?
  var plots: [ReportPlot] = []
  var images: [ReportImage] = []

  init(chapter c: ChapterInfo, progress: Progress) {
    chapter = c
    let done = progress.done.contains(c.folder)
    status = done ? "done" : progress.last[c.folder] == "failing" ? "failing" : "pending"
    failedCheck = status == "failing" ? progress.failedCheck[c.folder] : nil
    let verdicts = progress.rankVerdicts[c.folder] ?? [:]
    // A chapter done before verdicts were kept per rank count passed at every one of them.
    ranks = c.ranks.map { n in (n, verdicts[String(n)] ?? (done ? "passing" : "not checked")) }
  }
}

/// A plot as the report shows it: its image or why there is none.
struct ReportPlot {
  var data: PlotData
  /// The PNG, relative to the report folder; nil when not drawn.
  var file: String?
  var problem: String?
}

/// A demo image as the report shows it.
struct ReportImage {
  var name: String
  var caption: String
  /// The copy, relative to the report folder; nil when missing.
  var file: String?
  var problem: String?
}

extension BenchmarkResult {
  /// Where `workbook run` keeps the demo's last verdict and metrics: `out/<chapter>/demo-run.json`.
  static func demoRunPath(_ project: Project, _ c: ChapterInfo) -> String {
    project.outputDirectory + "/\(c.folder)/demo-run.json"
  }

  /// Writes this result as JSON to `path`, atomically (NaN as the string "nan", as bench files).
  func writeDemoRun(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try writeAtomically(try encoder.encode(self), to: path)
  }

  /// A result written by `writeDemoRun(to:)`; nil when absent or unreadable.
  static func readDemoRun(from path: String) -> BenchmarkResult? {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return FileManager.default.contents(atPath: path).flatMap { try? decoder.decode(BenchmarkResult.self, from: $0) }
  }
}
