import Foundation
import Launch
import WorkbookContract

/// Stops a run as soon as a rank's code calls `exit` before the checks have finished. The
/// harness's exit guard leaves an `exited` marker with the status and keeps the process waiting,
/// so the stack still shows where `exit` was called.
final class ExitWatcher: RunWatcher {
  let runDir: String
  let mpi: Bool
  let root: String
  let stacks: StackReader
  private var nextLook = 0.0

  init(runDir: String, mpi: Bool, root: String, stacks: StackReader) {
    self.runDir = runDir
    self.mpi = mpi
    self.root = root
    self.stacks = stacks
  }

  func poll(_ job: ChildProcess, now: Double) -> RunVerdict? {
    guard now >= nextLook else { return nil }
    nextLook = now + 0.1
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: runDir) else { return nil }
    let exited = names.compactMap { name -> Int? in
      guard let (rank, marker) = RankMarker.parse(name), marker == .exited else { return nil }
      return rank
    }
    guard let rank = exited.min() else { return nil }
    func read(_ marker: RankMarker) -> String {
      ((try? String(contentsOfFile: runDir + "/" + marker.fileName(rank: rank), encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let code = read(.exited)
    var how = "exit(\(code)) before the checks finished"
    if let pid = pid_t(read(.started)),
      let frame = Whereabouts(frames: stacks.frames(pid: pid), root: root).learnerFrame
    {
      how += ", called from \(frame)"
    }
    return .crashed(rank: mpi ? rank : 0, how: how)
  }
}
