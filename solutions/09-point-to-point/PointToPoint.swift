import Chapters
import MPI

// Chapter 09: point-to-point. Read lessons/09-point-to-point/README.md first.

/// Every rank sends `mine` to its right neighbour (rank + 1, and the last rank to rank 0) and
/// returns what its left neighbour sent it. The checks run it with 8 values and with 200 000
/// values (1.6 MB), at 2, 3 and 4 ranks.
func shiftRight(_ mine: [Double], world: Communicator) throws -> [Double] {
  let right = (world.rank + 1) % world.size
  let left = (world.rank + world.size - 1) % world.size
  var incoming = [Double](repeating: 0, count: mine.count)
  // MPI_Sendrecv pairs the send with the receive inside MPI, so no rank waits on a send while
  // its neighbour waits on its own: no deadlock at any size or rank count.
  try world.sendReceive(mine, to: right, into: &incoming, from: left)
  return incoming
}

/// At rank 0: receives `count` messages from the other ranks, each an array of Int32 of a
/// length you are not told, sent with tags you are not told, in an order you cannot predict.
/// Returns one Letter per message: who sent it, its tag, its values.
func collectMail(count: Int, world: Communicator) throws -> [Chapter09.Letter] {
  var letters: [Chapter09.Letter] = []
  for _ in 0..<count {
    // MPI_Mprobe + MPI_Get_count + MPI_Mrecv: the size first, then exactly that message.
    let (values, status) = try world.receiveArray(Int32.self, from: Communicator.anySource, tag: Communicator.anyTag)
    letters.append(Chapter09.Letter(source: status.source, tag: status.tag, values: values))
  }
  return letters
}
