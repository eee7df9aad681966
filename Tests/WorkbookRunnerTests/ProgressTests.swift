import Foundation
import Testing
import WorkbookRunner

@Suite struct ProgressTests {
  func tempPath() -> String { NSTemporaryDirectory() + "progress-\(UUID().uuidString)/progress.json" }

  @Test func roundTrip() throws {
    let path = tempPath()
    var p = Progress()
    p.markPassed("00-first-light")
    p.markFailed("01-frame-budget")
    p.markFailed("01-frame-budget", check: "median")
    p.markHintShown(2, in: "01-frame-budget")
    p.markHintShown(0, in: "01-frame-budget")
    try p.save(to: path)
    guard case .loaded(let back) = Progress.load(from: path) else {
      Issue.record("not loaded")
      return
    }
    #expect(back == p)
    #expect(back.done == ["00-first-light"])
    #expect(back.shownHints["01-frame-budget"] == [0, 2] && back.hints["01-frame-budget"] == 2)
    #expect(back.failedCheck["01-frame-budget"] == "median")
  }

  /// A file from before per-check hints counts its first `hints` hints as shown.
  @Test func readsTheOlderHintCount() throws {
    let json = #"{"version": 1, "done": [], "hints": {"06-frustum-culling": 2}, "last": {}}"#
    let p = try JSONDecoder().decode(Progress.self, from: Data(json.utf8))
    #expect(p.shownHints["06-frustum-culling"] == [0, 1])
    #expect(p.failedCheck.isEmpty)
  }

  /// The next hint: unseen ones for the failed check first, then the rest in order.
  @Test func nextHintPrefersTheFailedCheck() throws {
    let c = ChapterInfo(
      number: 6, slug: "frustum-culling", title: "t", kind: .local, timeLimit: 1, teaches: ["a", "b"],
      hints: [
        ChapterHint(checks: ["a"], text: "a1"), ChapterHint(checks: ["b"], text: "b1"),
        ChapterHint(checks: ["a"], text: "a2"), ChapterHint(checks: ["b"], text: "b2"),
      ])
    var p = Progress()
    #expect(p.nextHint(c, for: "b") == 1)
    p.markHintShown(1, in: c.folder)
    #expect(p.nextHint(c, for: "b") == 3)
    p.markHintShown(3, in: c.folder)
    // Every hint for b shown: the chapter's first unseen one.
    #expect(p.nextHint(c, for: "b") == 0)
    #expect(p.nextHint(c, for: nil) == 0)
    for i in 0..<4 { p.markHintShown(i, in: c.folder) }
    #expect(p.nextHint(c, for: "a") == nil)
  }

  /// Under a failed verdict: the failed check's unseen hints in order, then its last one again,
  /// never a hint for another check while the failed one has hints.
  @Test func verdictHintStaysWithTheFailedCheck() throws {
    let c = ChapterInfo(
      number: 9, slug: "point-to-point", title: "t", kind: .mpi, ranks: [2], timeLimit: 1,
      teaches: ["ring", "mailbox"],
      hints: [
        ChapterHint(checks: ["ring"], text: "r1"), ChapterHint(checks: ["ring"], text: "r2"),
        ChapterHint(checks: ["mailbox"], text: "m1"),
      ])
    var p = Progress()
    #expect(p.verdictHint(c, failedCheck: "mailbox") == 2)
    p.markHintShown(2, in: c.folder)
    #expect(p.verdictHint(c, failedCheck: "mailbox") == 2)
    #expect(p.verdictHint(c, failedCheck: "ring") == 0)
    p.markHintShown(0, in: c.folder)
    #expect(p.verdictHint(c, failedCheck: "ring") == 1)
    // No failed check (a time-out) or one without hints: the chapter's first unseen hint.
    #expect(p.verdictHint(c, failedCheck: nil) == 1)
    #expect(p.verdictHint(c, failedCheck: "mailbox-count") == 1)
  }

  @Test func missingFileIsAFreshStart() {
    guard case .fresh(let p) = Progress.load(from: tempPath()) else {
      Issue.record("expected fresh")
      return
    }
    #expect(p.done.isEmpty)
  }

  @Test(arguments: ["{ not json", "{\"version\": 99, \"done\": [], \"hints\": {}, \"last\": {}}", ""])
  func corruptFileIsMovedAsideNotFatal(contents: String) throws {
    let path = tempPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    guard case .corrupt(_, let backup) = Progress.load(from: path) else {
      Issue.record("expected corrupt")
      return
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try String(contentsOfFile: backup, encoding: .utf8) == contents)
  }

  @Test func atomicWriteLeavesNoTemporaryFiles() throws {
    let path = tempPath()
    try Progress().save(to: path)
    try Progress().save(to: path)
    let dir = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["progress.json"])
  }
}
