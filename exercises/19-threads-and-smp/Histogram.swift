import Chapters
import Dispatch

// Chapter 19: threads in one process. Read lessons/19-threads-and-smp/README.md first.
//
// The bin of a value is Chapter19.bin(of: value, bins: bins).

/// `0..<count` cut into exactly `parts` consecutive ranges, in order, whose sizes differ by at
/// most one: chunks(10, 3) is [0..<4, 4..<7, 7..<10]; chunks(3, 4) is [0..<1, 1..<2, 2..<3, 3..<3].
func chunks(_ count: Int, _ parts: Int) -> [Range<Int>] {
  // TODO(19): return `parts` ranges. Each gets count / parts items, and the first
  // count % parts get one more. Range k starts where range k - 1 ends.
  return [0..<count]
}

/// How many of `values` fall in each of the `bins` bins, counted by `threads` threads at once.
/// The result must be exactly the serial one, every time, for any number of threads.
func histogram(_ values: [Float], _ bins: Int, _ threads: Int) -> [Int] {
  // TODO(19): this loop is correct but uses one thread. Cut the values with chunks(values.count,
  // threads) and count each chunk on its own thread with
  // DispatchQueue.concurrentPerform(iterations: threads) { t in ... }. Do not let two threads
  // increment the same counter: give each task its own counts and add them up at the end.
  var counts = [Int](repeating: 0, count: bins)
  for v in values { counts[Chapter19.bin(of: v, bins: bins)] += 1 }
  return counts
}
