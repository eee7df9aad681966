import Foundation
import MPI

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 13's answer key, used by the demo's jobs and by the variants (for the parts they get
/// right).
extension Chapter13 {
  /// The four functions done right.
  static var reference: Learner {
    Learner(
      classify: referenceClassify, anyRankFailed: referenceAnyRankFailed,
      writeCheckpoint: referenceWriteCheckpoint, restartStep: referenceRestartStep)
  }

  /// The error class decides (`MPI_Error_class`): portable, unlike the raw code.
  static func referenceClassify(_ error: Error) -> Problem {
    guard let e = error as? MPIError else { return .notAnMPIError }
    switch e.errorClass {
    case .rank: return .noSuchRank
    case .root: return .noSuchRoot
    case .truncate: return .messageTooLong
    case .tag: return .badTag
    default: return .otherMPIError
    }
  }

  /// A logical-or all-reduce: true everywhere as soon as one rank failed.
  static func referenceAnyRankFailed(_ error: Error?, _ world: Communicator) throws -> Bool {
    try world.allReduce(error != nil, op: .logicalOr)
  }

  /// Writes beside the final name, then renames: rename is atomic, so a reader (or a restart
  /// after the process was killed) finds the old file set or the complete new file, never half
  /// a file under the final name. Surviving a crash of the machine itself would also need
  /// `fsync` of the file before the rename and of the folder after it.
  static func referenceWriteCheckpoint(_ state: State, _ directory: String, _ rank: Int) throws {
    let path = checkpointPath(directory: directory, rank: rank, step: state.step)
    try encode(state).write(to: URL(fileURLWithPath: path + ".tmp"))
    guard rename(path + ".tmp", path) == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  /// The steps of this rank's checkpoint files; with `validate`, only those that decode to the
  /// step their name says.
  static func checkpointSteps(_ directory: String, rank: Int, validate: Bool) -> Set<Int> {
    let prefix = "rank-\(rank)-step-"
    return Set(
      ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap { file -> Int? in
        guard file.hasPrefix(prefix), file.hasSuffix(".ckpt"), let step = Int(file.dropFirst(prefix.count).dropLast(5))
        else { return nil }
        if validate {
          guard let data = FileManager.default.contents(atPath: directory + "/" + file),
            let state = try? decode(data), state.step == step
          else { return nil }
        }
        return step
      })
  }

  /// The newest of `steps` that every rank has: one bit per checkpoint, a bitwise-and
  /// all-reduce keeps the bits all ranks set, and the highest bit left wins.
  static func newestCommonStep(_ steps: Set<Int>, _ world: Communicator) throws -> Int? {
    let mask = steps.filter { $0 % checkpointEvery == 0 && $0 / checkpointEvery < 64 }
      .reduce(UInt64(0)) { $0 | 1 << UInt64($1 / checkpointEvery) }
    let common = try world.allReduce(mask, op: .bitwiseAnd)
    return common == 0 ? nil : (63 - common.leadingZeroBitCount) * checkpointEvery
  }

  /// The newest step for which every rank has a checkpoint that decodes.
  static func referenceRestartStep(_ directory: String, _ world: Communicator) throws -> Int? {
    try newestCommonStep(checkpointSteps(directory, rank: world.rank, validate: true), world)
  }
}
