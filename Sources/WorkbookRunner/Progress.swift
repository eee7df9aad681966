import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The learner's progress: which chapters passed, how many hints were shown, the last verdict.
///
/// Stored as JSON in `.workbook/progress.json`:
///
/// ```json
/// { "version": 1, "done": ["00-first-light"], "hints": {"06-frustum-culling": 2},
///   "shownHints": {"06-frustum-culling": [0, 2]}, "last": {"06-frustum-culling": "failing"},
///   "failedCheck": {"06-frustum-culling": "culled-set"},
///   "rankVerdicts": {"09-point-to-point": {"2": "passing", "3": "failing"}} }
/// ```
///
/// `hints` (how many were shown) is what runners before per-check hints wrote; a file without
/// `shownHints` counts its first `hints` hints as shown.
///
/// Written atomically (a temporary file in the same folder, then rename), so a crash mid-write
/// leaves the old file intact. A missing file means a fresh start; a corrupt one is moved aside
/// and reported, and the caller rebuilds progress by checking the exercises.
public struct Progress: Codable, Equatable, Sendable {
  /// The file format this runner reads and writes; a file of another version counts as corrupt.
  public static let currentVersion = 1

  /// The file's format version.
  public var version = Progress.currentVersion
  /// Chapter folders whose exercise passed every check.
  public var done: Set<String> = []
  /// Which hints were shown per chapter folder: indices into the chapter's `hints`, sorted.
  public var shownHints: [String: [Int]] = [:]
  /// The last verdict per chapter folder: "passing" or "failing".
  public var last: [String: String] = [:]
  /// The first check that failed in the last failing verdict, per chapter folder (absent when
  /// the run failed without a failed check: a crash, a time-out).
  public var failedCheck: [String: String] = [:]
  /// The last verdict per chapter folder per rank count ("2" → "passing" or "failing"), from the
  /// last check at that rank count (also `check N --ranks K`). A rank count a check stopped
  /// before keeps its earlier verdict.
  public var rankVerdicts: [String: [String: String]] = [:]

  /// How many hints were shown per chapter folder.
  public var hints: [String: Int] { shownHints.mapValues(\.count) }

  /// No chapter done, no hints shown.
  public init() {}

  /// Records hint `index` of the chapter in `folder` as shown.
  public mutating func markHintShown(_ index: Int, in folder: String) {
    shownHints[folder] = Array(Set(shownHints[folder] ?? []).union([index])).sorted()
  }

  /// Whether hint `index` of the chapter in `folder` was shown.
  public func hintShown(_ index: Int, in folder: String) -> Bool { shownHints[folder]?.contains(index) ?? false }

  enum CodingKeys: String, CodingKey {
    case version, done, hints, shownHints, last, failedCheck, rankVerdicts
  }

