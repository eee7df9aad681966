import Foundation

/// Structural rules for chapter content that the compiler cannot see. `verify` runs them.
///
/// - Every learner file in `exercises/NN-slug/` marks its gaps with `TODO(NN)` (the chapter's
///   number) and with nothing else: no bare `TODO`, `FIXME` or `???`.
/// - The solution has the same files, with no `TODO(` left.
/// - `main.swift` is the same in exercise and solution: it only hands the learner's code to the
///   harness, so the two must be checked the same way.
/// - The lesson has a README.md that names the chapter's run command.
public struct Lint {
  /// The project whose chapters are checked.
  public let project: Project

  /// A linter for `project`.
  public init(project: Project) { self.project = project }

  /// Every rule above that chapter `c` breaks, one sentence per problem naming the file; empty
  /// when it follows them all.
  public func problems(_ c: ChapterInfo) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    let exDir = project.folder(.exercises, c)
    let solDir = project.folder(.solutions, c)
    let exFiles = Set(((try? fm.contentsOfDirectory(atPath: exDir)) ?? []).filter { $0.hasSuffix(".swift") })
    let solFiles = Set(((try? fm.contentsOfDirectory(atPath: solDir)) ?? []).filter { $0.hasSuffix(".swift") })
    if exFiles != solFiles {
      out.append(
        "exercises/\(c.folder) and solutions/\(c.folder) hold different files: \(exFiles.symmetricDifference(solFiles).sorted().joined(separator: ", "))"
      )
    }
    if !exFiles.contains("main.swift") { out.append("exercises/\(c.folder) has no main.swift") }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    if read(exDir + "/main.swift") != read(solDir + "/main.swift") {
      out.append("main.swift differs between exercises/\(c.folder) and solutions/\(c.folder)")
    }
    let marker = "TODO(\(c.code))"
    let learnerFiles = exFiles.subtracting(["main.swift"]).sorted()
    if learnerFiles.isEmpty { out.append("exercises/\(c.folder) has no file for the learner to edit") }
    for name in learnerFiles {
      let text = read(exDir + "/" + name)
      if !text.contains(marker) { out.append("exercises/\(c.folder)/\(name) has no \(marker) marking what to do") }
      for (i, line) in text.components(separatedBy: "\n").enumerated() {
        let stripped = line.replacingOccurrences(of: marker, with: "")
        if stripped.contains("TODO") || stripped.contains("FIXME") || stripped.contains("???") {
          out.append("exercises/\(c.folder)/\(name):\(i + 1): gaps are marked \(marker) only")
        }
      }
      if read(solDir + "/" + name).contains("TODO(") {
        out.append("solutions/\(c.folder)/\(name) still has a TODO")
      }
    }
    let lesson = read(project.folder(.lessons, c) + "/README.md")
    if lesson.isEmpty {
      out.append("lessons/\(c.folder)/README.md is missing or empty")
    } else if lesson.range(of: "\\./workbook run \(c.number)(?![0-9])", options: .regularExpression) == nil {
      out.append("lessons/\(c.folder)/README.md does not give the demo's command (./workbook run \(c.number))")
    }
    return out
  }
}
