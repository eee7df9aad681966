import Dispatch
import Synchronization
import WorkbookKit

// Chapter 19's answer key: the chunking, the serial histogram every check compares with, the
// histogram with per-task partial counts, and the other ways the demo measures (racy, atomics,
// locks), threaded culling and false sharing. Internal, so no exercise can call them.

extension Chapter19 {
  /// The answer key as a learner.
  static var reference: Learner { Learner(chunks: chunks, histogram: partialsHistogram) }

  /// `0..<count` in `parts` consecutive ranges; the first `count % parts` are one longer, so the
  /// sizes differ by at most one (ranges are empty when `parts > count`).
  /// - Precondition: `parts ≥ 1`, `count ≥ 0`.
  static func chunks(count: Int, parts: Int) -> [Range<Int>] {
    precondition(parts >= 1 && count >= 0, "chunks(count: \(count), parts: \(parts))")
    let base = count / parts
    let extra = count % parts
    return (0..<parts).map { k in
      // Ranges before k hold base each, plus one for each of the min(k, extra) longer ones.
      let start = k * base + min(k, extra)
      return start..<(start + base + (k < extra ? 1 : 0))
    }
  }

  /// Counts `values[range]` into `counts` (room for `bins`): the loop every version shares.
  @inline(__always)
  static func count(
    _ values: UnsafeBufferPointer<Float>, _ range: Range<Int>, bins: Int, into counts: UnsafeMutablePointer<Int>
  ) {
    for i in range { counts[bin(of: values[i], bins: bins)] += 1 }
  }

