import Foundation
import Launch
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// The runner end to end on the shipped chapters: every solution passes, every exercise fails
/// where it should. Uses the programs `swift test` has just built.
@Suite(.serialized) struct EndToEndTests {
  @Test func verifyAcceptsTheShippedChapters() throws {
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    env["NO_COLOR"] = "1"
    let result = try runProcess(
      TestSupport.program("workbook"), ["verify", "--no-build"], environment: env,
      timeout: 1800)
    #expect(result.termination == .exited(0), "\(result.output.suffix(3000))")
    #expect(result.output.contains("every solution passes"))
  }

  /// Into a pipe (a CI log, `| less`) the runner's own lines are block-buffered; they must still
  /// come before the demo's output, not after it.
  @Test func runnerLinesComeBeforeTheDemosOutputInAPipe() throws {
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    env["NO_COLOR"] = "1"
    let result = try runProcess(
      TestSupport.program("workbook"), ["run", "4", "--no-build"], environment: env,
      timeout: 120)
    #expect(result.termination == .exited(0), "\(result.output.suffix(2000))")
    let header = result.output.range(of: "── chapter 4:")
    let demo = result.output.range(of: "== 04-lod-policies")
    #expect(header != nil && demo != nil, "\(result.output.prefix(2000))")
    if let header, let demo { #expect(header.lowerBound < demo.lowerBound, "\(result.output.prefix(600))") }
  }

  @Test(.enabled(if: exerciseIsAsShipped("00-first-light"), "exercise 00 holds the learner's work"))
  func checkReportsAFailingExerciseWithItsHint() throws {
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    env["NO_COLOR"] = "1"
    // The shipped exercise of chapter 0 is unsolved: check must fail, show the check and a hint.
    // --no-build: `swift test` holds SwiftPM's build lock while tests run.
    let result = try runProcess(
      TestSupport.program("workbook"), ["check", "0", "--no-build"], environment: env,
      timeout: 120)
    #expect(result.termination == .exited(1))
    #expect(result.output.contains("✗ covered-pixels"))
    #expect(result.output.contains("Hint:"))
  }

  /// The hint under a failed verdict is the next one for the check that failed, and stays with
  /// that check; `hint` then moves on to the chapter's next unseen hint.
  @Test(.enabled(if: exerciseIsAsShipped("00-first-light"), "exercise 00 holds the learner's work"))
  func verdictHintsFollowTheFailedCheck() throws {
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    env["NO_COLOR"] = "1"
    let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)
    let c = try #require(try Catalog.load(project).chapter(0))
    let forCovered = c.hintIndices(for: "covered-pixels")
    let others = c.hints.indices.filter { !forCovered.contains($0) }
    #expect(forCovered.count >= 2 && !others.isEmpty)
    func workbook(_ args: [String]) throws -> String {
      try runProcess(TestSupport.program("workbook"), args, environment: env, timeout: 120).output
    }
    let tag = { (i: Int) in "hint \(i + 1)/\(c.hints.count)" }
    let first = try workbook(["check", "0", "--no-build"])
    #expect(first.contains("for covered-pixels, " + tag(forCovered[0])), "\(first.suffix(1500))")
    let second = try workbook(["check", "0", "--no-build"])
    #expect(second.contains("for covered-pixels, " + tag(forCovered[1])), "\(second.suffix(1500))")
    for _ in 2..<forCovered.count { _ = try workbook(["check", "0", "--no-build"]) }
    // Every hint for the failed check shown: its last one again, not another check's.
    let again = try workbook(["check", "0", "--no-build"])
    #expect(again.contains("for covered-pixels, " + tag(forCovered.last!)), "\(again.suffix(1500))")
    // `hint` knows the verdict failed at covered-pixels, has shown all of its hints: the next unseen.
    let hint = try workbook(["hint", "0"])
    #expect(hint.contains("Hint \(others[0] + 1)/\(c.hints.count)"), "\(hint)")
  }
}