  /// Reads every field; `shownHints`, `failedCheck` and `rankVerdicts` may be missing (older files).
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    done = try c.decode(Set<String>.self, forKey: .done)
    last = try c.decode([String: String].self, forKey: .last)
    failedCheck = try c.decodeIfPresent([String: String].self, forKey: .failedCheck) ?? [:]
    rankVerdicts = try c.decodeIfPresent([String: [String: String]].self, forKey: .rankVerdicts) ?? [:]
    if let shown = try c.decodeIfPresent([String: [Int]].self, forKey: .shownHints) {
      shownHints = shown
    } else {
      shownHints = try c.decode([String: Int].self, forKey: .hints).mapValues { Array(0..<max(0, $0)) }
    }
  }

  /// Writes every field, and `hints` as counts for older runners.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(version, forKey: .version)
    try c.encode(done, forKey: .done)
    try c.encode(hints, forKey: .hints)
    try c.encode(shownHints, forKey: .shownHints)
    try c.encode(last, forKey: .last)
    try c.encode(failedCheck, forKey: .failedCheck)
    try c.encode(rankVerdicts, forKey: .rankVerdicts)
  }

  /// The outcome of reading the progress file.
  public enum Loaded {
    /// There was no file: empty progress.
    case fresh(Progress)
    /// The file's progress.
    case loaded(Progress)
    /// The file could not be read as progress; it was moved to `backup`.
    case corrupt(reason: String, backup: String)
  }

  /// Reads the progress file.
  public static func load(from path: String) -> Loaded {
    guard FileManager.default.fileExists(atPath: path) else { return .fresh(Progress()) }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let progress = try JSONDecoder().decode(Progress.self, from: data)
      guard progress.version == currentVersion else {
        throw RunnerError("version \(progress.version), expected \(currentVersion)")
      }
      return .loaded(progress)
    } catch {
      let backup = uniquePath(path + ".corrupt-\(Int(Date().timeIntervalSince1970))")
      do {
        try FileManager.default.moveItem(atPath: path, toPath: backup)
      } catch {
        return .corrupt(reason: "\(error)", backup: "(could not move it aside: \(error))")
      }
      return .corrupt(reason: "\(error)", backup: backup)
    }
  }

  /// Reads the progress file without touching it: nil when it is missing or unreadable.
  public static func read(from path: String) -> Progress? {
    guard let data = FileManager.default.contents(atPath: path),
      let p = try? JSONDecoder().decode(Progress.self, from: data), p.version == currentVersion
    else { return nil }
    return p
  }

  /// Writes the progress file atomically.
  public func save(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(self)
    try writeAtomically(data, to: path)
  }

  /// Records that the chapter in `folder` passed every check: done, last verdict "passing".
  public mutating func markPassed(_ folder: String) {
    done.insert(folder)
    last[folder] = "passing"
    failedCheck[folder] = nil
  }

  /// Records the verdict of a run of the chapter in `folder` at `ranks` processes.
  public mutating func markRun(_ folder: String, ranks: Int, passed: Bool) {
    rankVerdicts[folder, default: [:]][String(ranks)] = passed ? "passing" : "failing"
  }

  /// Records a failing run: the chapter is no longer done, last verdict "failing", and the first
  /// check that failed (nil when none did: a crash, a time-out).
  public mutating func markFailed(_ folder: String, check: String? = nil) {
    done.remove(folder)
    last[folder] = "failing"
    failedCheck[folder] = check
  }

  /// The hint to show next for the chapter `c`: the first hint not shown yet among those for
  /// `check`; without a check, or when every hint for it was shown, the first one not shown
  /// in the chapter's order. Nil when every hint was shown.
  public func nextHint(_ c: ChapterInfo, for check: String?) -> Int? {
    let unseen = { (i: Int) in !hintShown(i, in: c.folder) }
    if let check, let i = c.hintIndices(for: check).first(where: unseen) { return i }
    return c.hints.indices.first(where: unseen)
  }

  /// The hint a failed verdict of chapter `c` shows: the first not shown yet among those for the
  /// check that failed first; when every one of those was shown, the last of them again (the most
  /// detailed); when that check has no hint (or none failed: a crash, a time-out), the chapter's
  /// first hint not shown yet, else its first. Nil for a chapter without hints.
  public func verdictHint(_ c: ChapterInfo, failedCheck: String?) -> Int? {
    guard !c.hints.isEmpty else { return nil }
    let forCheck = failedCheck.map(c.hintIndices(for:)) ?? []
    if let i = forCheck.first(where: { !hintShown($0, in: c.folder) }) { return i }
    if let i = forCheck.last { return i }
    return nextHint(c, for: nil) ?? 0
  }
}

/// Writes `data` to a temporary file beside `path`, flushes it, and renames it over `path`.
public func writeAtomically(_ data: Data, to path: String) throws {
  let url = URL(fileURLWithPath: path)
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
  guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
    throw RunnerError("cannot write \(temp.path)")
  }
  let fd = open(temp.path, O_RDONLY)
  if fd >= 0 {
    fsync(fd)
    close(fd)
  }
  guard rename(temp.path, url.path) == 0 else {
    let reason = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: temp)
    throw RunnerError("cannot replace \(path): \(reason)")
  }
}

/// `path`, or `path-2`, `path-3`, … : the first name not taken yet.
public func uniquePath(_ path: String) -> String {
  var candidate = path
  var n = 2
  while FileManager.default.fileExists(atPath: candidate) {
    candidate = "\(path)-\(n)"
    n += 1
  }
  return candidate
}
