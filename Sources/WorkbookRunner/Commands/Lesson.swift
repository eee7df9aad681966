import ArgumentParser
import Foundation

/// `workbook lesson N`: the lesson text in the terminal.
struct Lesson: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print a chapter's lesson.")

  @Argument(help: "Chapter number (default: the next pending chapter).")
  var chapter: Int?

  @Flag(help: "Print the Markdown as it is, without styling or wrapping.")
  var raw = false

  func run() throws {
    let ws = try openWorkspace()
    guard let c = try chapter.map(ws.chapter) ?? ws.nextPending ?? ws.catalog.chapters.first else { return }
    let path = ws.project.folder(.lessons, c) + "/README.md"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw RunnerError("cannot read \(path)")
    }
    print(raw ? text : Terminal.renderMarkdown(text))
  }
}
