import Foundation
import MPI
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 13's checks. Nothing here kills a process: errors come back through
/// MPI_ERRORS_RETURN, and the crash of a long job is simulated by stopping it and damaging its
/// newest checkpoints the way a real crash would.
extension Chapter13 {
  struct NotMPI: Error {}

  /// Real MPI errors, each made on purpose, classified by the learner.
  static func errors(_ world: Communicator, _ learner: Chapter13.Learner, _ report: inout Report) throws {
    let me = world.rank
    var cases: [(String, Chapter13.Problem, () throws -> Void)] = [
      ("send to rank \(world.size)", .noSuchRank, { try world.send([1.0], to: world.size) }),
      (
        "receive from rank -3", .noSuchRank,
        {
          var b = [0.0]
          try world.receive(into: &b, from: -3)
        }
      ),
      (
        "broadcast from root \(world.size + 2)", .noSuchRoot,
        { _ = try world.broadcast(Int32(1), root: world.size + 2) }
      ),
      ("send with tag -1", .badTag, { try world.send([1], to: me, tag: -1) }),
      (
        "10 values into room for 4", .messageTooLong,
        {
          let out = try world.isend([Double](repeating: 1, count: 10), to: me, tag: 9)
          var small = [Double](repeating: 0, count: 4)
          defer { _ = try? out.wait() }
          try world.receive(into: &small, from: me, tag: 9)
        }
      ),
      ("allreduce of doubles with a bitwise and", .otherMPIError, { _ = try world.allReduce(1.5, op: .bitwiseAnd) }),
      (
        "a file that does not exist", .notAnMPIError,
        { _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent/wb13")) }
      ),
    ]
    cases.append(("a Swift error of your own", .notAnMPIError, { throw NotMPI() }))
    var wrong: [String] = []
    for (what, expected, body) in cases {
      do {
        try body()
        wrong.append("\(what): no error was thrown (the harness expected one)")
      } catch {
        let got = learner.classify(error)
        if got != expected { wrong.append("\(what) (\(error)): \(got), expected \(expected)") }
      }
    }
    report.add(
      Checks.that(
        "error-classes", wrong.isEmpty, expected: "each of \(cases.count) errors classified by its MPI error class",
        got: wrong.isEmpty ? "all right" : "\(wrong.count) wrong",
        detail: wrong.isEmpty ? nil : wrong.prefix(3).joined(separator: "; ")))

    // Agreement: each round, the listed ranks have a local error; every rank must learn
    // whether anybody had one.
    let rounds: [Set<Int>] = [[], [world.size - 1], [0], Set(0..<world.size)]
    var disagreements: [String] = []
    for (k, failing) in rounds.enumerated() {
      let local: Error? = failing.contains(me) ? NotMPI() : nil
      Harness.announce("anyRankFailed: agreeing on failure")
      let answer = try learner.anyRankFailed(local, world)
      if answer != !failing.isEmpty {
        disagreements.append("round \(k + 1) (errors on ranks \(failing.sorted())): answered \(answer)")
      }
    }
    report.add(
      Checks.that(
        "failure-agreed", disagreements.isEmpty,
        expected: "every rank answers true exactly when some rank had an error",
        got: disagreements.isEmpty ? "all 4 rounds right" : disagreements.joined(separator: "; ")))
  }

  /// A run with checkpoints, a simulated crash, damaged files, a restart.
  static func checkpoints(_ world: Communicator, _ learner: Chapter13.Learner, _ report: inout Report) throws {
    // One folder per run, the same path on every rank (rank 0's process id, broadcast).
    let tag = try world.broadcast(Int64(getpid()))
    let directory = Harness.outputDirectory(chapter: Chapter13.name) + "/checkpoints-\(tag)"
    if world.rank == 0 { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
    try world.barrier()
    defer { if world.rank == 0 { try? FileManager.default.removeItem(atPath: directory) } }

    // Before any checkpoint exists, there is nothing to restart from.
    Harness.announce("restartStep with no checkpoint yet")
    let fresh = try learner.restartStep(directory, world)

    // The job runs to step 55, writing every 10 steps, then "dies".
    var state = Chapter13.initialState(rank: world.rank)
    var writeProblem: String? = nil
    while state.step < 55 {
      state = try Chapter13.step(state, world)
      if state.step % Chapter13.checkpointEvery == 0 {
        let path = Chapter13.checkpointPath(directory: directory, rank: world.rank, step: state.step)
        // Watch the folder while the learner writes: an atomic checkpoint appears under its
        // final name by a rename; a file written (or copied) under its final name could be
        // found half-written after a crash.
        let watch = FileWrites(directory: directory)
        Harness.announce("writeCheckpoint")
        try learner.writeCheckpoint(state, directory, world.rank)
        let writtenInPlace = FileWrites.writtenInPlace((path as NSString).lastPathComponent, watch.events())
        if writeProblem == nil {
          if let data = FileManager.default.contents(atPath: path) {
            if (try? Chapter13.decode(data)) != state {
              writeProblem = "\(path) does not hold the state of step \(state.step)"
            }
          } else {
            writeProblem = "no file \(path) after writing step \(state.step)"
          }
        }
        if writeProblem == nil && writtenInPlace {
          writeProblem =
            "step \(state.step) was written under its final name: a crash during the write would leave a torn checkpoint (write a temporary file, then rename it)"
        }
      }
    }
    try world.barrier()
    let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      !$0.hasSuffix(".ckpt")
    }
    report.add(
      Checks.that(
        "checkpoint-written", writeProblem == nil && leftovers.isEmpty,
        expected: "rank-<r>-step-<s>.ckpt holding the state, and no other files left behind",
        got: writeProblem ?? (leftovers.isEmpty ? "yes" : "left behind: \(leftovers.prefix(3).joined(separator: ", "))")
      ))

    // What a crash leaves: the last rank died before writing step 50; rank 0 was killed
    // half-way through writing step 40 (a writer without a temporary file leaves that).
    let last = world.size - 1
    if world.rank == last {
      try? FileManager.default.removeItem(atPath: Chapter13.checkpointPath(directory: directory, rank: last, step: 50))
    }
    if world.rank == 0 {
      let path = Chapter13.checkpointPath(directory: directory, rank: 0, step: 40)
      if let data = FileManager.default.contents(atPath: path) {
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
      }
    }
    try world.barrier()
    // Every rank has 10, 20 and 30 intact: 30 is the newest step all ranks can restart from.
    let expectedStep = 30
    Harness.announce("restartStep after the checkpoints")
    let restart = try learner.restartStep(directory, world)
    report.add(
      Checks.that(
        "restart-step", fresh == nil && restart == expectedStep,
        expected: "nil with no checkpoints; then step \(expectedStep), the newest step every rank has intact",
        got: "\(fresh.map(String.init) ?? "nil") with no checkpoints; then \(restart.map(String.init) ?? "nil")"))

    // Restart from that step (the harness reads the file) and run to the end.
    var resumed = Chapter13.initialState(rank: world.rank)
    var unreadable = false
    if let step = restart {
      if let data = FileManager.default.contents(
        atPath: Chapter13.checkpointPath(directory: directory, rank: world.rank, step: step)),
        let saved = try? Chapter13.decode(data)
      {
        resumed = saved
      } else {
        unreadable = true
      }
    }
    // Every rank must resume from the same step, or the allreduce of a step pairs with the
    // wrong one; if they do not agree, the result check reports it without running.
    let steps = try world.allGather(Int64(resumed.step))
    let broken = try world.allGather(unreadable ? Int32(1) : 0)
    let agreed = Set(steps).count == 1
    if agreed {
      while resumed.step < Chapter13.totalSteps { resumed = try Chapter13.step(resumed, world) }
    }
    let serial = Chapter13.serialStates(ranks: world.size, steps: Chapter13.totalSteps)[world.rank]
    let what = "values of rank \(world.rank)'s state at step \(Chapter13.totalSteps)"
    // A job that starts again from step 0 also ends right, but it resumed nothing: the check
    // only passes for a run that continued from a checkpoint.
    let whyNot: String? =
      if restart == nil {
        "restartStep returned nil, so the job ran again from step 0 and resumed nothing"
      } else if let bad = broken.firstIndex(of: 1) {
        "rank \(bad) could not read its checkpoint of step \(restart!), so it started from step 0"
      } else if !agreed {
        "the ranks resumed from different steps (\(steps.map(String.init).joined(separator: ", ")) by rank)"
      } else {
        nil
      }
    if let whyNot {
      report.add(
        Checks.that(
          "restart-result", false,
          expected: "the \(serial.values.count) \(what), resumed from step \(expectedStep)", got: whyNot))
    } else {
      report.add(
        Checks.allClose("restart-result", expected: serial.values, got: resumed.values, relative: 1e-12, of: what))
    }
  }
}

/// What happened to the files of a folder while this object lives, from inotify: data written
/// into a name (IN_MODIFY) and names that arrived by a rename (IN_MOVED_TO), in order.
///
/// A checkpoint is written in place when data went into its final name before any rename brought
/// a file there. Closing (IN_CLOSE_WRITE) is not evidence: Foundation's `.atomic` write renames
/// its temporary file onto the final name and only then closes it, so the close event carries
/// the final name although every byte went into the temporary one.
final class FileWrites {
  private let fd: Int32

