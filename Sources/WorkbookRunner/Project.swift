import Foundation

/// Where the workbook lives on disk and where its parts are.
///
/// The root is the folder holding `Package.swift` and `lessons/`: taken from `WORKBOOK_ROOT`
/// (set by the `./workbook` wrapper), or found by walking up from the current directory.
public struct Project: Sendable {
  /// The folder holding `Package.swift` and `lessons/`.
  public let root: String
  /// Built executables: `.build/release` (the release configuration) unless given.
  public let binDirectory: String

  /// A project at `root`, taken as is; `locate(from:environment:)` finds one and checks it.
  /// Tests pass the folder their own build went to as `binDirectory`.
  public init(root: String, binDirectory: String? = nil) {
    self.root = root
    self.binDirectory = binDirectory ?? root + "/.build/release"
  }

  /// Finds the project root.
  /// - Throws: `RunnerError` when neither `WORKBOOK_ROOT` nor any parent folder holds the workbook.
  public static func locate(
    from start: String = FileManager.default.currentDirectoryPath,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Project {
    if let root = environment["WORKBOOK_ROOT"], !root.isEmpty {
      guard isRoot(root) else {
        throw RunnerError("WORKBOOK_ROOT=\(root) does not hold the workbook (no Package.swift and lessons/ there)")
      }
      return Project(root: root)
    }
    var dir = URL(fileURLWithPath: start).standardizedFileURL
    while true {
      if isRoot(dir.path) { return Project(root: dir.path) }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
    }
    throw RunnerError(
      "not inside the workbook: no folder above \(start) holds Package.swift and lessons/. Run from the clone, or set WORKBOOK_ROOT."
    )
  }

  static func isRoot(_ path: String) -> Bool {
    let fm = FileManager.default
    return fm.fileExists(atPath: path + "/Package.swift") && fm.fileExists(atPath: path + "/lessons")
  }

  /// `root` and `parts` joined with "/", e.g. `path("lessons", "06-frustum-culling")`.
  public func path(_ parts: String...) -> String { ([root] + parts).joined(separator: "/") }

  /// The folder of a chapter in one of the three trees.
  public func folder(_ tree: Tree, _ chapter: ChapterInfo) -> String { path(tree.rawValue, chapter.folder) }

  /// The runner's own state: progress, backups, run folders. `WORKBOOK_STATE` moves it (the
  /// tests do, so that running them never touches a learner's progress).
  public var stateDirectory: String {
    if let dir = ProcessInfo.processInfo.environment["WORKBOOK_STATE"], !dir.isEmpty { return dir }
    return path(".workbook")
  }

  /// Where demos and checks write images.
  public var outputDirectory: String { path("out") }

  /// The three content trees.
  public enum Tree: String, CaseIterable, Sendable {
    /// `lessons/` (lesson text and demos), `exercises/` (the learner's code), `solutions/`.
    case lessons, exercises, solutions
  }
}

/// An error the runner reports to the user in one or a few lines; never a crash.
public struct RunnerError: Error, CustomStringConvertible {
  /// The message, naming the file or command involved.
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}
