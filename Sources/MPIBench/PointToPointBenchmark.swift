import CPingPong
import Foundation
import MPI

/// How much to measure. The iteration counts are the OSU micro-benchmarks' defaults
/// (osu_latency, osu_bw, osu_allreduce, version 5): more iterations for small messages, a
/// window of 64 messages in flight for bandwidth.
public struct BenchmarkSettings: Sendable {
  /// Each implementation is measured this many times per size, in rotating order; tables show
  /// the median.
  public var rounds = 11
  public var latencySizes = [0, 8, 64, 512, 4096, 32 << 10, 64 << 10, 1 << 20]
  public var bandwidthSizes = [8, 4096, 64 << 10, 256 << 10, 1 << 20, 4 << 20]
  public var window = 64
  /// Doubles per allreduce: 8 B, 1 KiB, 64 KiB, 1 MiB.
  public var allReduceCounts = [1, 128, 8192, 131_072]

  public init() {}

  /// Messages above this size count as large (OSU's LARGE_MESSAGE_SIZE).
  public static let largeMessage = 8192

  public static func latencyLoop(_ bytes: Int) -> (iterations: Int, warmup: Int) {
    bytes > largeMessage ? (1000, 10) : (10_000, 100)
  }

  public static func bandwidthLoop(_ bytes: Int) -> (iterations: Int, warmup: Int) {
    bytes > largeMessage ? (20, 2) : (100, 10)
  }

  public static func allReduceLoop(_ bytes: Int) -> (iterations: Int, warmup: Int) {
    bytes > largeMessage ? (100, 10) : (1000, 200)
  }
}

/// Samples of one quantity at one message size, per implementation.
public struct BenchmarkRow: Sendable {
  public var bytes: Int
  public var samples: [String: [Double]] = [:]

  public init(bytes: Int) { self.bytes = bytes }

  /// The median over the rounds of `a`'s sample divided by `b`'s sample of the same round.
  /// Pairing the rounds cancels drift of the machine between rounds, which the ratio of the two
  /// medians would not.
  public func pairedRatio(_ a: String, over b: String) -> Double {
    guard let x = samples[a], let y = samples[b], x.count == y.count, !x.isEmpty else { return .nan }
    let r = zip(x, y).map { $0 / $1 }.sorted()
    return r.count % 2 == 1 ? r[r.count / 2] : (r[r.count / 2 - 1] + r[r.count / 2]) / 2
  }

  /// The paired ratio with an approximate 95 % interval for its median: median ± 1.58 × IQR /
  /// √n (the rule behind notched box plots). A goal is only "met" or "missed" when the whole
  /// interval lies on one side of it; otherwise this run cannot tell.
  public func pairedRatioInterval(_ a: String, over b: String) -> (median: Double, low: Double, high: Double) {
    guard let x = samples[a], let y = samples[b], x.count == y.count, x.count >= 4 else {
      let m = pairedRatio(a, over: b)
      return (m, m, m)
    }
    let r = zip(x, y).map { $0 / $1 }.sorted()
    let m = pairedRatio(a, over: b)
    let iqr = r[(3 * r.count) / 4] - r[r.count / 4]
    let half = 1.58 * iqr / Double(r.count).squareRoot()
    return (m, m - half, m + half)
  }

