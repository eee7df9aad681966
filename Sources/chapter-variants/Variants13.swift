import Chapters
import Foundation
import MPI

/// Chapter 13 done wrong.
enum Variants13 {
  static let all: [String: () -> Never] = [
    // Knows the rank and root classes, not the others.
    "13-classify-half": { Chapter13.check(.init(classify: halfClassify, anyRankFailed: agree, writeCheckpoint: write, restartStep: restart)) },
    // Each rank answers for itself: ranks take different paths.
    "13-no-agreement": { Chapter13.check(.init(classify: classify, anyRankFailed: { e, _ in e != nil }, writeCheckpoint: write, restartStep: restart)) },
    // Writes the checkpoint straight under its final name.
    "13-writes-in-place": { Chapter13.check(.init(classify: classify, anyRankFailed: agree, writeCheckpoint: writeInPlace, restartStep: restart)) },
    // Copies the temporary file instead of renaming it: a stray file per checkpoint.
    "13-leaves-temporary": { Chapter13.check(.init(classify: classify, anyRankFailed: agree, writeCheckpoint: writeLeavingTemporary, restartStep: restart)) },
    // The smallest "newest file" over the ranks, without reading the files.
    "13-restart-min-newest": { Chapter13.check(.init(classify: classify, anyRankFailed: agree, writeCheckpoint: write, restartStep: minNewest)) },
    // Agrees on the common steps but trusts every file that exists.
    "13-restart-trusts-files": { Chapter13.check(.init(classify: classify, anyRankFailed: agree, writeCheckpoint: write, restartStep: trusting)) },
  ]

  static func classify(_ error: Error) -> Chapter13.Problem {
    guard let e = error as? MPIError else { return .notAnMPIError }
    switch e.errorClass {
    case .rank: return .noSuchRank
    case .root: return .noSuchRoot
    case .truncate: return .messageTooLong
    case .tag: return .badTag
    default: return .otherMPIError
    }
  }

  static func halfClassify(_ error: Error) -> Chapter13.Problem {
    guard let e = error as? MPIError else { return .notAnMPIError }
    return e.errorClass == .rank ? .noSuchRank : e.errorClass == .root ? .noSuchRoot : .otherMPIError
  }

  static func agree(_ error: Error?, _ world: Communicator) throws -> Bool { try world.allReduce(error != nil, op: .logicalOr) }

  static func write(_ state: Chapter13.State, _ directory: String, _ rank: Int) throws {
    let path = Chapter13.checkpointPath(directory: directory, rank: rank, step: state.step)
    try Chapter13.encode(state).write(to: URL(fileURLWithPath: path + ".tmp"))
    guard rename(path + ".tmp", path) == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  static func writeInPlace(_ state: Chapter13.State, _ directory: String, _ rank: Int) throws {
    try Chapter13.encode(state).write(to: URL(fileURLWithPath: Chapter13.checkpointPath(directory: directory, rank: rank, step: state.step)))
  }

  static func writeLeavingTemporary(_ state: Chapter13.State, _ directory: String, _ rank: Int) throws {
    let path = Chapter13.checkpointPath(directory: directory, rank: rank, step: state.step)
    try Chapter13.encode(state).write(to: URL(fileURLWithPath: path + ".tmp"))
    try FileManager.default.copyItem(atPath: path + ".tmp", toPath: path)
  }

  /// Steps of this rank's files, read (`validate`) or not.
  static func steps(_ directory: String, _ rank: Int, validate: Bool) -> Set<Int> {
    let prefix = "rank-\(rank)-step-"
    return Set(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap { file -> Int? in
      guard file.hasPrefix(prefix), file.hasSuffix(".ckpt"), let step = Int(file.dropFirst(prefix.count).dropLast(5)) else { return nil }
      if validate {
        guard let data = FileManager.default.contents(atPath: directory + "/" + file), (try? Chapter13.decode(data)) != nil else { return nil }
      }
      return step
    })
  }

  static func common(_ steps: Set<Int>, _ world: Communicator) throws -> Int? {
    let mask = steps.reduce(UInt64(0)) { $0 | 1 << UInt64($1 / Chapter13.checkpointEvery) }
    let all = try world.allReduce(mask, op: .bitwiseAnd)
    return all == 0 ? nil : (63 - all.leadingZeroBitCount) * Chapter13.checkpointEvery
  }

  static func restart(_ directory: String, _ world: Communicator) throws -> Int? {
    try common(steps(directory, world.rank, validate: true), world)
  }

  static func trusting(_ directory: String, _ world: Communicator) throws -> Int? {
    try common(steps(directory, world.rank, validate: false), world)
  }

  static func minNewest(_ directory: String, _ world: Communicator) throws -> Int? {
    let newest = try world.allReduce(steps(directory, world.rank, validate: false).max() ?? -1, op: .min)
    return newest < 0 ? nil : newest
  }
}