  /// The histogram on one thread: the baseline every parallel version is compared with.
  static func serialHistogram(_ values: [Float], bins: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: bins)
    values.withUnsafeBufferPointer { v in
      counts.withUnsafeMutableBufferPointer { c in count(v, 0..<v.count, bins: bins, into: c.baseAddress!) }
    }
    return counts
  }

  /// Runs `body(task)` for every task in `0..<tasks` on Dispatch's pool and returns when all are
  /// done (`DispatchQueue.concurrentPerform`; the calling thread works too).
  static func parallelFor(_ tasks: Int, _ body: @Sendable (Int) -> Void) {
    if tasks == 1 { return body(0) }
    DispatchQueue.concurrentPerform(iterations: tasks, execute: body)
  }

  /// The fix that needs no synchronisation in the loop: task t counts its own chunk into its own
  /// local array, publishes it once into its own row of `partials`, and the rows are summed after
  /// every task is done.
  static func partialsHistogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
    let ranges = chunks(count: values.count, parts: threads)
    var partials = [Int](repeating: 0, count: threads * bins)
    values.withUnsafeBufferPointer { v in
      partials.withUnsafeMutableBufferPointer { p in
        let (input, rows) = (Shared(v), Shared(p))
        parallelFor(threads) { t in
          var local = [Int](repeating: 0, count: bins)
          local.withUnsafeMutableBufferPointer { count(input.value, ranges[t], bins: bins, into: $0.baseAddress!) }
          for b in 0..<bins { rows.value[t * bins + b] = local[b] }
        }
      }
    }
    return (0..<bins).map { b in (0..<threads).reduce(0) { $0 + partials[$1 * bins + b] } }
  }

  /// The race, on purpose: every task increments the same counters with plain loads and stores.
  /// Two tasks that read the same count before either writes it back lose one increment. Only
  /// the demo and the tests call it, to count the updates lost.
  static func racyHistogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
    let ranges = chunks(count: values.count, parts: threads)
    var counts = [Int](repeating: 0, count: bins)
    values.withUnsafeBufferPointer { v in
      counts.withUnsafeMutableBufferPointer { c in
        let (input, shared) = (Shared(v), Shared(c))
        parallelFor(threads) { t in count(input.value, ranges[t], bins: bins, into: shared.value.baseAddress!) }
      }
    }
    return counts
  }

  /// Fix two: shared counters updated with atomic read-modify-writes (`Atomic<Int>.wrappingAdd`,
  /// relaxed: only the final totals matter). Correct, but every increment is a locked
  /// instruction on a cache line the other core wants too.
  static func atomicHistogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
    let ranges = chunks(count: values.count, parts: threads)
    let counters = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: bins)
    for b in 0..<bins { (counters + b).initialize(to: Atomic(0)) }
    defer {
      counters.deinitialize(count: bins)
      counters.deallocate()
    }
    values.withUnsafeBufferPointer { v in
      let (input, shared) = (Shared(v), Shared(counters))
      parallelFor(threads) { t in
        for i in ranges[t] { shared.value[bin(of: input.value[i], bins: bins)].wrappingAdd(1, ordering: .relaxed) }
      }
    }
    return (0..<bins).map { counters[$0].load(ordering: .relaxed) }
  }

  /// Fix three, done badly: one `Mutex` around the shared counts, taken for every increment.
  static func lockedHistogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
    let ranges = chunks(count: values.count, parts: threads)
    let counts = Mutex([Int](repeating: 0, count: bins))
    values.withUnsafeBufferPointer { v in
      let input = Shared(v)
      parallelFor(threads) { t in
        for i in ranges[t] {
          let b = bin(of: input.value[i], bins: bins)
          counts.withLock { $0[b] += 1 }
        }
      }
    }
    return counts.withLock { $0 }
  }

  /// Fix three, done well: each task counts locally and takes the lock once, to add its counts.
  static func lockPerTaskHistogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
    let ranges = chunks(count: values.count, parts: threads)
    let counts = Mutex([Int](repeating: 0, count: bins))
    values.withUnsafeBufferPointer { v in
      let input = Shared(v)
      parallelFor(threads) { t in
        var local = [Int](repeating: 0, count: bins)
        local.withUnsafeMutableBufferPointer { count(input.value, ranges[t], bins: bins, into: $0.baseAddress!) }
        counts.withLock { total in for b in 0..<bins { total[b] += local[b] } }
      }
    }
    return counts.withLock { $0 }
  }

  // MARK: - False sharing

  /// Each of `threads` tasks adds 1 to its own counter `increments` times; the counters are
  /// `spacing` bytes apart (8: side by side in one cache line; 64 or 128: a line each). No two
  /// tasks touch the same counter, so there is nothing to synchronise; each add is an atomic
  /// `wrappingAdd` only so that the compiler must perform every one in memory (a plain `+= 1`
  /// would be kept in a register and stored once). Returns the final counts (each must be
  /// `increments`).
  static func privateCounters(threads: Int, spacing: Int, increments: Int) -> [Int] {
    precondition(spacing >= 8 && spacing % 8 == 0)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: threads * spacing, alignment: 128)
    defer { raw.deallocate() }
    let slots = (0..<threads).map { t in
      let p = (raw + t * spacing).bindMemory(to: Atomic<Int>.self, capacity: 1)
      p.initialize(to: Atomic(0))
      return p
    }
    let shared = Shared(slots)
    parallelFor(threads) { t in
      let counter = shared.value[t]
      for _ in 0..<increments {
        counter.pointee.wrappingAdd(1, ordering: .relaxed)
      }
    }
    let totals = slots.map { $0.pointee.load(ordering: .relaxed) }
    slots.forEach { $0.deinitialize(count: 1) }
    return totals
  }

  // MARK: - Culling on threads

  /// One million boxes of chapter 06 cut into `workers` parts, each its own `BoxBatch` (own
  /// Morton order, ids local to the part), with an output buffer per part.
  struct CullingJob: @unchecked Sendable {
    // Unchecked: the buffers are written only by `cull`, where task t writes only buffer t.
    let parts: [BoxBatch]
    let offsets: [Int]
    let buffers: [UnsafeMutablePointer<Int32>]

    init(boxes: [AABB], workers: Int) {
      let ranges = Chapter19.chunks(count: boxes.count, parts: workers)
      parts = ranges.map { BoxBatch(Array(boxes[$0])) }
      offsets = ranges.map(\.lowerBound)
      buffers = ranges.map { UnsafeMutablePointer<Int32>.allocate(capacity: max($0.count, 1)) }
    }

    /// Frees the output buffers.
    func free() { buffers.forEach { $0.deallocate() } }

    /// Culls every part on its own task; returns how many each kept. With `selectiveFirst`, each
    /// task first orders the planes by how many of a sample of its boxes they reject
    /// (`planesBySelectivity`), inside the timed work; the ids kept are the same.
    func cull(_ planes: [SIMD4<Float>], selectiveFirst: Bool = false) -> [Int] {
      let kept = Mutex([Int](repeating: 0, count: parts.count))
      Chapter19.parallelFor(parts.count) { t in
        let n = cullPart(t, planes, selectiveFirst: selectiveFirst)
        kept.withLock { $0[t] = n }
      }
      return kept.withLock { $0 }
    }

    /// Culls part `t` alone into its buffer (what one MPI rank of `parts.count` does); returns
    /// how many boxes it kept.
    func cullPart(_ t: Int, _ planes: [SIMD4<Float>], selectiveFirst: Bool) -> Int {
      let order = selectiveFirst ? Chapter19.planesBySelectivity(planes, parts[t]) : planes
      return parts[t].cull(order, into: buffers[t])
    }

    /// The ids part `t` kept, as indices into the whole scene.
    func ids(part t: Int, kept: Int) -> [Int32] {
      (0..<kept).map { Int32(offsets[t]) + buffers[t][$0] }
    }

    /// Bytes the job holds: every part's six coordinate arrays and ids (padded), and the output
    /// buffers.
    var bytes: Int { parts.reduce(0) { $0 + $1.ids.count * 28 + max($1.count, 1) * 4 } }

    /// The ids kept (indices into the whole scene), after `cull` returned `kept`.
    func ids(kept: [Int]) -> Set<Int> {
      var out = Set<Int>()
      for t in parts.indices {
        for k in 0..<kept[t] { out.insert(offsets[t] + Int(buffers[t][k])) }
      }
      return out
    }

    /// Reads every coordinate each part's cull may read (six `Float` arrays), summing them: the
    /// time the memory needs to deliver the data, a floor for the cull on the same workers.
    func readAll() -> Float {
      let sums = Mutex([Float](repeating: 0, count: parts.count))
      Chapter19.parallelFor(parts.count) { t in
        let b = parts[t]
        var s = SIMD16<Float>()
        for column in [b.minX, b.minY, b.minZ, b.maxX, b.maxY, b.maxZ] {
          column.withUnsafeBufferPointer { c in
            var i = 0
            while i + 16 <= c.count {
              s += UnsafeRawPointer(c.baseAddress! + i).loadUnaligned(as: SIMD16<Float>.self)
              i += 16
            }
          }
        }
        let total = s.sum()
        sums.withLock { $0[t] = total }
      }
      return sums.withLock { $0.reduce(0, +) }
    }
  }
}

/// A value handed to concurrently running tasks that Swift cannot prove safe to share: unsafe
/// pointers are not `Sendable`. `@unchecked` moves the proof to the reader: every use in this
/// chapter either only reads, or has task t write only the part that belongs to task t (its chunk,
/// its row, its counter), except `racyHistogram`, whose whole point is to break that rule.
struct Shared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
