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
    p.hints["01-frame-budget"] = 2
    try p.save(to: path)
    guard case .loaded(let back) = Progress.load(from: path) else {
      Issue.record("not loaded")
      return
    }
    #expect(back == p)
    #expect(back.done == ["00-first-light"])
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
