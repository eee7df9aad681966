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
    Status.showBatchJobs(ws)
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

  /// One line per chapter checked by `workbook batch`: its last job's verdict, or that it is
  /// still queued or running, read from the files the job leaves in the state folder.
  static func showBatchJobs(_ ws: Workspace) {
    let printer = Printer(project: ws.project)
    for c in ws.catalog.chapters {
      let job = BatchJob(project: ws.project, chapter: c)
      switch job.state {
      case .none:
        continue
      case .submitted(let id):
        print("Batch job \(id), chapter \(c.number): no result yet (`squeue -j \(id)`).")
      case .finished(let id, let exit, let at):
        let verdict = exit == 0 ? Terminal.green("passed") : Terminal.red("did not pass (exit \(exit))")
        print("Batch job \(id), chapter \(c.number): \(verdict) at \(at); output in \(printer.relative(job.logPath))")
      }
    }
  }
}
