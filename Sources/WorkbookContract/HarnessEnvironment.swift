// The contract between the runner (WorkbookRunner) and a chapter program (a harness in
// Chapters): which environment variables the runner sets, which files a rank leaves behind, and
// what the exit status means. Both sides import this module, so a name is spelled once.

/// Environment variables the runner sets for a chapter program.
public enum HarnessEnvironment {
  /// File the harness appends its JSON report to (`ReportFile`); rank 0 only for MPI chapters.
  public static let report = "WORKBOOK_REPORT"
  /// Folder where each rank leaves its `RankMarker` files.
  public static let runDirectory = "WORKBOOK_RUN_DIR"
  /// Folder for the chapter's images (default `out/<chapter>` when unset).
  public static let output = "WORKBOOK_OUT"
  /// Seconds a demo keeps its windows open before it ends (`workbook run --keep-open N`).
  public static let keepOpen = "WORKBOOK_KEEP_OPEN"
  /// The call board (`CallBoard`) where each rank of an MPI chapter records the blocking MPI
  /// call it is in, for the runner to recognise a deadlock while the job runs.
  public static let calls = "WORKBOOK_CALLS"
}

/// How a chapter program ends.
public enum HarnessExit {
  /// Every check passed (or a demo ran to its end).
  public static let passed: Int32 = 0
  /// At least one check failed.
  public static let failed: Int32 = 1
  /// The checks could not run: the learner's code threw, MPI did not start, a scene failed.
  public static let error: Int32 = 2
}

/// Files a rank leaves in the run folder, named `rank-<r>.<marker>`, so that after a time-out or
/// a crash the runner can say which ranks got how far.
public enum RankMarker: String, CaseIterable, Sendable {
  /// The rank reached the harness (holds its process id).
  case started
  /// The rank finished its work (holds its process id).
  case done
  /// The rank's code threw (holds the message).
  case error
  /// The rank's code called `exit` before the checks finished (holds the exit status).
  case exited
  /// What the rank is doing now: the check and case the harness announced last (holds its
  /// description, replaced at each announcement), so a time-out can say where it stopped.
  case doing

  /// `rank-3.done` for rank 3.
  public func fileName(rank: Int) -> String { "rank-\(rank).\(rawValue)" }

  /// The rank and marker a file name stands for, or nil for any other file.
  public static func parse(_ fileName: String) -> (rank: Int, marker: RankMarker)? {
    guard fileName.hasPrefix("rank-"), let dot = fileName.lastIndex(of: ".") else { return nil }
    guard let rank = Int(fileName[fileName.index(fileName.startIndex, offsetBy: 5)..<dot]),
      let marker = RankMarker(rawValue: String(fileName[fileName.index(after: dot)...]))
    else { return nil }
    return (rank, marker)
  }
}
