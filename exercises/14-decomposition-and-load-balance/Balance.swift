import Chapters
import MPI

// Chapter 14: how uneven the work is, and handing it out to whoever is free.

/// Every rank passes the seconds it spent; returns, on every rank, the imbalance: the largest
/// of those times divided by their mean (1 means perfectly even; 2 means the slowest rank took
/// twice the average, so half of the machine's time was spent waiting).
func imbalance(_ seconds: Double, world: Communicator) throws -> Double {
  // TODO(14): each rank only knows its own time. Two reductions that give every rank their
  // result tell it the largest time and the total.
  return 1
}

/// Rank 0. Hands out tasks 0 ..< queue.count in chunks of queue.chunkSize consecutive tasks
/// (the last chunk may be shorter) to whichever worker asks first, and when no tasks are left
/// answers each worker's next request with "stop". Returns when every worker has been told.
func manager(_ queue: Chapter14.TaskQueue) throws {
  // TODO(14): there are queue.size - 1 workers. Receive a request from
  // Communicator.anySource on queue.comm; the returned status's source says who asked. Answer
  // that rank with the next chunk (or with "stop": an empty chunk, or a tag of its own).
}

/// Every rank but 0. Asks the manager for work, calls queue.process(task) for each task of the
/// chunk it gets, asks again, and returns when the manager says stop.
func worker(_ queue: Chapter14.TaskQueue) throws {
  // TODO(14): send a request to Chapter14.TaskQueue.manager, receive the answer from it, and
  // loop. Use different tags for requests and answers.
}
