import ArgumentParser
import Foundation

/// `workbook report`: every chapter's status, demo images and benchmark plots on one page.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write out/report/index.html: each chapter's status, its demo images and its benchmark plots.",
    discussion: """
      Reads the progress file, out/<chapter>/*.png (captions from chapter.toml's [[images]]), the demos' last \
      runs and the newest out/bench/*.json per chapter; draws the plots chapter.toml's [[plots]] declare with \
      VTK's charts (workbook-plot, offscreen). The folder is self-contained: open it from disk, offline.
      """)

  @Option(help: "The folder to write (default: out/report). It is replaced as a whole.")
  var output: String?

  @Flag(help: "Use the workbook-plot already built instead of building it first.")
  var noBuild = false

  func run() throws {
    let ws = try openWorkspace()
    let summary = try Report.write(ws, to: output, build: !noBuild)
    ws.runner.stopDisplay()
    Report.show(summary, ws)
  }

  /// Builds workbook-plot (unless `build` is false), writes the report into `folder` (default
  /// out/report) and returns what it made. Shared with `run --all`.
  static func write(_ ws: Workspace, to folder: String?, build: Bool) throws -> ReportSummary {
    if build, let b = try? ws.builder.build(product: "workbook-plot"), !b.succeeded {
      print(Terminal.yellow("workbook-plot did not build; the report shows why in place of each plot"))
    }
    // The plots render on the runner's display (an Xvfb when there is none), like the demos.
    let env =
      (try? ws.runner.displayEnvironment(ProcessInfo.processInfo.environment, onUserDisplay: true))
      ?? ProcessInfo.processInfo.environment
    let writer = ReportWriter(
      outputDirectory: ws.project.outputDirectory, plotter: ws.project.binDirectory + "/workbook-plot",
      plotEnvironment: env)
    return try writer.write(
      catalog: ws.catalog, progress: ws.progress, to: folder ?? ws.project.outputDirectory + "/report")
  }

  /// One line on what the report holds, and where it is.
  static func show(_ s: ReportSummary, _ ws: Workspace) {
    var parts = ["\(s.chapters) chapters", "\(s.plotsDrawn) plot\(s.plotsDrawn == 1 ? "" : "s")"]
    if s.plotsFailed > 0 { parts.append(Terminal.red("\(s.plotsFailed) plot(s) failed")) }
    if s.imagesMissing > 0 { parts.append(Terminal.yellow("\(s.imagesMissing) image(s) missing")) }
    print("Report: \(parts.joined(separator: ", ")) in \(String(format: "%.1f", s.seconds)) s")
    print("  open \(Terminal.cyan(s.url))")
  }
}
