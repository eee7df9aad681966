import Foundation
import Testing
import WorkbookRunner

@Suite struct PristineTests {
  @Test func resetRestoresTheOriginalAndKeepsABackup() throws {
    let fake = try FakeProject(chapters: ["06-frustum-culling": goodLocal])
    try fake.write("// TODO(06): original\n", to: "exercises/06-frustum-culling/Culling.swift")
    try fake.write("main\n", to: "exercises/06-frustum-culling/main.swift")
    let catalog = try Catalog.load(fake.project)
    let chapter = catalog.chapters[0]
    let pristine = Pristine(project: fake.project)
    #expect(pristine.learnerFiles(chapter) == ["exercises/06-frustum-culling/Culling.swift"])
    try pristine.ensureSnapshot(chapter)
    #expect(!pristine.isModified(chapter))

    try fake.write("my work\n", to: "exercises/06-frustum-culling/Culling.swift")
    #expect(pristine.isModified(chapter))
    let backup = try pristine.reset(chapter)
    #expect(
      try String(contentsOfFile: fake.root + "/exercises/06-frustum-culling/Culling.swift", encoding: .utf8)
        == "// TODO(06): original\n")
    #expect(try String(contentsOfFile: backup + "/Culling.swift", encoding: .utf8) == "my work\n")
    #expect(!pristine.isModified(chapter))
  }
}
