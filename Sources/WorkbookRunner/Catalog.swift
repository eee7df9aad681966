import Foundation
import TOMLKit

/// What kind of program a chapter is, and so how the runner launches it.
public enum ChapterKind: String, Sendable, CaseIterable {
  /// One process.
  case local
  /// Several processes under mpirun, checked at every declared rank count.
  case mpi
  /// One process that opens GLFW windows (screenshots under Xvfb).
  case window
}

/// One chapter's metadata, from `lessons/NN-slug/chapter.toml`.
///
/// ```toml
/// number = 6
/// slug = "frustum-culling"
/// title = "Frustum culling in Swift"
/// kind = "local"            # local, mpi or window
/// ranks = [2, 3, 4]         # mpi only: every count the exercise is checked at
/// time_limit = 60           # seconds per run
/// display = true            # needs an X display (VTK or GLFW)
/// teaches = ["planes-match-vtk", "culled-set"]   # checks a pristine exercise may fail at
/// bench = true              # optional: the demo has a benchmark (`demoNN --bench`), run by
///                           # `workbook bench` and `workbook bench --all`
/// bench_ranks = [2, 4]      # optional, mpi only: rank counts `workbook bench` runs at
///                           # (implies bench = true)
/// bench_scaling_metric = "seconds-binary-swap-100pct"   # optional, mpi only: a time metric
///                           # the benchmark reports; `bench` also runs at P = 1, 2, 4 (from
///                           # min_ranks) and prints speed-up and efficiency from it
/// bench_min_ranks = 1       # optional, mpi only, with a scaling metric: the fewest ranks the
///                           # benchmark runs at, below min_ranks (a serial baseline)
/// bench_icet = true         # optional, mpi only: `workbook bench` also runs IceT's compositing
///                           # beside the chapter's (its metrics named seconds-ALGO-NNpct)
/// min_ranks = 2             # optional, mpi only: the fewest ranks the chapter's programs can
///                           # run on (default: the smallest of `ranks`); fewer are refused
/// memory_gib = 4            # optional: memory for the whole run, shared by its ranks
///                           # (default: half of the machine's memory)
///
/// [[plots]]                 # optional: plots `workbook report` draws (see PlotDeclaration)
/// title = "ns per box"
/// metrics = "ns-per-box-(?<x>.+)"
/// x_title = "method"
///
/// [[images]]                # optional: captions of demo images (see ImageDeclaration)
/// file = "overview.png"
/// caption = "The scene from above"
///
/// [[hints]]                 # in the order `workbook hint` reveals them
/// checks = ["planes-match-vtk"]   # the checks this hint helps with
/// text = "first hint"
///
/// [[hints]]
/// checks = ["culled-set"]
/// text = "second hint"
/// ```
///
/// Every check in `teaches` needs at least one hint; `workbook verify` also fails when a hint
/// names a check that is neither in `teaches` nor reported by the solution.
public struct ChapterInfo: Sendable, Equatable {
  /// The chapter number, 0...99: the `NN` of its folder and executables.
  public var number: Int
  /// The rest of the folder name: lowercase words joined by hyphens.
  public var slug: String
  /// The title listings and headings show.
  public var title: String
  /// How the runner launches the chapter's programs.
  public var kind: ChapterKind
  /// Rank counts to check at; `[1]` for non-MPI chapters.
  public var ranks: [Int]
  /// Seconds one run may take before it is stopped.
  public var timeLimit: Double
  /// Whether runs need an X display.
  public var needsDisplay: Bool
  /// Names of the checks this chapter is about.
  public var teaches: [String]
  /// Hints in the order `workbook hint` reveals them, each with the checks it is for.
  public var hints: [ChapterHint]
  /// Rank counts `workbook bench` runs the benchmark at, one after the other (default: the
  /// first of `ranks`).
  public var benchRanks: [Int]
  /// Whether `workbook bench` runs IceT's compositing (`IceTBench`) beside the chapter's own
  /// benchmark, at the same rank counts.
  public var benchIceT = false
  /// The fewest ranks the chapter's programs run on; `run`, `check` and `bench` refuse fewer.
  public var minRanks: Int
  /// The fewest ranks the benchmark runs on, when it can run on fewer than the checks (one
  /// process, for a serial baseline of the scaling series); `bench_min_ranks`, default
  /// `minRanks`.
  public var benchMinRanks: Int
  /// Whether the demo has a benchmark (`demoNN --bench`): `bench = true`, or `bench_ranks` or
  /// `bench_scaling_metric` given. `workbook bench --all` runs every chapter that has one.
  public var hasBench: Bool
  /// The metric (a time) whose values at several rank counts make the chapter's scaling series;
  /// nil: no scaling runs.
  public var benchScalingMetric: String?
  /// Bytes of memory a run may hold in all its processes together, divided evenly among the
  /// ranks; nil: half of the machine's memory.
  public var memoryLimit: Int?
  /// The plots `workbook report` draws for the chapter (`[[plots]]`).
  public var plots: [PlotDeclaration] = []
  /// The demo images `workbook report` captions (`[[images]]`).
  public var images: [ImageDeclaration] = []

