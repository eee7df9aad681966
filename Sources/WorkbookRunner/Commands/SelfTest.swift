import ArgumentParser
import Foundation
import Launch

/// `workbook test`: the project's own tests, then `verify`. What CI runs.
struct SelfTest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test", abstract: "Run the workbook's own test suite (swift test), then verify every chapter.")

  @Flag(help: "Skip `verify` after the unit and integration tests.")
  var skipVerify = false

  func run() throws {
    let project = try Project.locate()
    Interrupt.install()
    print(Terminal.bold("swift test -c release"))
    let tests = try runProcess("swift", ["test", "-c", "release", "--package-path", project.root], timeout: 3600, echo: true,
                               interrupted: { Interrupt.requested })
    guard tests.termination == .exited(0) else {
      print(Terminal.red("tests failed (\(tests.termination.map { "\($0)" } ?? "timed out"))"))
      throw ExitCode(1)
    }
    if skipVerify { return }
    let verify = try Verify.parse([])
    try verify.run()
  }
}
