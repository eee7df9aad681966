import Foundation
import Launch
import WorkbookContract

/// Stops an MPI job as soon as it is plainly deadlocked, instead of at the chapter's time limit,
/// and names each rank's call and the line that made it.
///
/// Each rank records the blocking MPI call it is in on the call board (`CallBoard`, a file in
/// the run folder whose path the runner passes as `HarnessEnvironment.calls`). The watcher reads
/// it every `interval` seconds and calls the job deadlocked when every rank that has not
/// finished its work (no `done` marker) has sat in one blocking call for `quietSeconds` while no
/// rank's progress counter moved. A rank that computes is outside MPI and keeps the job alive
/// however long it takes; a rank that finished its work and waits in the harness's final
/// collective is waiting, not working.
///
/// Ranks on other machines (a hostfile) cannot write to the board: their slots stay empty, which
/// never counts as blocked, so such jobs fall back to the time limit.
final class DeadlockWatcher: RunWatcher {
  /// The board's file name in the run folder.
  static let fileName = "calls.board"

  /// Where the board of the run in `runDir` is.
  static func boardPath(runDir: String) -> String { runDir + "/" + fileName }

  /// Seconds every unfinished rank must have been blocked, with nothing moving anywhere, before
  /// the job is called deadlocked. 3 s: the workbook's largest messages (a few MB) cross shared
  /// memory in milliseconds, and a rank of 4 on 2 cores waits for a time slice for tens of
  /// milliseconds at worst, so no correct chapter leaves every rank inside MPI with nothing
  /// completing for anywhere near that long; and the learner gets the verdict about 4 s after
  /// the deadlock instead of at the 60 s limit.
  var quietSeconds: Double {
    get { detector.quietSeconds }
    set { detector.quietSeconds = newValue }
  }
  /// Seconds between two reads of the board (reading it costs a few microseconds).
  var interval = 0.1

  let path: String
  let ranks: Int
  let runDir: String
  private let started: Double
  private var nextPoll = 0.0
  private var detector: DeadlockDetector
  private var latest: [RankCall?] = []

  /// A watcher for the job of `ranks` ranks whose run folder is `runDir`; its board is at
  /// `boardPath(runDir:)`.
  init(runDir: String, ranks: Int, now: Double = monotonicSeconds()) {
    self.runDir = runDir
    self.ranks = ranks
    self.path = DeadlockWatcher.boardPath(runDir: runDir)
    self.started = now
    self.detector = DeadlockDetector(ranks: ranks)
  }

  func poll(_ job: ChildProcess, now: Double) -> RunVerdict? {
    guard now >= nextPoll else { return nil }
    nextPoll = now + interval
    let calls = CallBoard.read(path: path, ranks: ranks)
    guard !calls.isEmpty else { return nil }
    latest = calls
    guard let lines = detector.observe(calls, finished: finishedRanks(), now: now) else { return nil }
    return .deadlocked(after: now - started, calls: lines)
  }

  /// Ranks that left their `done` marker.
  func finishedRanks() -> Set<Int> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: runDir)) ?? []
    return Set(names.compactMap { RankMarker.parse($0).flatMap { $0.marker == .done ? $0.rank : nil } })
  }

  /// Where each unfinished rank was when the job was stopped, one line per rank, for the
  /// `whereabouts` of a time-out: "rank 1: waiting for 57 s in receive from 0, tag 3 at
  /// Mailbox.swift:20", or "rank 0: running outside MPI; its last MPI call was … (returned 58 s
  /// earlier)". Call it after the job ended and before the run folder is removed.
  func whereabouts(now: Double = monotonicSeconds()) -> [String] {
    let read = CallBoard.read(path: path, ranks: ranks)
    let calls = read.isEmpty ? latest : read
    return detector.whereabouts(calls, finished: finishedRanks(), now: now)
  }
}

/// The decision behind `DeadlockWatcher`, fed snapshots of the board with the time they were
/// taken; no files, so that tests can drive it with made-up snapshots.
struct DeadlockDetector {
  /// See `DeadlockWatcher.quietSeconds`.
  var quietSeconds = 3.0
  let ranks: Int
  /// Per rank: what the slot showed last (state, progress, entry time) and since when.
  private var shown: [Shown?]
  private var since: [Double]
  /// When any slot last changed.
  private var lastChange = -Double.infinity

  private struct Shown: Equatable {
    var state: CallState
    var progress: UInt64
    var entered: UInt64
  }

  init(ranks: Int) {
    self.ranks = ranks
    shown = Array(repeating: nil, count: ranks)
    since = Array(repeating: 0, count: ranks)
  }

  /// Takes in one snapshot (`calls[r]` is rank r's slot) taken at `now`; returns the verdict's
  /// lines, one per rank, when it shows a deadlock, else nil.
  mutating func observe(_ calls: [RankCall?], finished: Set<Int>, now: Double) -> [String]? {
    for r in 0..<ranks {
      let call = r < calls.count ? calls[r] : nil
      let s = call.map { Shown(state: $0.state, progress: $0.progress, entered: $0.enteredNanoseconds) }
      if s != shown[r] {
        shown[r] = s
        since[r] = now
        lastChange = now
      }
    }
    let unfinished = (0..<ranks).filter { !finished.contains($0) }
    guard !unfinished.isEmpty, now - lastChange >= quietSeconds else { return nil }
    for r in unfinished {
      guard r < calls.count, let call = calls[r], call.state == .inCall, now - since[r] >= quietSeconds else {
        return nil
      }
    }
    return (0..<ranks).map { r in
      guard r < calls.count, let call = calls[r] else { return "rank \(r): finished" }
      return "rank \(r): \(DeadlockDetector.describe(call, finished: finished.contains(r)))"
    }
  }

  /// A rank's call for a verdict: the learner's call and line, or that it waits in the
  /// workbook's own code.
  static func describe(_ call: RankCall, finished: Bool) -> String {
    if call.kind == .finalize { return "in MPI_Finalize: its program ended while the others still wait for it" }
    guard call.isWorkbookCode || finished else { return call.whatAndWhere }
    return "in the harness (waiting for the others): \(call.whatAndWhere)"
  }

  /// See `DeadlockWatcher.whereabouts()`.
  func whereabouts(_ calls: [RankCall?], finished: Set<Int>, now: Double) -> [String] {
    (0..<ranks).filter { !finished.contains($0) }.map { r in
      guard r < calls.count, let call = calls[r] else { return "rank \(r): had not started MPI" }
      let seconds = shown[r] == nil ? "" : " \(Int((now - since[r]).rounded())) s"
      switch call.state {
      case .inCall where call.kind == .finalize:
        return "rank \(r): in MPI_Finalize: its program ended while the others still wait for it"
      case .inCall:
        let place = call.isWorkbookCode ? "the harness (waiting for the others): " : ""
        return "rank \(r): waiting\(seconds.isEmpty ? "" : " for" + seconds) in \(place)\(call.whatAndWhere)"
      case .idle, .never:
        let returned = seconds.isEmpty ? "" : " (returned\(seconds) before the stop)"
        return "rank \(r): running outside MPI; its last MPI call was \(call.whatAndWhere)\(returned)"
      }
    }
  }
}