  /// Metadata from its fields, taken as given; `Catalog.parse(_:file:)` makes and validates it
  /// from a chapter.toml.
  public init(
    number: Int, slug: String, title: String, kind: ChapterKind, ranks: [Int] = [1], timeLimit: Double,
    needsDisplay: Bool = false, teaches: [String] = [], hints: [ChapterHint] = [], benchRanks: [Int]? = nil,
    minRanks: Int? = nil, hasBench: Bool? = nil, benchScalingMetric: String? = nil
  ) {
    self.number = number
    self.slug = slug
    self.title = title
    self.kind = kind
    self.ranks = ranks
    self.timeLimit = timeLimit
    self.needsDisplay = needsDisplay
    self.teaches = teaches
    self.hints = hints
    self.benchRanks = benchRanks ?? [ranks.first ?? 1]
    self.minRanks = minRanks ?? ranks.min() ?? 1
    self.benchMinRanks = self.minRanks
    self.hasBench = hasBench ?? (benchRanks != nil || benchScalingMetric != nil)
    self.benchScalingMetric = benchScalingMetric
  }

  /// Why `ranks` processes are too few for this chapter, in one line; nil when they are enough
  /// (or the chapter is not an MPI chapter).
  public func refusal(ranks: Int) -> String? {
    guard kind == .mpi, ranks < minRanks else { return nil }
    return
      "chapter \(number) needs at least \(minRanks) ranks (its programs exchange data between ranks); \(ranks) \(ranks == 1 ? "is" : "are") too few"
  }

  /// The chapter as its benchmark runs: down to `benchMinRanks`.
  public var benchmarkOnly: ChapterInfo {
    var c = self
    c.minRanks = benchMinRanks
    return c
  }

  /// `NN-slug`, the folder name in all three trees.
  public var folder: String { String(format: "%02d-%@", number, slug) }
  /// `NN`, the suffix of the executable names.
  public var code: String { String(format: "%02d", number) }
  /// The executable built from lessons/`folder`: `demoNN`.
  public var demoProduct: String { "demo" + code }
  /// The executable built from exercises/`folder` (the learner's code): `exerciseNN`.
  public var exerciseProduct: String { "exercise" + code }
  /// The executable built from solutions/`folder`: `solutionNN`.
  public var solutionProduct: String { "solution" + code }

  /// Indices into `hints` of the hints for `check`, in order.
  public func hintIndices(for check: String) -> [Int] {
    hints.indices.filter { hints[$0].checks.contains(check) }
  }

  /// Every check some hint names, in order of first mention.
  public var hintedChecks: [String] {
    var seen = Set<String>()
    return hints.flatMap(\.checks).filter { seen.insert($0).inserted }
  }
}

/// One hint of a chapter and the checks it helps with.
public struct ChapterHint: Sendable, Equatable {
  /// Names of the checks a learner failing them should read this hint for.
  public var checks: [String]
  /// The hint itself.
  public var text: String

  /// A hint for `checks`.
  public init(checks: [String], text: String) {
    self.checks = checks
    self.text = text
  }
}

/// A problem in chapter metadata, naming the file and the field.
public struct CatalogError: Error, CustomStringConvertible, Equatable {
  /// The file at fault, relative to the project root, e.g. `lessons/06-frustum-culling/chapter.toml`.
  public let file: String
  /// The field at fault, or nil when the problem concerns the whole file.
  public let field: String?
  /// What is wrong, e.g. "missing" or "must be an integer".
  public let message: String
  /// "file: field `name`: message", or "file: message" without a field.
  public var description: String { field.map { "\(file): field `\($0)`: \(message)" } ?? "\(file): \(message)" }
}

/// Every chapter of the workbook, validated.
public struct Catalog: Sendable {
  /// Every chapter, by number.
  public let chapters: [ChapterInfo]

