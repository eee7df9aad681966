import Launch
import Testing

@testable import Chapters

/// What the compiler says about chapter 19's racy histogram: nothing in Swift 5 mode (the mode
/// exercises are built in), an error in Swift 6 mode; and an `@unchecked Sendable` box silences
/// the error without removing the race.
@Suite(.serialized) struct Swift6RaceDiagnosticTests {
  @Test func swift6RejectsTheRacyHistogram() throws {
    let r = try #require(Chapter19.typecheck(Chapter19.racySource, mode: 6))
    #expect(r.termination != .exited(0))
    #expect(r.output.contains("mutation of captured var 'counts' in concurrently-executing code"), "\(r.output)")
  }

  @Test func swift5AcceptsIt() throws {
    let r = try #require(Chapter19.typecheck(Chapter19.racySource, mode: 5))
    #expect(r.termination == .exited(0), "\(r.output)")
  }

  @Test func uncheckedSendableSilencesSwift6() throws {
    let r = try #require(Chapter19.typecheck(Chapter19.uncheckedSource, mode: 6))
    #expect(r.termination == .exited(0), "\(r.output)")
  }
}
