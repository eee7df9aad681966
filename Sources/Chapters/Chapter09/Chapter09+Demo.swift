import Foundation
import MPI
import MPIBench
import WorkbookKit

/// Chapter 09's demo programs: the tour (`./workbook run 9`), the benchmark
/// (`./workbook bench 9`) and the deliberate deadlock.
extension Chapter09 {
  /// The demo: a ring, eager versus rendezvous sends measured, a mailbox; `--bench` runs the
  /// ping-pong/bandwidth/allreduce benchmark, `--deadlock` the classic deadlock (for use with
  /// `mpirun --timeout`).
  public static func demo() -> Never {
    let arguments = CommandLine.arguments
    Harness.runMPI(chapter: name) { world, report in
      if arguments.contains("--bench") {
        try bench(world, &report)
      } else if arguments.contains("--deadlock") {
        try deadlock(world)
      } else {
        try tour(world, &report)
      }
    }
  }

  /// A ring with sendReceive, the size at which a send stops completing on its own, and
  /// probing for messages of unknown length.
  static func tour(_ world: Communicator, _ report: inout Report) throws {
    let n = world.size
    let r = world.rank
    let right = (r + 1) % n
    let left = (r + n - 1) % n

    // 1. A ring: one sendReceive per rank, 1 MiB each, whatever the rank count.
    let mine = Chapter09.ringData(rank: r, count: 131_072)
    var incoming = [Double](repeating: 0, count: mine.count)
    let start = Environment.wtime()
    let status = try world.sendReceive(mine, to: right, into: &incoming, from: left)
    let seconds = Environment.wtime() - start
    let ok = try world.allReduce(incoming == Chapter09.ringData(rank: left, count: mine.count), op: .logicalAnd)
    let slowest = try world.allReduce(ValueAndRank(seconds, rank: r), op: .maxLocation)
    if r == 0 {
      print("1. Ring of \(n) ranks, 1 MiB per rank with sendReceive: every rank got its left neighbour's data: \(ok).")
      print(
        "   Rank 0's message came from rank \(status.source) with tag \(status.tag); the slowest rank (\(slowest.rank)) took \(Benchmark.describe(seconds: slowest.value))."
      )
    }
    report.add(
      Checks.that("demo-ring", ok, expected: "every rank holds its left neighbour's data", got: ok ? "yes" : "no"))

    // 2. Does a send complete while nobody receives? Small messages are copied into MPI's own
    //    buffers at once (eager); large ones wait for the receiver (rendezvous). Twice: with
    //    rank 1 inside MPI (a barrier, which makes progress) and asleep outside MPI.
    let sizes = [256, 257, 1024, 2048, 4000, 4096, 8192, 65_536, 1 << 20]
    var alone: [Bool: [Int: Bool]] = [false: [:], true: [:]]
    for asleep in [false, true] {
      for size in sizes {
        if r == 0 && n > 1 {
          // Asleep: give rank 1 time to leave the previous receive and fall asleep first.
          if asleep { Thread.sleep(forTimeInterval: 0.05) }
          let request = try world.isend(MPIBuffer<UInt8>(count: size), to: 1, tag: 50)
          let deadline = Environment.wtime() + 0.2
          while try request.test() == nil && Environment.wtime() < deadline {}
          alone[asleep]![size] = request.isComplete
          try world.barrier()
          try request.wait()
        } else {
          if asleep && r == 1 { Thread.sleep(forTimeInterval: 0.3) }
          try world.barrier()
          if r == 1 { try world.receive(into: MPIBuffer<UInt8>(count: size), from: 0, tag: 50) }
        }
      }
    }
    if r == 0 {
      print("\n2. Rank 0 starts a send to rank 1 and watches it for 0.2 s; rank 1 posts its receive only after that.")
      print("   Did the send complete before the receive was posted?")
      print("   bytes      rank 1 waiting in a barrier    rank 1 asleep outside MPI")
      for size in sizes {
        func verdict(_ done: Bool) -> String {
          (done ? "yes" : "no").padding(toLength: 31, withPad: " ", startingAt: 0)
        }
        print(
          "   " + BenchmarkTable.size(size).padding(toLength: 11, withPad: " ", startingAt: 0)
            + verdict(alone[false]![size]!) + (alone[true]![size]! ? "yes" : "no"))
      }
      let eager = sizes.filter { alone[false]![$0]! }.max() ?? 0
      report.metric("largest-send-completing-alone", Double(eager), unit: "bytes")
      let asleepEager = sizes.filter { alone[true]![$0]! }.max() ?? 0
      report.metric("largest-send-completing-while-receiver-sleeps", Double(asleepEager), unit: "bytes")
      print("   Above the eager limit a send waits for the receive: two ranks that both call send first")
      print("   with such messages wait for each other forever, the classic deadlock.")
      print("   Run it: mpirun -n 2 --timeout 10 .build/release/demo09 --deadlock")
    }

    // 3. Probe: learn the length of a message before receiving it.
    if r == 0 {
      print("\n3. Rank 0 probes for messages of unknown length from every other rank, in arrival order:")
      for _ in 1..<n {
        let probed = try world.probe(from: Communicator.anySource, tag: Communicator.anyTag)
        let count = try probed.count(of: Int32.self)
        var values = [Int32](repeating: 0, count: count)
        try world.receive(into: &values, from: probed.source, tag: probed.tag)
        print(
          "   probe: rank \(probed.source), tag \(probed.tag), \(count) Int32 values; received \(values.prefix(3))...")
      }
    } else {
      try world.send((0..<(r * 7)).map { Int32(r * 100 + $0) }, to: 0, tag: 60 + r)
    }
    try world.barrier()
    if r == 0 {
      print("\nThe numbers: ./workbook bench 9 (ping-pong latency and bandwidth in C and Swift, allreduce).")
    }
  }

