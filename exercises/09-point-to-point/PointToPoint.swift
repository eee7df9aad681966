import Chapters
import MPI

// Chapter 09: point-to-point. Read lessons/09-point-to-point/README.md first.

/// Every rank sends `mine` to its right neighbour (rank + 1, and the last rank to rank 0) and
/// returns what its left neighbour sent it. The checks run it with 8 values and with 200 000
/// values (1.6 MB), at 2, 3 and 4 ranks.
func shiftRight(_ mine: [Double], world: Communicator) throws -> [Double] {
  // TODO(09): find the right and left neighbours, send `mine` to the right one and receive the
  // left one's array (it has as many values as `mine`). Mind the big case: if every rank
  // calls a blocking send first, each waits for a receive that nobody has posted yet.
  return mine
}

/// At rank 0: receives `count` messages from the other ranks, each an array of Int32 of a
/// length you are not told, sent with tags you are not told, in an order you cannot predict.
/// Returns one Letter per message: who sent it, its tag, its values.
func collectMail(count: Int, world: Communicator) throws -> [Chapter09.Letter] {
  // TODO(09): receive `count` messages from any source with any tag. Learn each message's
  // length before receiving it (or let the module do that), and read the sender and the tag
  // from the status.
  return []
}