  /// The median sample of `implementation`, NaN when it was not measured.
  public func median(_ implementation: String) -> Double {
    let s = (samples[implementation] ?? []).sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

/// The ping-pong latency, bandwidth and allreduce benchmark of chapter 09, in C, in Swift over
/// the raw C API and in Swift over the `MPI` module, interleaved in one run so that the
/// machine's drift affects all three alike.
public enum MPIBenchmark {
  /// Allreduce implementations: the three kernels, plus the module's allocating form.
  public static let allReduceVariants = ["C", "Swift raw", "Swift MPI (into:)", "Swift MPI (new array)"]

  /// Latency (seconds, one way) and bandwidth (bytes/s) between ranks 0 and 1. Every rank of
  /// `world` must call it; it needs exactly 2 ranks (more would share the cores with the pair
  /// being timed). Results are complete at rank 0.
  public static func pointToPoint(_ world: Communicator, settings: BenchmarkSettings = .init())
    throws -> (latency: [BenchmarkRow], bandwidth: [BenchmarkRow])
  {
    precondition(world.size == 2, "the ping-pong benchmark runs at exactly 2 ranks")
    let order = Implementation.allCases
    var latency: [BenchmarkRow] = []
    for bytes in settings.latencySizes {
      var row = BenchmarkRow(bytes: bytes)
      let (iterations, warmup) = BenchmarkSettings.latencyLoop(bytes)
      // One buffer pair per implementation, page-aligned and fresh (MPIBuffers; C and raw Swift
      // use their storage), handed round-robin so that no implementation keeps the luckiest
      // memory: in single runs the same C code ran up to 5 % apart on two different buffers.
      let pairs = (0..<order.count).map { _ in (MPIBuffer<UInt8>(count: bytes), MPIBuffer<UInt8>(count: bytes)) }
      var array = [UInt8](repeating: 1, count: bytes)
      for round in 0..<settings.rounds {
        for k in 0..<order.count {
          let implementation = order[(k + round) % order.count]
          let buffer = pairs[(k + 2 * round) % pairs.count].0
          let pointer = UnsafeMutableRawPointer(buffer.storage.baseAddress!)
          let seconds: Double
          switch implementation {
          case .c: seconds = wb_c_latency(bytes, Int32(iterations), Int32(warmup), pointer)
          case .raw: seconds = RawKernels.latency(bytes: bytes, iterations: iterations, warmup: warmup, buffer: pointer)
          case .wrapper:
            seconds = try WrapperKernels.latency(world, message: buffer, iterations: iterations, warmup: warmup)
          case .wrapperPlain:
            seconds = try WrapperKernels.latencyWithArrays(
              world, message: &array, iterations: iterations, warmup: warmup)
          }
          row.samples[implementation.rawValue, default: []].append(seconds)
        }
      }
      latency.append(row)
    }
    var bandwidth: [BenchmarkRow] = []
    for bytes in settings.bandwidthSizes {
      var row = BenchmarkRow(bytes: bytes)
      let (iterations, warmup) = BenchmarkSettings.bandwidthLoop(bytes)
      let pairs = (0..<order.count).map { _ in (MPIBuffer<UInt8>(count: bytes), MPIBuffer<UInt8>(count: bytes)) }
      for round in 0..<settings.rounds {
        for k in 0..<order.count {
          let implementation = order[(k + round) % order.count]
          let (outgoing, incoming) = pairs[(k + 2 * round) % pairs.count]
          let send = UnsafeMutableRawPointer(outgoing.storage.baseAddress!)
          let receive = UnsafeMutableRawPointer(incoming.storage.baseAddress!)
          let rate: Double
          switch implementation {
          case .c:
            rate = wb_c_bandwidth(bytes, Int32(iterations), Int32(warmup), Int32(settings.window), send, receive)
          case .raw:
            rate = RawKernels.bandwidth(
              bytes: bytes, iterations: iterations, warmup: warmup, window: settings.window, send: send,
              receive: receive)
          case .wrapper:
            rate = try WrapperKernels.bandwidth(
              world, outgoing: outgoing, incoming: incoming, iterations: iterations, warmup: warmup,
              window: settings.window)
          case .wrapperPlain:
            rate = try WrapperKernels.bandwidthWithRequests(
              world, outgoing: outgoing, incoming: incoming, iterations: iterations,
              warmup: warmup, window: settings.window)
          }
          // Rank 1 finishes a little earlier (it does not wait for the last ack); rank 0's
          // time is the one OSU reports.
          row.samples[implementation.rawValue, default: []].append(try world.broadcast(rate, root: 0))
        }
      }
      bandwidth.append(row)
    }
    return (latency, bandwidth)
  }

  /// Seconds per allreduce (sum of doubles), averaged over the ranks as OSU does. Every rank
  /// calls it; results are complete at every rank.
  public static func allReduce(_ world: Communicator, settings: BenchmarkSettings = .init()) throws -> [BenchmarkRow] {
    var rows: [BenchmarkRow] = []
    for count in settings.allReduceCounts {
      let bytes = count * MemoryLayout<Double>.stride
      var row = BenchmarkRow(bytes: bytes)
      let (iterations, warmup) = BenchmarkSettings.allReduceLoop(bytes)
      let input = [Double](repeating: Double(world.rank + 1), count: count)
      // Each variant its own result array, made once per size (the allocating variant makes a
      // new one per call; that is what it measures).
      var output = [Double](repeating: 0, count: count)
      var rawOutput = output
      var wrapperOutput = output
      for round in 0..<settings.rounds {
        for k in 0..<allReduceVariants.count {
          let variant = allReduceVariants[(k + round) % allReduceVariants.count]
          let seconds: Double
          switch variant {
          case "C":
            seconds = input.withUnsafeBufferPointer { i in
              output.withUnsafeMutableBufferPointer { o in
                wb_c_allreduce(Int32(count), Int32(iterations), Int32(warmup), i.baseAddress, o.baseAddress)
              }
            }
          case "Swift raw":
            seconds = input.withUnsafeBufferPointer { i in
              rawOutput.withUnsafeMutableBufferPointer { o in
                RawKernels.allReduce(
                  count: count, iterations: iterations, warmup: warmup, input: i.baseAddress!, output: o.baseAddress!)
              }
            }
          case "Swift MPI (into:)":
            seconds = try WrapperKernels.allReduceInto(
              world, values: input, into: &wrapperOutput, iterations: iterations, warmup: warmup)
          default:
            seconds = try WrapperKernels.allReduce(world, values: input, iterations: iterations, warmup: warmup)
          }
          row.samples[variant, default: []].append(try world.allReduce(seconds, op: .sum) / Double(world.size))
        }
      }
      // The sum of rank + 1 over the ranks, computed serially: the kernels must agree with it.
      let expected = Double(world.size * (world.size + 1) / 2)
      for (name, result) in [("C", output), ("Swift raw", rawOutput), ("Swift MPI", wrapperOutput)]
      where result.first != expected {
        throw BenchmarkError(message: "\(name) allreduce gave \(result.first ?? .nan), expected \(expected)")
      }
      rows.append(row)
    }
    return rows
  }
}

/// A benchmark kernel computed a wrong result.
public struct BenchmarkError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { "benchmark result is wrong: \(message)" }
}
