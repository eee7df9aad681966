import Foundation
import Testing
import WorkbookRunner

/// A throwaway workbook tree in a temporary folder.
struct FakeProject {
  let root: String
  var project: Project { Project(root: root) }

  init(chapters: [String: String], listed: [String]? = nil, trees: [String] = ["lessons", "exercises", "solutions"]) throws {
    root = NSTemporaryDirectory() + "wb-fake-\(UUID().uuidString)"
    let fm = FileManager.default
    for (folder, toml) in chapters {
      for tree in trees { try fm.createDirectory(atPath: "\(root)/\(tree)/\(folder)", withIntermediateDirectories: true) }
      try toml.write(toFile: "\(root)/lessons/\(folder)/chapter.toml", atomically: true, encoding: .utf8)
    }
    try fm.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
    let names = (listed ?? chapters.keys.sorted()).map { "  \"\($0)\"," }.joined(separator: "\n")
    try "let chapters = [\n\(names)\n]\n".write(toFile: "\(root)/Package.swift", atomically: true, encoding: .utf8)
  }

  func write(_ text: String, to relative: String) throws {
    try FileManager.default.createDirectory(atPath: (root + "/" + relative as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
  }
}

let goodLocal = """
  number = 6
  slug = "frustum-culling"
  title = "Frustum culling"
  kind = "local"
  time_limit = 30
  teaches = ["planes"]
  hints = ["one", "two"]
  """

let goodMPI = """
  number = 9
  slug = "point-to-point"
  title = "Point to point"
  kind = "mpi"
  ranks = [2, 3, 4]
  time_limit = 20.5
  teaches = ["ring"]
  hints = ["h"]
  """

@Suite struct CatalogParsingTests {
  @Test func parsesALocalChapter() throws {
    let c = try Catalog.parse(goodLocal, file: "x.toml")
    #expect(c.number == 6 && c.slug == "frustum-culling" && c.kind == .local)
    #expect(c.ranks == [1] && c.timeLimit == 30 && !c.needsDisplay)
    #expect(c.folder == "06-frustum-culling" && c.exerciseProduct == "exercise06")
    #expect(c.hints == ["one", "two"])
  }

  @Test func parsesAnMPIChapter() throws {
    let c = try Catalog.parse(goodMPI, file: "x.toml")
    #expect(c.kind == .mpi && c.ranks == [2, 3, 4] && c.timeLimit == 20.5)
  }

  /// Each broken variant must fail naming the field at fault.
  @Test(arguments: [
    (goodLocal.replacingOccurrences(of: "number = 6\n", with: ""), "number"),
    (goodLocal.replacingOccurrences(of: "title = \"Frustum culling\"\n", with: ""), "title"),
    (goodLocal.replacingOccurrences(of: "\"local\"", with: "\"gpu\""), "kind"),
    (goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = \"long\""), "time_limit"),
    (goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = -1"), "time_limit"),
    (goodLocal.replacingOccurrences(of: "teaches = [\"planes\"]", with: "teaches = []"), "teaches"),
    (goodLocal.replacingOccurrences(of: "hints = [\"one\", \"two\"]", with: "hints = [1, 2]"), "hints"),
    (goodLocal + "\nranks = [2]", "ranks"),
    (goodLocal + "\ncolour = \"red\"", "colour"),
    (goodLocal.replacingOccurrences(of: "\"frustum-culling\"", with: "\"Frustum Culling\""), "slug"),
    (goodMPI.replacingOccurrences(of: "ranks = [2, 3, 4]\n", with: ""), "ranks"),
    (goodMPI.replacingOccurrences(of: "[2, 3, 4]", with: "[2, 0]"), "ranks"),
    (goodMPI.replacingOccurrences(of: "[2, 3, 4]", with: "[]"), "ranks"),
  ])
  func rejectsBrokenMetadataNamingTheField(text: String, field: String) {
    do {
      _ = try Catalog.parse(text, file: "lessons/x/chapter.toml")
      Issue.record("accepted broken metadata (field \(field))")
    } catch let e as CatalogError {
      #expect(e.field == field, "\(e)")
      #expect(e.description.contains("lessons/x/chapter.toml"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func rejectsInvalidTOMLWithALine() {
    do {
      _ = try Catalog.parse("number = 6\nslug = \"a\ntitle = 1", file: "f.toml")
      Issue.record("accepted invalid TOML")
    } catch let e as CatalogError {
      #expect(e.message.contains("line"))
    } catch { Issue.record("\(error)") }
  }
}

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
