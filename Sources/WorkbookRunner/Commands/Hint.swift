import ArgumentParser

/// `workbook hint [N]`: the next hint each time.
struct Hint: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Show the next hint for a chapter (one more each time).")

  @Argument(help: "Chapter number (default: the next pending chapter).")
  var chapter: Int?

  @Flag(help: "Show every hint given so far again, without advancing.")
  var again = false

  func run() throws {
    let ws = try openWorkspace()
    guard let c = try chapter.map(ws.chapter) ?? ws.nextPending else { return }
    if again {
      let shown = max(1, ws.progress.hints[c.folder] ?? 0)
      for i in 0..<min(shown, c.hints.count) { Hint.show(c, i) }
      return
    }
    guard let (_, index) = nextHint(ws, c, advance: true) else { return }
    Hint.show(c, index)
    if index == c.hints.count - 1 {
      print(
        Terminal.dim("That was the last hint. Stuck? `./workbook solution \(c.number) --force` shows the solution."))
    }
  }

  static func show(_ c: ChapterInfo, _ i: Int) {
    print(Terminal.yellow("Hint \(i + 1)/\(c.hints.count)") + " (chapter \(c.number)):")
    for line in Terminal.wrap(c.hints[i], width: min(Terminal.width, 100) - 2) { print("  " + line) }
  }
}
