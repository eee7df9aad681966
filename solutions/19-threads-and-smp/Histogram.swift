import Chapters
import Dispatch

// Chapter 19: threads in one process. Read lessons/19-threads-and-smp/README.md first.
//
// The bin of a value is Chapter19.bin(of: value, bins: bins).

/// `0..<count` cut into exactly `parts` consecutive ranges, in order, whose sizes differ by at
/// most one: chunks(10, 3) is [0..<4, 4..<7, 7..<10]; chunks(3, 4) is [0..<1, 1..<2, 2..<3, 3..<3].
func chunks(_ count: Int, _ parts: Int) -> [Range<Int>] {
  let size = count / parts
  let longer = count % parts
  var ranges: [Range<Int>] = []
  var start = 0
  for k in 0..<parts {
    let end = start + size + (k < longer ? 1 : 0)
    ranges.append(start..<end)
    start = end
  }
  return ranges
}

/// How many of `values` fall in each of the `bins` bins, counted by `threads` threads at once.
/// The result must be exactly the serial one, every time, for any number of threads.
func histogram(_ values: [Float], _ bins: Int, _ threads: Int) -> [Int] {
  let ranges = chunks(values.count, threads)
  // Row t of `rows` belongs to task t alone; nothing else is written while the tasks run.
  var rows = [Int](repeating: 0, count: threads * bins)
  values.withUnsafeBufferPointer { v in
    rows.withUnsafeMutableBufferPointer { out in
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var mine = [Int](repeating: 0, count: bins)
        for i in ranges[t] { mine[Chapter19.bin(of: v[i], bins: bins)] += 1 }
        for b in 0..<bins { out[t * bins + b] = mine[b] }
      }
    }
  }
  var counts = [Int](repeating: 0, count: bins)
  for t in 0..<threads {
    for b in 0..<bins { counts[b] += rows[t * bins + b] }
  }
  return counts
}
