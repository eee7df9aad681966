import Chapters
import Foundation
import MPI

// Chapter 13: errors and faults. Read lessons/13-errors-and-faults/README.md first.

/// Says what went wrong, from an error an MPI call (or anything else) threw.
func classify(_ error: Error) -> Chapter13.Problem {
  // TODO(13): MPI calls throw MPIError, whose errorClass is one of ErrorClass.rank, .root,
  // .truncate, .tag, ... Map those four to their Problem cases, any other MPIError to
  // .otherMPIError, and errors that are not MPIErrors to .notAnMPIError.
  return .notAnMPIError
}

/// Every rank passes the error it hit in this phase (nil if none). Returns, on every rank,
/// whether any rank hit one, so that all ranks take the same path afterwards.
func anyRankFailed(_ localError: Error?, world: Communicator) throws -> Bool {
  // TODO(13): each rank only knows about itself. One collective call combines a Bool from
  // every rank and gives every rank the result.
  return localError != nil
}

/// Writes `state` as rank `rank`'s checkpoint of step state.step, to the file
/// Chapter13.checkpointPath(directory:rank:step:), in the format of Chapter13.encode.
func writeCheckpoint(_ state: Chapter13.State, directory: String, rank: Int) throws {
  // TODO(13): encode the state and write it. A process can be killed at any moment, also in
  // the middle of writing: write to a temporary name next to the final one, then rename
  // (rename(2) replaces the name in one step). Leave no temporary file behind.
}

/// The step to restart from: the newest step for which EVERY rank has a checkpoint that
/// decodes (Chapter13.decode throws for a damaged file), or nil if there is none. Returns the
/// same answer on every rank.
func restartStep(directory: String, world: Communicator) throws -> Int? {
  // TODO(13): list this rank's files in `directory` (rank-<rank>-step-<step>.ckpt), keep the
  // steps whose file decodes, then agree with the other ranks on the newest step all of them
  // kept. Checkpoints are written every Chapter13.checkpointEvery steps.
  return nil
}
