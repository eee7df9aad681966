import Foundation
import Launch
import Testing
import WorkbookTestSupport

@testable import WorkbookRunner

/// `workbook api` and the lessons' generated "The API for this exercise", on the symbol graphs
/// of the modules `swift test` has just built.
@Suite(.serialized) struct APISectionTests {
  let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)

  /// The index is read once: the standard library's graph alone is 48 MB.
  static let index = Result { () throws -> SymbolIndex in
    let project = Project(root: TestSupport.root, binDirectory: TestSupport.binDirectory)
    return try SymbolGraphExtractor(project: project).index(standardLibrary: true)
  }

  func chapter(_ number: Int) throws -> ChapterInfo {
    try #require(try Catalog.load(project).chapter(number))
  }

  @Test func everyLessonsSectionMatchesTheSymbolGraph() throws {
    let section = APISection(project: project, index: try Self.index.get())
    let chapters = try Catalog.load(project).chapters
    #expect(chapters.count >= 17)
    for c in chapters {
      #expect(section.problems(c) == [], "\(c.folder)")
      #expect(try section.names(c).count >= 3, "\(c.folder) lists too little API")
    }
  }

  @Test func theIssuesGuessesAreAnsweredWithTheRealNames() throws {
    let section = APISection(project: project, index: try Self.index.get())
    let names = try [9, 11, 13, 6].flatMap { try section.names(chapter($0)) }
    for name in [
      "Communicator.receiveArray(_:from:tag:)", "Chapter09.Letter.init(source:tag:values:)", "Op.logicalOr",
      "Op.bitwiseAnd", "BVH.Node.first", "Swift.UnsafeRawPointer.loadUnaligned(fromByteOffset:as:)",
      "Chapter11.Summary.init(total:largest:offset:)",
    ] {
      #expect(names.contains(name), "\(name)")
    }
  }

  /// A symbol the lesson lists that the modules no longer have is a verify problem, named.
  @Test func aRemovedOrRenamedSymbolFailsTheCheck() throws {
    let full = try Self.index.get()
    let ch09 = try chapter(9)
    let removed = SymbolIndex(symbols: full.symbols.filter { $0.baseName != "receiveArray" })
    let problems = APISection(project: project, index: removed).problems(ch09)
    #expect(problems.count == 1)
    #expect(problems.first?.contains("no public symbol Communicator.receiveArray(_:from:tag:)") == true)

    let renamed = SymbolIndex(
      symbols: full.symbols.map { s in
        var s = s
        if s.name == "Chapter09.Letter.init(source:tag:values:)" { s.path[2] = "init(sender:tag:values:)" }
        return s
      })
    let renamedProblems = APISection(project: project, index: renamed).problems(ch09)
    #expect(renamedProblems.first?.contains("no public symbol Chapter09.Letter.init(source:tag:values:)") == true)
  }

  /// A changed doc comment or declaration makes the README's section stale: a problem until
  /// `./workbook api --write-lessons` runs.
  @Test func aChangedDocCommentMakesTheSectionStale() throws {
    let changed = SymbolIndex(
      symbols: try Self.index.get().symbols.map { s in
        var s = s
        if s.name == "Status.tag" { s.doc += " (changed)" }
        return s
      })
    let problems = APISection(project: project, index: changed).problems(try chapter(9))
    #expect(problems.count == 1)
    #expect(problems.first?.contains("differs") == true)
  }

  @Test func namesResolveExactlyOrAsTheCallIsWritten() throws {
    let index = try Self.index.get()
    // Exact labels: every overload with them.
    #expect(index.resolve("Communicator.send(_:to:tag:)").count >= 2)
    // A call that leaves out defaulted parameters finds the full declaration.
    let pair = index.resolve("Communicator.sendReceive(_:to:into:from:)")
    #expect(pair.map(\.name) == ["Communicator.sendReceive(_:to:sendTag:into:from:receiveTag:)"])
    // But not one that leaves out a parameter without a default.
    #expect(index.resolve("Communicator.sendReceive(_:into:from:)").isEmpty)
    #expect(index.resolve("MPI.Op.logicalOr").first?.declaration == "static var logicalOr: Op { get }")
    #expect(index.resolve("Op.logicalOrr").isEmpty)
    // A plain name lists every symbol of that name, across types and modules.
    let receives = index.search("receive")
    #expect(receives.contains { $0.name.hasPrefix("Communicator.receive(") })
    #expect(receives.contains { $0.name.hasPrefix("Chapter16.Link.receive(") })
    #expect(index.suggestions("receiveArary").first == "Communicator.receiveArray(_:from:tag:)")
  }

  @Test func theCommandPrintsDeclarationAndDocComment() throws {
    var env = ProcessInfo.processInfo.environment
    env["WORKBOOK_ROOT"] = TestSupport.root
    env["WORKBOOK_STATE"] = NSTemporaryDirectory() + "wb-state-\(UUID().uuidString)"
    env["NO_COLOR"] = "1"
    let workbook = TestSupport.program("workbook")
    let found = try runProcess(workbook, ["api", "Op.logicalOr", "--no-build"], environment: env, timeout: 120)
    #expect(found.termination == .exited(0), "\(found.output)")
    #expect(found.output.contains("static var logicalOr: Op { get }"))
    #expect(found.output.contains("MPI_LOR"))
    #expect(found.output.contains("Sources/MPI/Op.swift:"))
    let unknown = try runProcess(workbook, ["api", "receiveArary", "--no-build"], environment: env, timeout: 120)
    #expect(unknown.termination == .exited(1))
    #expect(unknown.output.contains("no public symbol receiveArary; close: Communicator.receiveArray(_:from:tag:)"))
    let lesson = try runProcess(workbook, ["api", "--lesson", "9", "--no-build"], environment: env, timeout: 120)
    #expect(lesson.output.contains("func receiveArray<T>(_: T.Type, from source: Int"))
  }
}
