import Chapters
import MPI

// Chapter 14: how uneven the work is, and handing it out to whoever is free.

/// Every rank passes the seconds it spent; returns, on every rank, the imbalance: the largest
/// of those times divided by their mean (1 means perfectly even; 2 means the slowest rank took
/// twice the average, so half of the machine's time was spent waiting).
func imbalance(_ seconds: Double, world: Communicator) throws -> Double {
  let slowest = try world.allReduce(seconds, op: .max)
  let total = try world.allReduce(seconds, op: .sum)
  return total > 0 ? slowest / (total / Double(world.size)) : 1
}

let requestTag = 1
let chunkTag = 2

/// Rank 0. Hands out tasks 0 ..< queue.count in chunks of queue.chunkSize consecutive tasks
/// (the last chunk may be shorter) to whichever worker asks first, and when no tasks are left
/// answers each worker's next request with "stop". Returns when every worker has been told.
func manager(_ queue: Chapter14.TaskQueue) throws {
  var next = 0
  var stillWorking = queue.size - 1
  var request = [Int32(0)]
  while stillWorking > 0 {
    let status = try queue.comm.receive(into: &request, from: Communicator.anySource, tag: requestTag)
    let end = min(next + queue.chunkSize, queue.count)
    // An empty chunk (first == end) means stop.
    try queue.comm.send([Int64(next), Int64(end)], to: status.source, tag: chunkTag)
    if end == next { stillWorking -= 1 }
    next = end
  }
}

/// Every rank but 0. Asks the manager for work, calls queue.process(task) for each task of the
/// chunk it gets, asks again, and returns when the manager says stop.
func worker(_ queue: Chapter14.TaskQueue) throws {
  var chunk: [Int64] = [0, 0]
  while true {
    try queue.comm.send([Int32(queue.rank)], to: Chapter14.TaskQueue.manager, tag: requestTag)
    try queue.comm.receive(into: &chunk, from: Chapter14.TaskQueue.manager, tag: chunkTag)
    if chunk[0] == chunk[1] { return }
    for task in Int(chunk[0])..<Int(chunk[1]) { queue.process(task) }
  }
}