  init(directory: String) {
    fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    if fd >= 0 { _ = inotify_add_watch(fd, directory, UInt32(IN_MODIFY | IN_MOVED_TO)) }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// One event: a name and whether it was a write (else a rename onto the name).
  struct Event: Equatable {
    var name: String
    var wrote: Bool
  }

  /// The events so far, in order (reads the pending ones).
  func events() -> [Event] {
    guard fd >= 0 else { return [] }
    var found: [Event] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let n = read(fd, &buffer, buffer.count)
      guard n > 0 else { break }
      var at = 0
      // struct inotify_event: wd (4), mask (4), cookie (4), len (4), then len bytes of name.
      while at + 16 <= n {
        func word(_ offset: Int) -> Int {
          Int(buffer[at + offset]) | Int(buffer[at + offset + 1]) << 8 | Int(buffer[at + offset + 2]) << 16
            | Int(buffer[at + offset + 3]) << 24
        }
        let mask = word(4)
        let len = word(12)
        let nameBytes = buffer[(at + 16)..<min(at + 16 + len, n)].prefix { $0 != 0 }
        if !nameBytes.isEmpty {
          found.append(Event(name: String(decoding: nameBytes, as: UTF8.self), wrote: mask & Int(IN_MODIFY) != 0))
        }
        at += 16 + len
      }
    }
    return found
  }

  /// Whether `events` show data written under `name` before a rename brought a file there.
  static func writtenInPlace(_ name: String, _ events: [Event]) -> Bool {
    for e in events where e.name == name {
      return e.wrote
    }
    return false
  }
}
