import Foundation
import Testing
import WorkbookRunner

@Suite struct CatalogLoadingTests {
  @Test func loadsAConsistentProject() throws {
    let fake = try FakeProject(chapters: ["06-frustum-culling": goodLocal, "09-point-to-point": goodMPI])
    let catalog = try Catalog.load(fake.project)
    #expect(catalog.chapters.map(\.number) == [6, 9])
  }

  func problems(_ fake: FakeProject) -> [CatalogError] {
    do {
      _ = try Catalog.load(fake.project)
      return []
    } catch let e as CatalogErrors {
      return e.errors
    } catch { return [] }
  }

  @Test func folderMissingFromOneTree() throws {
    let fake = try FakeProject(chapters: ["06-frustum-culling": goodLocal], trees: ["lessons", "exercises"])
    let errors = problems(fake)
    #expect(errors.contains { $0.file == "solutions/06-frustum-culling" })
  }

  @Test func duplicateNumber() throws {
    let other = goodLocal.replacingOccurrences(of: "frustum-culling", with: "other-thing")
    let fake = try FakeProject(chapters: ["06-frustum-culling": goodLocal, "06-other-thing": other])
    #expect(problems(fake).contains { $0.field == "number" && $0.message.contains("declared by") })
  }

  @Test func folderNameDisagreesWithMetadata() throws {
    let fake = try FakeProject(chapters: ["07-frustum-culling": goodLocal])
    #expect(problems(fake).contains { $0.field == "number/slug" })
  }

  @Test func chapterNotListedInPackageSwift() throws {
    let fake = try FakeProject(chapters: ["06-frustum-culling": goodLocal], listed: [])
    #expect(problems(fake).contains { $0.file == "Package.swift" && $0.message.contains("06-frustum-culling") })
  }

  @Test func missingChapterToml() throws {
    let fake = try FakeProject(chapters: [:])
    try FileManager.default.createDirectory(atPath: fake.root + "/lessons/03-lonely", withIntermediateDirectories: true)
    #expect(problems(fake).contains { $0.file == "lessons/03-lonely/chapter.toml" })
  }
}
