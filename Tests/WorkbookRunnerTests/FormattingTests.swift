import Foundation
import Launch
import Testing
import WorkbookTestSupport

/// The tree stays formatted by the toolchain's `swift format` with the project's `.swift-format`:
/// `swift format lint --strict` reports nothing.
@Suite struct FormattingTests {
  @Test func everySwiftFileIsFormatted() throws {
    let folders = ["Sources", "Tests", "exercises", "solutions", "lessons", "Package.swift"]
    let result = try runProcess(
      "swift",
      ["format", "lint", "--strict", "--recursive", "--configuration", TestSupport.root + "/.swift-format"] + folders,
      workingDirectory: TestSupport.root, timeout: 300)
    let problems = String(result.output.prefix(3000))
    #expect(
      result.termination == .exited(0) && result.output.isEmpty,
      "swift format lint found problems (fix: swift format format -i -r \(folders.joined(separator: " "))):\n\(problems)"
    )
  }
}
