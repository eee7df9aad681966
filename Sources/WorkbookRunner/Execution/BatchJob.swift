import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// A Slurm batch job that checks one chapter's exercise at each of its rank counts inside one
/// allocation, and the files it leaves in `<state>/batch/` for `workbook status` on the login
/// node: the script (`<chapter>.sbatch`), the submitted job's id (`<chapter>.job`), the check's
/// output (`<chapter>.out`) and, last, the result (`<chapter>.result`: job, exit status, time).
public struct BatchJob {
  /// The project checked; its state folder holds the files.
  public let project: Project
  /// The chapter checked.
  public let chapter: ChapterInfo

  /// The batch files of `chapter` in `project`.
  public init(project: Project, chapter: ChapterInfo) {
    self.project = project
    self.chapter = chapter
  }

  /// `<state>/batch`.
  public var folder: String { project.stateDirectory + "/batch" }
  /// The sbatch script.
  public var scriptPath: String { folder + "/\(chapter.folder).sbatch" }
  /// Standard output and error of the job: the check's own report.
  public var logPath: String { folder + "/\(chapter.folder).out" }
  /// The id of the job last submitted.
  public var jobPath: String { folder + "/\(chapter.folder).job" }
  /// Written by the script when the check has ended.
  public var resultPath: String { folder + "/\(chapter.folder).result" }

  /// Minutes to ask for: every rank count's time limit plus 10 s each (start-up, clean-up),
  /// plus a minute, rounded up.
  public var minutes: Int {
    Int(((Double(chapter.ranks.count) * (chapter.timeLimit + 10) + 60) / 60).rounded(.up))
  }

  /// The script: one allocation of as many tasks as the chapter's largest rank count, in which
  /// `workbook check N` runs each rank count as an `srun` step; then the result file, written
  /// atomically (rename) so that a reader never sees half of it.
  /// - Parameter workbook: the path of the `workbook` runner the compute node runs.
  public func script(workbook: String, partition: String? = nil, account: String? = nil) -> String {
    var lines = [
      "#!/bin/bash",
      "# Written by `workbook batch \(chapter.number)`: checks exercises/\(chapter.folder) at "
        + "\(chapter.ranks.map(String.init).joined(separator: ", ")) ranks, each as an srun step of this job.",
      "#SBATCH --job-name=workbook-\(chapter.folder)",
      "#SBATCH --ntasks=\(chapter.ranks.max() ?? 1)",
      "#SBATCH --time=\(minutes)",
      "#SBATCH --output=\(Self.sbatchQuoted(logPath))",
    ]
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    if let account { lines.append("#SBATCH --account=\(account)") }
    lines += [
      "export WORKBOOK_ROOT=\(shellQuoted(project.root))",
      "export WORKBOOK_STATE=\(shellQuoted(project.stateDirectory))",
      "export NO_COLOR=1",
      "\(shellQuoted(workbook)) check \(chapter.number) --no-build --launcher srun",
      "status=$?",
      "result=\(shellQuoted(resultPath))",
      #"printf 'job=%s\nchapter=%s\nexit=%s\nfinished=%s\n' "$SLURM_JOB_ID" \#(chapter.number) "$status" "$(date -u +%FT%TZ)" > "$result.tmp""#,
      #"mv -f "$result.tmp" "$result""#,
      "exit $status",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `value` as an #SBATCH line's argument: as it is when it holds no blank or quote; else
  /// in double quotes (sbatch splits those lines at blanks outside quotes).
  static func sbatchQuoted(_ value: String) -> String {
    guard value.contains(where: { $0 == " " || $0 == "\t" || $0 == "'" }) else { return value }
    return "\"" + value + "\""
  }

  /// Writes the script (and its folder), replacing an older one.
  public func writeScript(workbook: String, partition: String? = nil, account: String? = nil) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try writeAtomically(Data(script(workbook: workbook, partition: partition, account: account).utf8), to: scriptPath)
    chmod(scriptPath, 0o755)
  }

  /// Where the last submitted job of this chapter stands, from the files alone (no Slurm command).
  public enum State: Equatable, Sendable {
    /// Never submitted.
    case none
    /// Submitted as `job`; no result yet (pending, running, or ended without one).
    case submitted(job: String)
    /// Ended: the check's exit status (0: every check passed at every rank count).
    case finished(job: String, exit: Int, at: String)
  }

  /// The state of the last job, read from `jobPath` and `resultPath`.
  public var state: State {
    guard let job = read(jobPath)?.trimmingCharacters(in: .whitespacesAndNewlines), !job.isEmpty else {
      return .none
    }
    let fields = BatchJob.fields(read(resultPath) ?? "")
    guard fields["job"] == job, let exit = fields["exit"].flatMap(Int.init) else { return .submitted(job: job) }
    return .finished(job: job, exit: exit, at: fields["finished"] ?? "?")
  }

  /// Records the id of the job just submitted (and forgets an older result).
  public func recordSubmitted(_ job: String) throws {
    try? FileManager.default.removeItem(atPath: resultPath)
    try writeAtomically(Data((job + "\n").utf8), to: jobPath)
  }

  /// "key=value" lines as a dictionary.
  static func fields(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { result[parts[0]] = parts[1] }
    }
    return result
  }

  private func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}

/// `s` as one word for the shell: single-quoted, with each `'` written as `'\''`.
func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
