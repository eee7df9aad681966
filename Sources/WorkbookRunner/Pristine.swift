import Foundation
import Launch

/// The exercises as shipped, kept so that `reset` can restore them and the runner can tell which
/// ones the learner has touched.
///
/// The first time the runner sees a chapter it copies each exercise file into
/// `.workbook/pristine/<chapter>/`, taking the committed version from git (`git show HEAD:…`)
/// when the file is tracked, so edits made before the first run do not become the "original".
/// Beside each copy it keeps the git blob id it came from; when HEAD's blob changes (after a
/// `git pull` that updated the exercise), the copy is taken again.
public struct Pristine: Sendable {
  /// The project whose exercises are kept.
  public let project: Project
  /// Committed blob ids of the exercise files at HEAD (one `git ls-tree` for all), empty without git.
  let committedBlobs: [String: String]

  /// Reads the committed blob ids of every exercise file with one `git ls-tree` (none without
  /// git or outside a repository); copies nothing yet.
  public init(project: Project) {
    self.project = project
    var blobs: [String: String] = [:]
    if ChildProcess.resolve("git") != nil,
      let r = try? runProcess(
        "git", ["-C", project.root, "ls-tree", "-r", "HEAD", "--", "exercises"], timeout: 20,
        includeStandardError: false), r.termination == .exited(0)
    {
      // "<mode> blob <id>\t<path>"
      for line in r.output.split(separator: "\n") {
        let parts = line.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2, let id = parts[0].split(separator: " ").last else { continue }
        blobs[String(parts[1])] = String(id)
      }
    }
    committedBlobs = blobs
  }

  /// Where the copies live: `<state>/pristine`, mirroring the project's paths.
  public var directory: String { project.stateDirectory + "/pristine" }

  /// The learner's files of a chapter: every Swift file in its exercise folder except main.swift,
  /// which only hands the learner's code to the harness. Paths relative to the project root.
  public func learnerFiles(_ chapter: ChapterInfo) -> [String] {
    let folder = "exercises/\(chapter.folder)"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: project.path(folder))) ?? []
    return names.filter { $0.hasSuffix(".swift") && $0 != "main.swift" }.sorted().map { "\(folder)/\($0)" }
  }

  /// Path of the pristine copy of a learner file.
  public func copyPath(_ file: String) -> String { directory + "/" + file }

  /// Takes the snapshot of `chapter`'s files that are not saved yet, or whose committed version
  /// changed since.
  public func ensureSnapshot(_ chapter: ChapterInfo) throws {
    for file in learnerFiles(chapter) {
      let blob = committedBlobs[file]
      let blobPath = copyPath(file) + ".blob"
      let saved = try? String(contentsOfFile: blobPath, encoding: .utf8)
      let exists = FileManager.default.fileExists(atPath: copyPath(file))
      if exists && (blob == nil || blob == saved) { continue }
      let content =
        blob.flatMap { _ in git(["show", "HEAD:\(file)"]).map { Data($0.utf8) } }
        ?? FileManager.default.contents(atPath: project.path(file)) ?? Data()
      try writeAtomically(content, to: copyPath(file))
      if let blob { try writeAtomically(Data(blob.utf8), to: blobPath) }
    }
  }

  /// What a git command prints on stdout in the project, nil when git or the answer is missing.
  func git(_ arguments: [String]) -> String? {
    guard ChildProcess.resolve("git") != nil,
      let result = try? runProcess("git", ["-C", project.root] + arguments, timeout: 20, includeStandardError: false),
      result.termination == .exited(0)
    else { return nil }
    return result.output
  }

  /// Whether any learner file of `chapter` differs from its pristine copy.
  public func isModified(_ chapter: ChapterInfo) -> Bool {
    learnerFiles(chapter).contains { file in
      FileManager.default.contents(atPath: project.path(file)) != FileManager.default.contents(atPath: copyPath(file))
    }
  }

  /// Restores the chapter's files from the pristine copies, after saving the learner's current
  /// files to `.workbook/backups/<chapter>-<timestamp>/`. Returns the backup folder.
  @discardableResult
  public func reset(_ chapter: ChapterInfo, now: Date = Date()) throws -> String {
    try ensureSnapshot(chapter)
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let backup = uniquePath(project.stateDirectory + "/backups/\(chapter.folder)-\(formatter.string(from: now))")
    try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
    for file in learnerFiles(chapter) {
      let name = (file as NSString).lastPathComponent
      if let current = FileManager.default.contents(atPath: project.path(file)) {
        try writeAtomically(current, to: backup + "/" + name)
      }
    }
    for file in learnerFiles(chapter) {
      guard let original = FileManager.default.contents(atPath: copyPath(file)) else {
        throw RunnerError("no pristine copy of \(file); nothing was changed")
      }
      try writeAtomically(original, to: project.path(file))
    }
    return backup
  }
}