  /// The benchmark: ping-pong and bandwidth at 2 ranks, allreduce at any count.
  static func bench(_ world: Communicator, _ report: inout Report) throws {
    var settings = BenchmarkSettings()
    let arguments = CommandLine.arguments
    if let i = arguments.firstIndex(of: "--rounds"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n >= 4 {
      settings.rounds = n
    }
    if world.rank == 0 { print(BenchmarkTable.machine(ranks: world.size, rounds: settings.rounds) + "\n") }
    if world.size == 2 {
      let (latency, bandwidth) = try MPIBenchmark.pointToPoint(world, settings: settings)
      if world.rank == 0 {
        print(BenchmarkTable.latency(latency))
        print(BenchmarkTable.bandwidth(bandwidth, window: settings.window))
        // Every size and implementation, for `workbook report`'s plots; the ratios at the sizes
        // the goals are about.
        for row in latency {
          for i in Implementation.allCases {
            report.metric("latency-\(row.bytes)B-\(key(i))", row.median(i.rawValue) * 1e6, unit: "µs")
          }
        }
        for row in bandwidth {
          for i in Implementation.allCases {
            report.metric("bandwidth-\(row.bytes)B-\(key(i))", row.median(i.rawValue) / 1e6, unit: "MB/s")
          }
        }
        for row in latency where row.bytes <= 8 {
          report.metric(
            "latency-\(row.bytes)B-mpi-over-c",
            row.pairedRatio(Implementation.wrapper.rawValue, over: Implementation.c.rawValue),
            unit: "ratio")
        }
        for row in bandwidth where row.bytes >= 64 << 10 {
          report.metric(
            "bandwidth-\(BenchmarkTable.size(row.bytes).replacingOccurrences(of: " ", with: ""))-mpi-over-c",
            row.pairedRatio(Implementation.wrapper.rawValue, over: Implementation.c.rawValue), unit: "ratio")
        }
        // The floor under a message between two processes of one machine: memcpy of its bytes
        // within one process, measured here, after the MPI rounds, by rank 0 alone.
        print("Floor: memcpy of the message in one process (MB/s), against C's bandwidth above.")
        print("    size    memcpy         C    C/memcpy")
        for row in bandwidth where row.bytes >= 64 << 10 {
          let label = BenchmarkTable.size(row.bytes).replacingOccurrences(of: " ", with: "")
          let c = row.median(Implementation.c.rawValue)
          let copy = copyRate(bytes: row.bytes, rounds: settings.rounds)
          print(
            BenchmarkTable.size(row.bytes).leftPadded(8) + String(format: "%.0f", copy / 1e6).leftPadded(10)
              + String(format: "%.0f", c / 1e6).leftPadded(10) + String(format: "%.3f", c / copy).leftPadded(12))
          report.metric("bandwidth-\(label)-c", c / 1e6, unit: "MB/s")
          report.metric("bandwidth-\(label)-c-floor", copy / 1e6, unit: "MB/s")
        }
        print("")
      }
    } else if world.rank == 0 {
      print(
        "Ping-pong and bandwidth run at exactly 2 ranks (./workbook bench 9); at \(world.size) ranks, allreduce only.\n"
      )
    }
    let rows = try MPIBenchmark.allReduce(world, settings: settings)
    if world.rank == 0 {
      print(BenchmarkTable.allReduce(rows, ranks: world.size))
      for row in rows {
        report.metric(
          "allreduce-\(BenchmarkTable.size(row.bytes).replacingOccurrences(of: " ", with: ""))-c",
          row.median("C") * 1e6, unit: "µs")
      }
    }
  }

  /// memcpy's rate for a message of `bytes`, in bytes per second: the median of `rounds`
  /// timings after two warm-ups, each copying the message back and forth between two
  /// page-aligned buffers often enough to move about 64 MiB (each copy reads what the previous
  /// one wrote, so none can be left out).
  static func copyRate(bytes: Int, rounds: Int) -> Double {
    let a = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
    let b = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
    defer {
      a.deallocate()
      b.deallocate()
    }
    a.initializeMemory(as: UInt8.self, repeating: 1, count: bytes)
    b.initializeMemory(as: UInt8.self, repeating: 2, count: bytes)
    let copies = max(2, (64 << 20) / bytes)
    var rates: [Double] = []
    for round in 0..<(rounds + 2) {
      let start = Benchmark.now()
      for k in 0..<copies {
        if k & 1 == 0 { memcpy(b, a, bytes) } else { memcpy(a, b, bytes) }
      }
      let seconds = Benchmark.now() - start
      Benchmark.blackHole(a.load(as: UInt8.self))
      if round >= 2 { rates.append(Double(bytes * copies) / seconds) }
    }
    return Timings(samples: rates).median
  }

  static func key(_ i: Implementation) -> String {
    switch i {
    case .c: return "c"
    case .raw: return "swift-raw"
    case .wrapper: return "swift-mpi"
    case .wrapperPlain: return "swift-mpi-arrays"
    }
  }

  /// The classic deadlock: partners both send 1 MiB first, then receive. Each send waits for
  /// a receive its partner never reaches. Only an outside time limit ends it.
  static func deadlock(_ world: Communicator) throws {
    let partner = world.rank ^ 1
    guard partner < world.size else { return }
    let big = [Double](repeating: Double(world.rank), count: 131_072)
    var incoming = big
    if world.rank == 0 { print("ranks 0 and 1 both send 1 MiB first; neither reaches its receive...") }
    try world.send(big, to: partner)
    try world.receive(into: &incoming, from: partner)
    print("not reached: rank \(world.rank) finished its exchange")
  }
}
