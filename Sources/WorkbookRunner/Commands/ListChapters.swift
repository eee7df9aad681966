import ArgumentParser

/// `workbook list`: every chapter with its status.
struct ListChapters: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the chapters and their status.")

  enum StatusFilter: String, ExpressibleByArgument, CaseIterable { case done, pending, failing }

  @Option(help: "Only chapters with this status: done, pending or failing.")
  var status: StatusFilter?

  @Option(help: "Only chapters of this kind: local, mpi or window.")
  var kind: String?

  func validate() throws {
    if let kind, ChapterKind(rawValue: kind) == nil {
      throw ValidationError("unknown kind \(kind); use local, mpi or window")
    }
  }

  func run() throws {
    let ws = try openWorkspace()
    // A lost or unreadable progress file would otherwise show every chapter as pending.
    ws.rebuildProgressIfNeeded()
    ListChapters.printTable(ws, status: status, kind: kind)
  }

  static func statusOf(_ ws: Workspace, _ c: ChapterInfo) -> StatusFilter {
    if ws.progress.done.contains(c.folder) { return .done }
    return ws.progress.last[c.folder] == "failing" ? .failing : .pending
  }

  static func printTable(_ ws: Workspace, status: StatusFilter? = nil, kind: String? = nil) {
    let next = ws.nextPending
    for c in ws.catalog.chapters {
      let s = statusOf(ws, c)
      if let status, s != status { continue }
      if let kind, c.kind.rawValue != kind { continue }
      let label: String
      switch s {
      case .done: label = Terminal.green("done   ")
      case .failing: label = Terminal.red("failing")
      case .pending: label = "pending"
      }
      let marker = c.folder == next?.folder ? Terminal.cyan("▶") : " "
      let ranks = c.kind == .mpi ? " ranks \(c.ranks.map(String.init).joined(separator: ","))" : ""
      print("\(marker) \(c.code)  \(label)  \(c.title)  \(Terminal.dim("[\(c.kind.rawValue)\(ranks)]"))")
    }
  }
}