  /// A catalog of `chapters`, sorted by number and not validated (`load(_:)` validates).
  public init(chapters: [ChapterInfo]) { self.chapters = chapters.sorted { $0.number < $1.number } }

  /// The chapters of the given `chapter.toml` files, `files` relative to `root`: parsed, but
  /// not checked against the project's folders as `load` does (fixtures mix real chapters with
  /// made-up ones).
  public static func parsing(files: [String], root: String) throws -> Catalog {
    Catalog(
      chapters: try files.map { f in try parse(String(contentsOfFile: root + "/" + f, encoding: .utf8), file: f) })
  }

  /// Chapter by number.
  public func chapter(_ number: Int) -> ChapterInfo? { chapters.first { $0.number == number } }

  /// Loads and validates every `lessons/*/chapter.toml` of `project`.
  ///
  /// Checks: each file parses; required fields are present with the right types; `kind` is
  /// known; MPI chapters declare positive rank counts; numbers are unique; the folder name is
  /// `NN-slug` for the declared number and slug; the folder exists in exercises/ and solutions/
  /// too; and Package.swift lists the chapter.
  /// - Throws: every problem found, as `CatalogErrors`.
  public static func load(_ project: Project) throws -> Catalog {
    var errors: [CatalogError] = []
    var chapters: [ChapterInfo] = []
    let fm = FileManager.default
    let lessonFolders = ((try? fm.contentsOfDirectory(atPath: project.path("lessons"))) ?? [])
      .filter { $0.range(of: #"^[0-9]{2}-"#, options: .regularExpression) != nil }.sorted()
    for folder in lessonFolders {
      let file = "lessons/\(folder)/chapter.toml"
      guard let text = try? String(contentsOfFile: project.path(file), encoding: .utf8) else {
        errors.append(CatalogError(file: file, field: nil, message: "missing (every chapter folder needs one)"))
        continue
      }
      do {
        let info = try parse(text, file: file)
        if info.folder != folder {
          errors.append(
            CatalogError(
              file: file, field: "number/slug",
              message: "declares \(info.folder) but lives in lessons/\(folder)"))
        }
        chapters.append(info)
      } catch let e as CatalogError {
        errors.append(e)
      }
    }
    // Unique numbers.
    for (number, group) in Dictionary(grouping: chapters, by: \.number) where group.count > 1 {
      errors.append(
        CatalogError(
          file: "lessons/", field: "number",
          message: "chapter \(number) is declared by \(group.map(\.folder).joined(separator: " and "))"))
    }
    // The three trees agree.
    for tree in [Project.Tree.exercises, .solutions] {
      let folders = Set(
        ((try? fm.contentsOfDirectory(atPath: project.path(tree.rawValue))) ?? [])
          .filter { $0.range(of: #"^[0-9]{2}-"#, options: .regularExpression) != nil })
      for c in chapters where !folders.contains(c.folder) {
        errors.append(
          CatalogError(
            file: "\(tree.rawValue)/\(c.folder)", field: nil,
            message: "missing: chapter \(c.number) has a lesson but no \(tree.rawValue) folder"))
      }
      for f in folders.subtracting(chapters.map(\.folder)).sorted() {
        errors.append(
          CatalogError(file: "\(tree.rawValue)/\(f)", field: nil, message: "has no lessons/\(f)/chapter.toml"))
      }
    }
    // Package.swift builds every chapter.
    if let manifest = try? String(contentsOfFile: project.path("Package.swift"), encoding: .utf8) {
      let listed = Set(manifestChapters(manifest))
      for c in chapters where !listed.contains(c.folder) {
        errors.append(
          CatalogError(
            file: "Package.swift", field: "chapters",
            message: "does not list \"\(c.folder)\", so its programs are not built"))
      }
      for f in listed.subtracting(chapters.map(\.folder)).sorted() {
        errors.append(
          CatalogError(file: "Package.swift", field: "chapters", message: "lists \"\(f)\", which has no lesson folder"))
      }
    }
    if !errors.isEmpty { throw CatalogErrors(errors: errors) }
    return Catalog(chapters: chapters)
  }

  /// Parses one chapter.toml.
  public static func parse(_ text: String, file: String) throws -> ChapterInfo {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw CatalogError(
        file: file, field: nil, message: "not valid TOML at line \(e.source.begin.line): \(e.description)")
    } catch {
      throw CatalogError(file: file, field: nil, message: "not valid TOML: \(error)")
    }
    func require<T>(_ key: String, _ type: String, _ get: (TOMLValueConvertible) -> T?) throws -> T {
      guard let raw = table[key] else { throw CatalogError(file: file, field: key, message: "missing") }
      guard let value = get(raw) else { throw CatalogError(file: file, field: key, message: "must be \(type)") }
      return value
    }
    func strings(_ key: String) throws -> [String] {
      let array = try require(key, "an array of strings") { $0.array }
      return try array.map { v in
        guard let s = v.string else {
          throw CatalogError(file: file, field: key, message: "must be an array of strings")
        }
        return s
      }
    }
    let known: Set<String> = [
      "number", "slug", "title", "kind", "ranks", "time_limit", "display", "teaches", "hints", "bench_ranks",
      "min_ranks", "memory_gib", "bench", "bench_scaling_metric", "bench_icet", "bench_min_ranks", "plots", "images",
      "api",  // read by APISection
    ]
    if let unknown = table.keys.first(where: { !known.contains($0) }) {
      throw CatalogError(
        file: file, field: unknown, message: "unknown field (known: \(known.sorted().joined(separator: ", ")))")
    }
    let number = try require("number", "an integer") { $0.int }
    guard (0...99).contains(number) else { throw CatalogError(file: file, field: "number", message: "must be 0...99") }
    let slug = try require("slug", "a string") { $0.string }
    guard slug.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
      throw CatalogError(file: file, field: "slug", message: "must be lowercase words joined by hyphens")
    }
    let title = try require("title", "a string") { $0.string }
    let kindName = try require("kind", "a string") { $0.string }
    guard let kind = ChapterKind(rawValue: kindName) else {
      throw CatalogError(
        file: file, field: "kind",
        message: "unknown kind \"\(kindName)\" (one of \(ChapterKind.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    var ranks = [1]
    if kind == .mpi {
      let array = try require("ranks", "an array of rank counts") { $0.array }
      ranks = try array.map { v in
        guard let n = v.int, n > 0 else {
          throw CatalogError(file: file, field: "ranks", message: "rank counts must be positive integers")
        }
        return n
      }
      if ranks.isEmpty {
        throw CatalogError(file: file, field: "ranks", message: "an MPI chapter needs at least one rank count")
      }
    } else if table["ranks"] != nil {
      throw CatalogError(file: file, field: "ranks", message: "only MPI chapters have rank counts")
    }
    let limit = try require("time_limit", "a number of seconds") { $0.double ?? $0.int.map(Double.init) }
    guard limit > 0 else { throw CatalogError(file: file, field: "time_limit", message: "must be positive") }
    let display = table["display"] == nil ? (kind == .window) : try require("display", "true or false") { $0.bool }
    let teaches = try strings("teaches")
    if teaches.isEmpty { throw CatalogError(file: file, field: "teaches", message: "name at least one check") }
    let hints = try parseHints(table, file: file)
    if let bare = teaches.first(where: { name in !hints.contains { $0.checks.contains(name) } }) {
      throw CatalogError(
        file: file, field: "hints", message: "no hint names the check \"\(bare)\" (every check in teaches needs one)")
    }
    var benchRanks: [Int]?
    if let raw = table["bench_ranks"] {
      guard kind == .mpi else {
        throw CatalogError(file: file, field: "bench_ranks", message: "only MPI chapters have rank counts")
      }
      benchRanks = try (raw.array ?? []).map { v in
        guard let n = v.int, n > 0 else {
          throw CatalogError(file: file, field: "bench_ranks", message: "must be an array of positive rank counts")
        }
        return n
      }
      if benchRanks!.isEmpty {
        throw CatalogError(file: file, field: "bench_ranks", message: "must name at least one rank count")
      }
    }
    var minRanks: Int?
    if let raw = table["min_ranks"] {
      guard kind == .mpi else {
        throw CatalogError(file: file, field: "min_ranks", message: "only MPI chapters have rank counts")
      }
      guard let n = raw.int, n > 0 else {
        throw CatalogError(file: file, field: "min_ranks", message: "must be a positive integer")
      }
      let too = (ranks + (benchRanks ?? [])).filter { $0 < n }
      guard too.isEmpty else {
        throw CatalogError(
          file: file, field: "min_ranks",
          message: "is \(n), but the chapter declares \(too.map(String.init).joined(separator: ", ")) ranks")
      }
      minRanks = n
    }
    var scalingMetric: String?
    if table["bench_scaling_metric"] != nil {
      guard kind == .mpi else {
        throw CatalogError(
          file: file, field: "bench_scaling_metric", message: "only MPI chapters scale over rank counts")
      }
      let name = try require("bench_scaling_metric", "a metric name") { $0.string }
      guard !name.isEmpty else {
        throw CatalogError(file: file, field: "bench_scaling_metric", message: "must name a metric")
      }
      scalingMetric = name
    }
    var bench: Bool?
    if table["bench"] != nil {
      bench = try require("bench", "true or false") { $0.bool }
      if bench == false && (benchRanks != nil || scalingMetric != nil) {
        throw CatalogError(
          file: file, field: "bench", message: "is false, but bench_ranks or bench_scaling_metric is given")
      }
    }
    var info = ChapterInfo(
      number: number, slug: slug, title: title, kind: kind, ranks: ranks, timeLimit: limit,
      needsDisplay: display, teaches: teaches, hints: hints, benchRanks: benchRanks, minRanks: minRanks,
      hasBench: bench, benchScalingMetric: scalingMetric)
    if table["bench_icet"] != nil {
      guard kind == .mpi else {
        throw CatalogError(file: file, field: "bench_icet", message: "only MPI chapters composite across ranks")
      }
      info.benchIceT = try require("bench_icet", "true or false") { $0.bool }
    }
    if let raw = table["bench_min_ranks"] {
      guard kind == .mpi, scalingMetric != nil else {
        throw CatalogError(
          file: file, field: "bench_min_ranks", message: "only MPI chapters with a bench_scaling_metric use it")
      }
      guard let n = raw.int, n > 0, n <= info.minRanks else {
        throw CatalogError(
          file: file, field: "bench_min_ranks",
          message: "must be a positive integer no larger than min_ranks (\(info.minRanks))")
      }
      info.benchMinRanks = n
    }
    if table["memory_gib"] != nil {
      let gib = try require("memory_gib", "a number of GiB") { $0.double ?? $0.int.map(Double.init) }
      guard gib > 0 else { throw CatalogError(file: file, field: "memory_gib", message: "must be positive") }
      info.memoryLimit = Int(gib * Double(1 << 30))
    }
    info.plots = try parsePlots(table, file: file)
    info.images = try parseImages(table, file: file)
    return info
  }

  /// The `[[hints]]` tables: each a non-empty `checks` array of names and a non-empty `text`.
  static func parseHints(_ table: TOMLTable, file: String) throws -> [ChapterHint] {
    let shape = "must be [[hints]] tables, each with checks = [\"check-name\", …] and text = \"…\""
    guard let raw = table["hints"] else { throw CatalogError(file: file, field: "hints", message: "missing") }
    guard let array = raw.array else { throw CatalogError(file: file, field: "hints", message: shape) }
    if array.isEmpty { throw CatalogError(file: file, field: "hints", message: "give at least one hint") }
    return try array.enumerated().map { i, v in
      let field = "hints[\(i)]"
      guard let t = v.table else { throw CatalogError(file: file, field: "hints", message: shape) }
      if let unknown = t.keys.first(where: { $0 != "checks" && $0 != "text" }) {
        throw CatalogError(file: file, field: field, message: "unknown key `\(unknown)` (known: checks, text)")
      }
      guard let text = t["text"]?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw CatalogError(file: file, field: field, message: "needs text = \"…\"")
      }
      let checks = (t["checks"]?.array ?? []).compactMap { $0.string }
      guard let list = t["checks"]?.array, checks.count == list.count, !checks.isEmpty else {
        throw CatalogError(
          file: file, field: field, message: "needs checks = [\"check-name\", …], the checks this hint is for")
      }
      return ChapterHint(checks: checks, text: text)
    }
  }

  /// Chapter folders named in Package.swift's `chapters` array.
  static func manifestChapters(_ manifest: String) -> [String] {
    guard let start = manifest.range(of: "let chapters = ["),
      let end = manifest.range(of: "]", range: start.upperBound..<manifest.endIndex)
    else { return [] }
    let body = manifest[start.upperBound..<end.lowerBound]
    return body.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }
}

/// Several metadata problems, reported together.
public struct CatalogErrors: Error, CustomStringConvertible {
  /// Every problem, in the order found.
  public let errors: [CatalogError]
  /// The number of problems, then one per line.
  public var description: String {
    "chapter metadata has \(errors.count) problem\(errors.count == 1 ? "" : "s"):\n"
      + errors.map { "  - \($0)" }.joined(separator: "\n")
  }
}
