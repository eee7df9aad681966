import ArgumentParser
import Foundation
import Launch

/// `workbook solution N`: the solution, as a diff against your files.
struct Solution: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a chapter's solution as a diff against your files (once the chapter is done).")

  @Argument(help: "Chapter number.")
  var chapter: Int

  @Flag(help: "Show it even though the chapter is not done yet.")
  var force = false

  @Flag(help: "Print the solution files whole instead of a diff.")
  var full = false

  func run() throws {
    let ws = try openWorkspace()
    let c = try ws.chapter(chapter)
    if !force { ws.rebuildProgressIfNeeded() }
    guard force || ws.progress.done.contains(c.folder) else {
      print("Chapter \(c.number) is not done yet. Try `./workbook hint \(c.number)` first, or use --force.")
      throw ExitCode(1)
    }
    for file in ws.pristine.learnerFiles(c) {
      let name = (file as NSString).lastPathComponent
      let solution = "solutions/\(c.folder)/\(name)"
      if full {
        print(Terminal.bold("── \(solution)"))
        print((try? String(contentsOfFile: ws.project.path(solution), encoding: .utf8)) ?? "(missing)")
        continue
      }
      // diff(1) exits 1 when the files differ; that is the normal case here.
      let result = try runProcess(
        "diff",
        [
          "-u", "--label", "yours: \(file)", "--label", "solution: \(solution)",
          ws.project.path(file), ws.project.path(solution),
        ], timeout: 30)
      if result.output.isEmpty {
        print(Terminal.dim("\(file) is identical to the solution"))
        continue
      }
      for line in result.output.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("+") && !line.hasPrefix("+++") {
          print(Terminal.green(String(line)))
        } else if line.hasPrefix("-") && !line.hasPrefix("---") {
          print(Terminal.red(String(line)))
        } else if line.hasPrefix("@@") {
          print(Terminal.cyan(String(line)))
        } else {
          print(line)
        }
      }
    }
  }
}
