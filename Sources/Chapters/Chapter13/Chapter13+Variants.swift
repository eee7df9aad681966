import Foundation
import MPI

/// Chapter 13 done wrong (see `ChapterVariants`).
extension Chapter13 {
  static var variants: [String: () -> Never] {
    [
      // Knows the rank and root classes, not the others.
      "13-classify-half": { check(with(classify: halfClassify)) },
      // Each rank answers for itself: ranks take different paths.
      "13-no-agreement": { check(with(anyRankFailed: { e, _ in e != nil })) },
      // Writes the checkpoint straight under its final name.
      "13-writes-in-place": { check(with(writeCheckpoint: writeInPlace)) },
      // Copies the temporary file instead of renaming it: a stray file per checkpoint.
      "13-leaves-temporary": { check(with(writeCheckpoint: writeLeavingTemporary)) },
      // The smallest "newest file" over the ranks, without reading the files.
      "13-restart-min-newest": { check(with(restartStep: minNewest)) },
      // Agrees on the common steps but trusts every file that exists.
      "13-restart-trusts-files": {
        check(with(restartStep: { try newestCommonStep(checkpointSteps($0, rank: $1.rank, validate: false), $1) }))
      },
      // Never finds a checkpoint: the job starts again from step 0 and ends right, which must
      // not count as a restart.
      "13-restart-from-scratch": { check(with(restartStep: { _, _ in nil })) },
      // Not mistakes: other correct ways to write a checkpoint atomically, which must pass.
      // Foundation's atomic write (a temporary file beside the final name, then a rename).
      "13-atomic-write": { check(with(writeCheckpoint: writeAtomicOption)) },
      // A temporary file, then FileManager.moveItem (the final name does not exist yet).
      "13-move-item": { check(with(writeCheckpoint: writeMovingItem)) },
    ]
  }

  /// The reference with one function replaced.
  static func with(
    classify: ((Error) -> Problem)? = nil, anyRankFailed: ((Error?, Communicator) throws -> Bool)? = nil,
    writeCheckpoint: ((State, String, Int) throws -> Void)? = nil,
    restartStep: ((String, Communicator) throws -> Int?)? = nil
  ) -> Learner {
    Learner(
      classify: classify ?? reference.classify, anyRankFailed: anyRankFailed ?? reference.anyRankFailed,
      writeCheckpoint: writeCheckpoint ?? reference.writeCheckpoint, restartStep: restartStep ?? reference.restartStep)
  }

  static func halfClassify(_ error: Error) -> Problem {
    guard let e = error as? MPIError else { return .notAnMPIError }
    return e.errorClass == .rank ? .noSuchRank : e.errorClass == .root ? .noSuchRoot : .otherMPIError
  }

  static func writeInPlace(_ state: State, _ directory: String, _ rank: Int) throws {
    try encode(state).write(
      to: URL(fileURLWithPath: checkpointPath(directory: directory, rank: rank, step: state.step)))
  }

  static func writeLeavingTemporary(_ state: State, _ directory: String, _ rank: Int) throws {
    let path = checkpointPath(directory: directory, rank: rank, step: state.step)
    try encode(state).write(to: URL(fileURLWithPath: path + ".tmp"))
    try FileManager.default.copyItem(atPath: path + ".tmp", toPath: path)
  }

  /// Foundation (Swift 6.3, strace): opens `.dat.nosync…` beside the file with O_CREAT|O_EXCL,
  /// writes, fsyncs, renames it onto the final name, then closes it.
  static func writeAtomicOption(_ state: State, _ directory: String, _ rank: Int) throws {
    try encode(state).write(
      to: URL(fileURLWithPath: checkpointPath(directory: directory, rank: rank, step: state.step)), options: .atomic)
  }

  static func writeMovingItem(_ state: State, _ directory: String, _ rank: Int) throws {
    let path = checkpointPath(directory: directory, rank: rank, step: state.step)
    try encode(state).write(to: URL(fileURLWithPath: path + ".tmp"))
    try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
  }

  static func minNewest(_ directory: String, _ world: Communicator) throws -> Int? {
    let newest = try world.allReduce(
      checkpointSteps(directory, rank: world.rank, validate: false).max() ?? -1, op: .min)
    return newest < 0 ? nil : newest
  }
}
