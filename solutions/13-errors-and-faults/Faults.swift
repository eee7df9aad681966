import Chapters
import Foundation
import MPI

// Chapter 13: errors and faults. Read lessons/13-errors-and-faults/README.md first.

/// Says what went wrong, from an error an MPI call (or anything else) threw.
func classify(_ error: Error) -> Chapter13.Problem {
  guard let mpiError = error as? MPIError else { return .notAnMPIError }
  // The error class (MPI_Error_class) is portable; the raw code may be implementation-specific.
  switch mpiError.errorClass {
  case .rank: return .noSuchRank
  case .root: return .noSuchRoot
  case .truncate: return .messageTooLong
  case .tag: return .badTag
  default: return .otherMPIError
  }
}

/// Every rank passes the error it hit in this phase (nil if none). Returns, on every rank,
/// whether any rank hit one, so that all ranks take the same path afterwards.
func anyRankFailed(_ localError: Error?, world: Communicator) throws -> Bool {
  // MPI_Allreduce with MPI_LOR: true everywhere as soon as one rank says true.
  try world.allReduce(localError != nil, op: .logicalOr)
}

/// Writes `state` as rank `rank`'s checkpoint of step state.step, to the file
/// Chapter13.checkpointPath(directory:rank:step:), in the format of Chapter13.encode.
func writeCheckpoint(_ state: Chapter13.State, directory: String, rank: Int) throws {
  let path = Chapter13.checkpointPath(directory: directory, rank: rank, step: state.step)
  let temporary = path + ".tmp"
  try Chapter13.encode(state).write(to: URL(fileURLWithPath: temporary))
  // rename(2) is atomic: a reader finds no file or the whole new file, never half of it.
  guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// The step to restart from: the newest step for which EVERY rank has a checkpoint that
/// decodes (Chapter13.decode throws for a damaged file), or nil if there is none. Returns the
/// same answer on every rank.
func restartStep(directory: String, world: Communicator) throws -> Int? {
  let prefix = "rank-\(world.rank)-step-"
  var intact = Set<Int>()
  for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
    guard file.hasPrefix(prefix), file.hasSuffix(".ckpt"), let step = Int(file.dropFirst(prefix.count).dropLast(5)),
      let data = FileManager.default.contents(atPath: directory + "/" + file),
      let state = try? Chapter13.decode(data), state.step == step
    else { continue }
    intact.insert(step)
  }
  // One bit per checkpoint (step / checkpointEvery); a bitwise-and allreduce keeps the steps
  // every rank has intact, and the highest bit left is the newest of them.
  var mask: UInt64 = 0
  for step in intact where step % Chapter13.checkpointEvery == 0 && step / Chapter13.checkpointEvery < 64 {
    mask |= 1 << UInt64(step / Chapter13.checkpointEvery)
  }
  let common = try world.allReduce(mask, op: .bitwiseAnd)
  guard common != 0 else { return nil }
  return (63 - common.leadingZeroBitCount) * Chapter13.checkpointEvery
}
