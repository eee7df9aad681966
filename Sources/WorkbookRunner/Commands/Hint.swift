import ArgumentParser

/// `workbook hint [N]`: the next hint each time, those for the check that failed last first.
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
      let shown = (ws.progress.shownHints[c.folder] ?? []).filter { $0 < c.hints.count }
      for i in shown.isEmpty ? [0] : shown { Hint.show(c, i) }
      return
    }
    guard let (_, index) = nextHint(ws, c, advance: true) else { return }
    Hint.show(c, index)
    if ws.progress.nextHint(c, for: nil) == nil {
      print(
        Terminal.dim("That was the last hint. Stuck? `./workbook solution \(c.number) --force` shows the solution."))
    }
  }

  static func show(_ c: ChapterInfo, _ i: Int) {
    print(
      Terminal.yellow("Hint \(i + 1)/\(c.hints.count)")
        + " (chapter \(c.number), for \(c.hints[i].checks.joined(separator: ", "))):")
    for line in Terminal.wrap(c.hints[i].text, width: min(Terminal.width, 100) - 2) { print("  " + line) }
  }
}
