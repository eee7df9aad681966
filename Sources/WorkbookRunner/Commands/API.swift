import ArgumentParser
import Foundation

/// `workbook api <Symbol>`: a public symbol's declaration and doc comment, from the symbol
/// graphs of the built modules.
struct API: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api",
    abstract: "Print the declaration and doc comment of a public symbol (Communicator.receive, Op.logicalOr ...).",
    discussion: """
      A plain name (`receive`) lists every symbol of that name with its declaration; a full name \
      (`Communicator.receive(from:tag:)`) prints that one with its doc comment. `--lesson N` prints \
      the symbols chapter N's exercise needs (its lesson's last section).
      """)

  @Argument(help: "A symbol: receive, Communicator.receive(from:tag:), Op.logicalOr, Chapter09.Letter.")
  var symbol: String?

  @Option(help: "Print the API of chapter N's exercise.")
  var lesson: Int?

  @Flag(help: "Regenerate every lesson's \"The API for this exercise\" section (authors).")
  var writeLessons = false

  @Flag(help: "Use the modules already built.")
  var noBuild = false

  func run() throws {
    let ws = try openWorkspace()
    if !noBuild {
      // demo00 depends on every module a learner imports; a build after one is seconds.
      let build = try ws.builder.build(product: ws.catalog.chapters.first?.demoProduct)
      guard build.succeeded else {
        print(build.log)
        print(Terminal.red("api: the modules do not build"))
        throw ExitCode(1)
      }
    }
    let extractor = SymbolGraphExtractor(project: ws.project)
    func load(standardLibrary: Bool) throws -> SymbolIndex {
      do { return try extractor.index(standardLibrary: standardLibrary) } catch {
        print(Terminal.red("error: ") + "\(error)")
        throw ExitCode(1)
      }
    }
    // Lessons may list standard-library calls (Swift.Array.withUnsafeBufferPointer(_:)).
    let lessons = writeLessons || lesson != nil
    var index = try load(standardLibrary: lessons)
    let section = APISection(project: ws.project, index: index)

    if writeLessons {
      for c in ws.catalog.chapters {
        if try section.write(c) { print("updated lessons/\(c.folder)/README.md") }
      }
      return
    }
    if let lesson {
      let c = try ws.chapter(lesson)
      switch section.generate(try section.names(c)) {
      case .failure(let unresolved):
        print(Terminal.red("error: ") + unresolved.description)
        throw ExitCode(1)
      case .success(let generated):
        print(Terminal.renderMarkdown(APISection.heading + "\n" + generated))
      }
      return
    }
    guard let symbol else { throw ValidationError("name a symbol, or give --lesson N") }
    var found = index.search(symbol)
    if found.isEmpty {
      // Not the workbook's: perhaps the standard library's (loadUnaligned, withUnsafeBufferPointer).
      index = try load(standardLibrary: true)
      found = index.search(symbol)
    }
    if found.isEmpty {
      let close = index.suggestions(symbol)
      print("no public symbol \(symbol)" + (close.isEmpty ? "" : "; close: \(close.joined(separator: ", "))"))
      throw ExitCode(1)
    }
    if APISymbol.labels(of: index.splitName(symbol).last ?? "") != nil && index.resolve(symbol).isEmpty {
      print(Terminal.dim("no \(symbol) with exactly these labels; every symbol of that name:"))
    }
    print(API.describe(found, full: found.count == 1 || Set(found.map(\.name)).count == 1))
  }

  /// Matches as text: with `full`, each declaration with its doc comment and place; otherwise
  /// one name and declaration per match.
  static func describe(_ symbols: [APISymbol], full: Bool) -> String {
    var out: [String] = []
    for s in symbols {
      if full {
        if !out.isEmpty { out.append("") }
        out.append(Terminal.bold(s.name) + Terminal.dim("  (\(s.module), \(s.kind.lowercased()))"))
        out.append("    " + Terminal.cyan(s.declaration))
        if !s.doc.isEmpty { out.append(Terminal.renderMarkdown(s.doc)) }
        if let place = s.location { out.append(Terminal.dim(place)) }
      } else {
        out.append(Terminal.bold(s.name) + Terminal.dim("  (\(s.module))"))
        out.append("    " + Terminal.cyan(s.declaration))
      }
    }
    return out.joined(separator: "\n")
  }
}
