import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// A corrupt progress file is reported, moved aside and rebuilt by checking the exercises the
/// learner changed; nothing crashes. The "change" is simulated by a different pristine copy in a
/// temporary state folder, so the real exercise files are never touched.
@Suite(.serialized) struct ProgressRecoveryTests {
  @Test(.enabled(if: exerciseIsAsShipped("00-first-light"), "exercise 00 holds the learner's work"))
  func corruptProgressIsRebuiltFromChecks() throws {
    let state = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    let pristineCopy = state + "/pristine/exercises/00-first-light/FirstLight.swift"
    try FileManager.default.createDirectory(
      atPath: (pristineCopy as NSString).deletingLastPathComponent,
      withIntermediateDirectories: true)
    try "// another original\n".write(toFile: pristineCopy, atomically: true, encoding: .utf8)
    try "{ this is not json".write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = state
    env["NO_COLOR"] = "1"
    let result = try runProcess(
      TestSupport.program("workbook"), ["check", "0", "--no-build"], environment: env,
      timeout: 120)
    #expect(result.output.contains("unreadable"), "\(result.output.prefix(2000))")
    #expect(result.output.contains("rebuilding"))
    #expect(result.termination == .exited(1))  // the shipped exercise still fails its checks
    let backups = try FileManager.default.contentsOfDirectory(atPath: state).filter {
      $0.hasPrefix("progress.json.corrupt-")
    }
    #expect(backups.count == 1)
    guard case .loaded(let progress) = Progress.load(from: state + "/progress.json") else {
      Issue.record("the rebuilt progress file does not load")
      return
    }
    #expect(progress.last["00-first-light"] == "failing")
    #expect(!progress.done.contains("00-first-light"))
  }

  /// `list` shows statuses, so it must not pass over an unreadable progress file in silence.
  /// With every exercise as shipped there is nothing to re-check, so nothing is built.
  @Test(.enabled(if: exerciseIsAsShipped(""), "some exercise holds the learner's work"))
  func listReportsACorruptProgressFile() throws {
    let state = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    try "{\"version\": 1, \"done\": [".write(toFile: state + "/progress.json", atomically: true, encoding: .utf8)
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = state
    env["NO_COLOR"] = "1"
    let result = try runProcess(TestSupport.program("workbook"), ["list"], environment: env, timeout: 120)
    #expect(result.termination == .exited(0), "\(result.output.prefix(2000))")
    #expect(result.output.contains("unreadable"), "\(result.output.prefix(2000))")
    guard case .loaded = Progress.load(from: state + "/progress.json") else {
      Issue.record("list did not write a readable progress file after rebuilding it")
      return
    }
  }
}
