import ArgumentParser

/// `workbook` with no arguments: where you are.
struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show your progress and what to do next.")

  func run() throws {
    let ws = try openWorkspace()
    ws.rebuildProgressIfNeeded()
    let total = ws.catalog.chapters.count
    let done = ws.catalog.chapters.filter { ws.progress.done.contains($0.folder) }.count
    print(Terminal.bold("VizWorkbook") + " — making visualization fast and parallel")
    print(Terminal.progressBar(done: done, total: total))
    if let next = ws.nextPending {
      print("Next: \(Terminal.bold("chapter \(next.number)")), \(next.title)")
      print("  read    \(Terminal.cyan("./workbook lesson \(next.number)"))")
      print("  try     \(Terminal.cyan("./workbook run \(next.number)"))       (the demo)")
      print("  edit    exercises/\(next.folder)/")
      print(
        "  check   \(Terminal.cyan("./workbook check"))   or keep checking on save: \(Terminal.cyan("./workbook watch"))"
      )
    } else {
      print(Terminal.green("Every chapter is done. Well done!"))
    }
    print(Terminal.dim("More: list, hint, reset, solution, doctor, verify; `./workbook help <command>` for details."))
  }
}
