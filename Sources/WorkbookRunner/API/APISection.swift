import Foundation
import TOMLKit

/// A lesson's closing section, "The API for this exercise": the declarations and doc comments of
/// the symbols listed under `api` in the chapter's chapter.toml, generated from the symbol graph
/// between the markers `<!-- api:begin -->` and `<!-- api:end -->`, so that the lesson cannot
/// name a signature the modules no longer have.
public struct APISection: Sendable {
  /// The section's heading.
  public static let heading = "## The API for this exercise"
  /// The marker before the generated text.
  public static let begin = "<!-- api:begin -->"
  /// The marker after it.
  public static let end = "<!-- api:end -->"

  /// The project the lessons belong to.
  public let project: Project
  /// The symbols to resolve names against.
  public let index: SymbolIndex

  /// A generator for `project`'s lessons from `index`.
  public init(project: Project, index: SymbolIndex) {
    self.project = project
    self.index = index
  }

  /// The `api` list of a chapter's chapter.toml (empty when it has none).
  public func names(_ chapter: ChapterInfo) throws -> [String] {
    let file = project.folder(.lessons, chapter) + "/chapter.toml"
    let table = try TOMLTable(string: try String(contentsOfFile: file, encoding: .utf8))
    guard let value = table["api"] else { return [] }
    guard let array = value.array else { throw RunnerError("\(file): `api` must be an array of strings") }
    return try array.map {
      guard let s = $0.string else { throw RunnerError("\(file): `api` must be an array of strings") }
      return s
    }
  }

  /// The generated text between the markers, or the names that resolve to no symbol.
  public func generate(_ names: [String]) -> Result<String, UnresolvedSymbols> {
    var missing: [String] = []
    var out = [
      "",
      "Generated from the modules' doc comments by `./workbook api --lesson` (the list is `api` in",
      "chapter.toml); `./workbook api <name>` prints any other public symbol.",
    ]
    for name in names {
      let found = index.resolve(name)
      if found.isEmpty {
        missing.append(name)
        continue
      }
      out += ["", "### `\(name)`", ""]
      for (i, s) in found.enumerated() {
        if i > 0 { out.append("") }
        out += ["```swift", s.declaration, "```"]
        // The standard library's comments run to pages: its first paragraph says what the call does.
        let doc = s.module == "Swift" ? String(s.doc.components(separatedBy: "\n\n")[0]) : s.doc
        if !doc.isEmpty { out += [""] + doc.components(separatedBy: "\n") }
      }
    }
    if !missing.isEmpty { return .failure(UnresolvedSymbols(names: missing, index: index)) }
    out.append("")
    return .success(out.joined(separator: "\n"))
  }

  /// `readme` with the section replaced by `generated`, or with the section appended when the
  /// markers are missing.
  public static func replacing(in readme: String, with generated: String) -> String {
    if let b = readme.range(of: begin), let e = readme.range(of: end), b.upperBound <= e.lowerBound {
      return String(readme[..<b.upperBound]) + generated + String(readme[e.lowerBound...])
    }
    var text = readme
    while text.hasSuffix("\n") { text.removeLast() }
    return text + "\n\n" + heading + "\n\n" + begin + generated + end + "\n"
  }

  /// What is wrong with a chapter's section: an unknown name, or a README whose section differs
  /// from the generated one (run `./workbook api --write-lessons`). Empty when all is well.
  public func problems(_ chapter: ChapterInfo) -> [String] {
    let names: [String]
    do { names = try self.names(chapter) } catch { return ["\(error)"] }
    if names.isEmpty { return ["chapter.toml lists no `api` symbols for the lesson's API section"] }
    switch generate(names) {
    case .failure(let unresolved): return [unresolved.description]
    case .success(let generated):
      let path = project.folder(.lessons, chapter) + "/README.md"
      guard let readme = try? String(contentsOfFile: path, encoding: .utf8) else { return ["cannot read \(path)"] }
      guard readme.contains(Self.heading + "\n\n" + Self.begin) && readme.contains(Self.end) else {
        return ["README.md has no \"\(Self.heading)\" section; run ./workbook api --write-lessons"]
      }
      if Self.replacing(in: readme, with: generated) != readme {
        return ["README.md's API section differs from the symbol graph; run ./workbook api --write-lessons"]
      }
      return []
    }
  }

  /// Writes the generated section into the chapter's README.md.
  /// - Returns: whether the file changed.
  @discardableResult
  public func write(_ chapter: ChapterInfo) throws -> Bool {
    switch generate(try names(chapter)) {
    case .failure(let unresolved): throw RunnerError("\(chapter.folder): \(unresolved)")
    case .success(let generated):
      let path = project.folder(.lessons, chapter) + "/README.md"
      let readme = try String(contentsOfFile: path, encoding: .utf8)
      let updated = Self.replacing(in: readme, with: generated)
      guard updated != readme else { return false }
      try updated.write(toFile: path, atomically: true, encoding: .utf8)
      return true
    }
  }
}

/// Names in a chapter's `api` list that no public symbol has, with the closest names there are.
public struct UnresolvedSymbols: Error, CustomStringConvertible {
  /// The names not found.
  public let names: [String]
  /// The index searched, for suggestions.
  public let index: SymbolIndex

  /// "no public symbol Communicator.receiveArray(_:from:) (close: ...)", one line per name.
  public var description: String {
    names.map { name in
      let close = index.suggestions(name)
      return "no public symbol \(name)" + (close.isEmpty ? "" : " (close: \(close.joined(separator: ", ")))")
    }.joined(separator: "\n")
  }
}
