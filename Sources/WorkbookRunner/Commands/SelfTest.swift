import ArgumentParser
import Foundation
import Launch

/// `workbook test`: the project's own test suite, which includes `verify` of every chapter
/// (EndToEndTests). What CI runs.
struct SelfTest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the workbook's own test suite (swift test), which also verifies every chapter.")

  func run() throws {
    let project = try Project.locate()
    Interrupt.install()
    // One suite at a time: several suites launch MPI jobs and chapters whose checks compare
    // speeds, which must not share the two cores of a laptop with each other.
    let arguments = ["test", "-c", "release", "--no-parallel", "--package-path", project.root]
    print(Terminal.bold("swift " + arguments.joined(separator: " ")))
    let tests = try runProcess("swift", arguments, timeout: 3600, echo: true, interrupted: { Interrupt.requested })
    guard tests.termination == .exited(0) else {
      print(Terminal.red("tests failed (\(tests.termination.map { "\($0)" } ?? "stopped"))"))
      throw ExitCode(1)
    }
    print(Terminal.green("All tests passed, verify of every chapter included."))
  }
}
