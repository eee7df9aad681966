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
///   "last": {"06-frustum-culling": "failing"} }
/// ```
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
  /// Hints shown per chapter folder.
  public var hints: [String: Int] = [:]
  /// The last verdict per chapter folder: "passing" or "failing".
  public var last: [String: String] = [:]

  /// No chapter done, no hints shown.
  public init() {}

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
  }

  /// Records a failing check: the chapter is no longer done, last verdict "failing".
  public mutating func markFailed(_ folder: String) {
    done.remove(folder)
    last[folder] = "failing"
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
