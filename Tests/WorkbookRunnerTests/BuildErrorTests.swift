import Foundation
import Testing
import WorkbookRunner

/// A real `swift build` of a one-file package whose "exercise" does not compile: the runner must
/// find the error with the learner's file, line and column. (A package of its own, with its own
/// .build folder, because `swift test` holds the workbook's build lock.)
@Suite(.serialized) struct BuildErrorTests {
  @Test func compilerErrorsPointAtTheLearnersFile() throws {
    let root = NSTemporaryDirectory() + "wb-build-\(UUID().uuidString)"
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/exercises/01-broken", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/lessons", withIntermediateDirectories: true)
    try """
    // swift-tools-version:6.0
    import PackageDescription
    let package = Package(name: "Broken", targets: [
      .executableTarget(name: "exercise01", path: "exercises/01-broken"),
    ])
    """.write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
    try """
    let total = 1
    print(totl + 1)
    """.write(toFile: root + "/exercises/01-broken/main.swift", atomically: true, encoding: .utf8)
    defer { try? fm.removeItem(atPath: root) }

    let result = try Builder(project: Project(root: root)).build(product: "exercise01")
    #expect(!result.succeeded)
    let error = try #require(result.errors.first, "\(result.log.suffix(2000))")
    #expect(error.file.hasSuffix("exercises/01-broken/main.swift"))
    #expect(error.line == 2 && error.column == 7)
    #expect(error.message.contains("totl"))
  }
}
