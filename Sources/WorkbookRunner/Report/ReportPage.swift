import Foundation

/// The report's `index.html`: plain HTML with its style inline, relative links to its own PNGs,
/// no script and no external address, so it opens from a disk, offline, in any browser.
struct ReportPage {
  var chapters: [ReportChapter]
  var generated: Date
  var benchFiles: Int

  var html: String {
    let done = chapters.filter { $0.status == "done" }.count
    var body = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>VizWorkbook report</title>
      <style>
      body { font-family: sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
      h2 { border-top: 1px solid #ccc; padding-top: 0.8em; }
      .badge { display: inline-block; padding: 0.1em 0.6em; border-radius: 0.8em; font-size: 0.8em; color: #fff; }
      .done, .passing { background: #2c8a2c; } .failing { background: #c62828; }
      .pending, .not-checked { background: #888; }
      table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ddd; padding: 0.2em 0.6em; }
      .gallery { display: flex; flex-wrap: wrap; gap: 1em; }
      figure { margin: 0; max-width: 820px; } figure img { max-width: 100%; border: 1px solid #ddd; }
      figcaption { font-size: 0.9em; color: #444; }
      .missing, .failed { width: 320px; min-height: 120px; border: 2px dashed #c62828; padding: 0.8em;
        color: #c62828; box-sizing: border-box; }
      .nodata { width: 320px; min-height: 80px; border: 2px dashed #999; padding: 0.8em; color: #666; box-sizing: border-box; }
      .small { font-size: 0.85em; color: #555; }
      </style>
      </head>
      <body>
      <h1>VizWorkbook report</h1>
      <p>\(done) of \(chapters.count) chapters done. Generated \(ReportPage.escape(BenchRun.timestamp(generated))) \
      from the progress file, the demos' images under out/ and \(benchFiles) benchmark result file\(benchFiles == 1 ? "" : "s") \
      under out/bench/.</p>
      <ul class="small">
      """
    for c in chapters {
      body +=
        "<li><a href=\"#ch-\(c.chapter.code)\">\(c.chapter.code) \(ReportPage.escape(c.chapter.title))</a> "
        + "<span class=\"badge \(c.status)\">\(c.status)</span></li>\n"
    }
    body += "</ul>\n"
    for c in chapters { body += section(c) }
    body += "</body>\n</html>\n"
    return body
  }

  func section(_ c: ReportChapter) -> String {
    let e = ReportPage.escape
    var s = "<section id=\"ch-\(c.chapter.code)\">\n"
    s += "<h2>\(c.chapter.code) \(e(c.chapter.title)) <span class=\"badge \(c.status)\">\(c.status)</span></h2>\n"
    if let failed = c.failedCheck { s += "<p>First failing check: <code>\(e(failed))</code></p>\n" }
    s += "<table><tr><th>ranks</th>" + c.ranks.map { "<th>\($0.ranks)</th>" }.joined() + "</tr>\n"
    s +=
      "<tr><td>exercise</td>"
      + c.ranks.map { r in
        "<td><span class=\"badge \(r.verdict.replacingOccurrences(of: " ", with: "-"))\">\(e(r.verdict))</span></td>"
      }.joined() + "</tr></table>\n"
    if let demo = c.demo {
      s +=
        "<p class=\"small\">Demo's last run: \(e(demo.status.rawValue)) (\(e(demo.verdict))) at \(demo.ranks) "
        + "rank\(demo.ranks == 1 ? "" : "s"), \(String(format: "%.1f", demo.seconds)) s.</p>\n"
    }
    if let bench = c.bench {
      let runs = bench.results.map { "P = \($0.ranks): \($0.status.rawValue)" }.joined(separator: ", ")
      s += "<p class=\"small\">Benchmark: out/bench/\(e(bench.file)) (\(e(runs))).</p>\n"
    }
    if !c.images.isEmpty {
      s += "<h3>Demo images</h3>\n<div class=\"gallery\">\n"
      for image in c.images {
        if let file = image.file {
          s +=
            "<figure><img src=\"\(e(file))\" alt=\"\(e(image.caption))\">"
            + "<figcaption>\(e(image.caption))</figcaption></figure>\n"
        } else {
          let why = image.problem ?? "not made yet: run ./workbook run \(c.chapter.number) to make it"
          s += "<div class=\"missing\"><b>missing: \(e(image.name))</b><br>\(e(image.caption))<br>\(e(why))</div>\n"
        }
      }
      s += "</div>\n"
    }
    if !c.plots.isEmpty {
      s += "<h3>Benchmarks</h3>\n<div class=\"gallery\">\n"
      for plot in c.plots {
        let title = plot.data.declaration.title
        let caption = ([plot.data.declaration.caption].compactMap { $0 } + plot.data.notes).joined(separator: " ")
        if let file = plot.file {
          s +=
            "<figure><img src=\"\(e(file))\" alt=\"\(e(title))\">"
            + (caption.isEmpty ? "" : "<figcaption>\(e(caption))</figcaption>") + "</figure>\n"
        } else if let problem = plot.problem, problem.hasPrefix("no data") {
          s += "<div class=\"nodata\"><b>\(e(title))</b><br>\(e(problem))</div>\n"
        } else {
          s += "<div class=\"failed\"><b>\(e(title))</b><br>plot failed: \(e(plot.problem ?? "unknown"))</div>\n"
        }
      }
      s += "</div>\n"
    }
    return s + "</section>\n"
  }

  /// `text` with `&`, `<`, `>` and `"` as HTML entities.
  static func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
