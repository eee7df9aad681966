import Foundation
import Testing
import WorkbookRunner

@Suite struct CatalogParsingTests {
  @Test func parsesALocalChapter() throws {
    let c = try Catalog.parse(goodLocal, file: "x.toml")
    #expect(c.number == 6 && c.slug == "frustum-culling" && c.kind == .local)
    #expect(c.ranks == [1] && c.timeLimit == 30 && !c.needsDisplay)
    #expect(c.folder == "06-frustum-culling" && c.exerciseProduct == "exercise06")
    #expect(c.hints.map(\.text) == ["one", "two"])
    #expect(c.hints.map(\.checks) == [["planes"], ["planes", "culled-set"]])
    #expect(c.hintIndices(for: "culled-set") == [1] && c.hintIndices(for: "planes") == [0, 1])
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
    (
      goodMPI.replacingOccurrences(of: "[[hints]]\nchecks = [\"ring\"]\ntext = \"h\"", with: "hints = [\"h\"]"), "hints"
    ),
    // Top-level keys go before the [[hints]] tables (after them they belong to the last hint).
    (goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = 30\nranks = [2]"), "ranks"),
    (goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = 30\ncolour = \"red\""), "colour"),
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

  /// Hints that are not `[[hints]]` tables with checks and text, or leave a taught check without
  /// a hint.
  static let brokenHints: [(String, String)] = [
    (goodMPI.replacingOccurrences(of: "[[hints]]\nchecks = [\"ring\"]\ntext = \"h\"", with: ""), "hints"),
    (goodMPI.replacingOccurrences(of: "checks = [\"ring\"]\n", with: ""), "hints[0]"),
    (goodMPI.replacingOccurrences(of: "checks = [\"ring\"]", with: "checks = []"), "hints[0]"),
    (goodMPI.replacingOccurrences(of: "checks = [\"ring\"]", with: "checks = [1]"), "hints[0]"),
    (goodMPI.replacingOccurrences(of: "text = \"h\"", with: "text = \"\""), "hints[0]"),
    (goodMPI.replacingOccurrences(of: "text = \"h\"", with: "text = \"h\"\nlevel = 2"), "hints[0]"),
    // A check the chapter teaches with no hint for it.
    (goodMPI.replacingOccurrences(of: "checks = [\"ring\"]", with: "checks = [\"mailbox\"]"), "hints"),
  ]

  @Test(arguments: brokenHints)
  func rejectsBrokenHintsNamingTheField(text: String, field: String) {
    rejectsBrokenMetadataNamingTheField(text: text, field: field)
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
