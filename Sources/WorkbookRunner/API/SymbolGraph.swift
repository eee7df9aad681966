import Foundation

/// The part of a symbol graph file (`swift symbolgraph-extract`'s JSON) that `workbook api`
/// reads: each symbol's path, kind, declaration and doc comment. Read with Codable; unknown
/// fields are ignored.
struct SymbolGraphFile: Decodable {
  struct Module: Decodable {
    var name: String
  }
  struct Symbol: Decodable {
    struct Kind: Decodable {
      var identifier: String
      var displayName: String
    }
    struct Fragment: Decodable {
      var kind: String
      var spelling: String
    }
    struct DocComment: Decodable {
      struct Line: Decodable { var text: String }
      var module: String?
      var lines: [Line]
    }
    struct Location: Decodable {
      struct Position: Decodable { var line: Int }
      var uri: String
      var position: Position
    }
    var kind: Kind
    var pathComponents: [String]
    var declarationFragments: [Fragment]?
    var docComment: DocComment?
    var accessLevel: String
    var location: Location?
  }
  var module: Module
  var symbols: [Symbol]
}

/// One public symbol of the workbook's modules, as `workbook api` shows it.
public struct APISymbol: Sendable, Equatable {
  /// The module that declares it ("MPI").
  public var module: String
  /// The type path and name, e.g. ["Communicator", "receive(_:from:tag:)"].
  public var path: [String]
  /// "Instance Method", "Structure", ...
  public var kind: String
  /// The declaration as the compiler prints it, default values included.
  public var declaration: String
  /// The doc comment, lines joined with newlines ("" when there is none).
  public var doc: String
  /// `file.swift:line` of the declaration, relative to the package.
  public var location: String?

  /// "Communicator.receive(_:from:tag:)".
  public var name: String { path.joined(separator: ".") }

  /// The name before any parameter list: "receive".
  var baseName: String { String(path.last?.prefix { $0 != "(" } ?? "") }

  /// The argument labels of a function ("_" for none), nil for a symbol that is not called.
  var labels: [String]? { APISymbol.labels(of: path.last ?? "") }

  /// For each parameter, whether the declaration gives it a default value, so a caller may
  /// leave it out.
  var defaulted: [Bool] {
    guard let open = declaration.firstIndex(of: "(") else { return [] }
    // Split the parameter list at top-level commas; a parameter with " = " at top level has a default.
    var depth = 0
    var current = ""
    var parameters: [String] = []
    for ch in declaration[declaration.index(after: open)...] {
      if ch == ")" && depth == 0 { break }
      switch ch {
      case "(", "[", "<": depth += 1
      case ")", "]", ">": depth -= 1
      default: break
      }
      if ch == "," && depth == 0 {
        parameters.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { parameters.append(current) }
    return parameters.map { $0.contains(" = ") }
  }

  /// The labels of `name` if it is a call form like "send(_:to:tag:)".
  static func labels(of name: String) -> [String]? {
    guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return nil }
    let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
    return inner.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
  }

  /// Whether a caller writing `labels` calls this symbol: the same labels, or these with some
  /// defaulted parameters left out (`sendReceive(_:to:into:from:)` calls
  /// `sendReceive(_:to:sendTag:into:from:receiveTag:)`).
  func isCalled(with labels: [String]) -> Bool {
    guard let mine = self.labels else { return false }
    let optional = defaulted
    var i = 0
    for (j, label) in mine.enumerated() {
      if i < labels.count && labels[i] == label {
        i += 1
      } else if !(j < optional.count && optional[j]) {
        return false
      }
    }
    return i == labels.count
  }
}

/// Every public symbol of a set of modules, searchable by name.
public struct SymbolIndex: Sendable {
  /// The symbols, in module order, then in the order the graphs list them.
  public var symbols: [APISymbol]

  /// An index of `symbols`.
  public init(symbols: [APISymbol]) { self.symbols = symbols }

