import ArgumentParser
import Foundation

/// `workbook reset N`: restore the exercise as shipped, keeping a backup of your files.
struct Reset: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Restore a chapter's exercise files as shipped (your files are backed up first).")

  @Argument(help: "Chapter number.")
  var chapter: Int

  @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
  var yes = false

  func run() throws {
    let ws = try openWorkspace()
    let c = try ws.chapter(chapter)
    guard ws.pristine.isModified(c) else {
      print("exercises/\(c.folder) is unchanged; nothing to reset.")
      return
    }
    if !yes {
      print("Reset exercises/\(c.folder) to the original? Your files are backed up first. [y/N] ", terminator: "")
      guard let answer = readLine(), answer.lowercased().hasPrefix("y") else {
        print("Nothing changed.")
        return
      }
    }
    guard let backup = try ws.resetExercise(c) else { return }
    print(
      "Restored exercises/\(c.folder). Your previous files are in \(Printer(project: ws.project).relative(backup))/.")
  }
}