  /// Reads symbol graph files (`Module.symbols.json` and the `Module@Other.symbols.json`
  /// extension files, of which only symbols documented in the module itself are kept).
  /// `root` is cut from source locations.
  public init(files: [String], root: String) throws {
    var out: [APISymbol] = []
    var seen = Set<String>()
    for file in files {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      let graph = try JSONDecoder().decode(SymbolGraphFile.self, from: data)
      let isExtensionFile = URL(fileURLWithPath: file).lastPathComponent.contains("@")
      for s in graph.symbols where s.accessLevel == "public" || s.accessLevel == "open" {
        if isExtensionFile && s.docComment?.module != graph.module.name { continue }
        // Underscored names are implementation details that happen to be public.
        if s.pathComponents.contains(where: { $0.hasPrefix("_") }) { continue }
        // The MPI module's `file:line:` parameters only carry the caller's place into verdicts
        // and errors; nobody passes them, so the API shows calls without them.
        let declaration = (s.declarationFragments ?? []).map(\.spelling).joined()
          .replacingOccurrences(of: ", file: StaticString = #fileID, line: UInt = #line", with: "")
          .replacingOccurrences(of: "file: StaticString = #fileID, line: UInt = #line", with: "")
        var components = s.pathComponents
        if let last = components.last, last.hasSuffix("file:line:)") {
          components[components.count - 1] = String(last.dropLast("file:line:)".count)) + ")"
        }
        let location = s.location.map { loc -> String in
          var path = URL(string: loc.uri)?.path ?? loc.uri
          if path.hasPrefix(root + "/") { path.removeFirst(root.count + 1) }
          return "\(path):\(loc.position.line + 1)"
        }
        let symbol = APISymbol(
          module: graph.module.name, path: components, kind: s.kind.displayName, declaration: declaration,
          doc: (s.docComment?.lines ?? []).map(\.text).joined(separator: "\n"), location: location)
        // The same declaration can reach a graph twice (an extension file and the main one).
        let key = symbol.module + "|" + symbol.name + "|" + declaration
        if seen.insert(key).inserted { out.append(symbol) }
      }
    }
    symbols = out
  }

  /// The symbols a full name denotes: `Communicator.receive(from:tag:)` (every overload with
  /// exactly these labels), or a call form leaving out defaulted parameters when no symbol has
  /// the labels exactly. A name may start with its module ("MPI.Communicator").
  public func resolve(_ query: String) -> [APISymbol] {
    let parts = splitName(query)
    let last = parts.last ?? ""
    let base = String(last.prefix { $0 != "(" })
    let candidates = symbols.filter { s in
      let path = parts.first == s.module && parts.count > 1 ? Array(parts.dropFirst()) : parts
      return path.count == s.path.count && Array(s.path.dropLast()) == Array(path.dropLast()) && s.baseName == base
    }
    guard let labels = APISymbol.labels(of: last) else { return candidates.filter { $0.path.last == last } }
    let exact = candidates.filter { $0.path.last == last }
    if !exact.isEmpty { return exact }
    return candidates.filter { $0.isCalled(with: labels) }
  }

  /// Symbols whose name ends with `query` as its last component or base name, case-insensitive:
  /// `receive` finds every `receive(...)` of every type, `Communicator` the class and nothing else.
  public func search(_ query: String) -> [APISymbol] {
    let resolved = resolve(query)
    if !resolved.isEmpty { return resolved }
    let parts = splitName(query)
    let wanted = (parts.last ?? "").lowercased()
    let wantedBase = String(wanted.prefix { $0 != "(" })
    let scope = parts.dropLast().map { $0.lowercased() }
    return symbols.filter { s in
      let owner = s.path.dropLast().map { $0.lowercased() }
      let scopeOK = scope.isEmpty || owner.suffix(scope.count).elementsEqual(scope) || [s.module.lowercased()] == scope
      let last = (s.path.last ?? "").lowercased()
      return scopeOK && (last == wanted || s.baseName.lowercased() == wantedBase)
    }
  }

  /// Up to `limit` names closest to `query` (edit distance on the base names), for "did you mean".
  public func suggestions(_ query: String, limit: Int = 5) -> [String] {
    let wanted = String((splitName(query).last ?? query).prefix { $0 != "(" }).lowercased()
    var best: [(Int, String)] = []
    var seen = Set<String>()
    for s in symbols where seen.insert(s.name).inserted {
      let base = s.baseName.lowercased()
      best.append((editDistance(base, wanted), s.name))
    }
    return best.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).filter {
      $0.0 <= max(2, wanted.count / 2)
    }.map(\.1)
  }

  /// Splits "Communicator.receive(from:tag:)" at the dots outside the parentheses.
  func splitName(_ name: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for ch in name {
      if ch == "(" { depth += 1 }
      if ch == ")" { depth -= 1 }
      if ch == "." && depth == 0 && !current.isEmpty {
        parts.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    parts.append(current)
    return parts
  }

  private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var row = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = row
    }
    return previous[b.count]
  }
}
