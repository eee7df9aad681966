import CMPI
import CPingPong
import MPI

/// The ways the benchmark's kernels are written. All share the OSU method and differ only in
/// how they call MPI: C directly, Swift over the raw C API, Swift over the `MPI` module with
/// page-aligned `MPIBuffer`s (and, for bandwidth, a `RequestBatch`), and Swift over the module
/// the other common way (arrays for latency, one `Request` object per message for bandwidth).
public enum Implementation: String, CaseIterable, Sendable {
  case c = "C"
  case raw = "Swift raw"
  case wrapper = "Swift MPI"
  case wrapperPlain = "Swift MPI*"
}

// MARK: - Swift over the raw C API: the same loops as pingpong.c, line for line.

enum RawKernels {
  static func latency(bytes: Int, iterations: Int, warmup: Int, buffer: UnsafeMutableRawPointer) -> Double {
    var rank: Int32 = 0
    let comm = WB_MPI_COMM_WORLD()
    MPI_Comm_rank(comm, &rank)
    let n = Int32(bytes)
    var start = 0.0
    MPI_Barrier(comm)
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = MPI_Wtime() }
      if rank == 0 {
        MPI_Send(buffer, n, WB_MPI_BYTE(), 1, 1, comm)
        MPI_Recv(buffer, n, WB_MPI_BYTE(), 1, 1, comm, WB_MPI_STATUS_IGNORE())
      } else {
        MPI_Recv(buffer, n, WB_MPI_BYTE(), 0, 1, comm, WB_MPI_STATUS_IGNORE())
        MPI_Send(buffer, n, WB_MPI_BYTE(), 0, 1, comm)
      }
    }
    return (MPI_Wtime() - start) / (2.0 * Double(iterations))
  }

  static func bandwidth(
    bytes: Int, iterations: Int, warmup: Int, window: Int, send: UnsafeMutableRawPointer,
    receive: UnsafeMutableRawPointer
  ) -> Double {
    var rank: Int32 = 0
    let comm = WB_MPI_COMM_WORLD()
    MPI_Comm_rank(comm, &rank)
    let n = Int32(bytes)
    var requests = [MPI_Request?](repeating: nil, count: window)
    var ack: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    var start = 0.0
    MPI_Barrier(comm)
    requests.withUnsafeMutableBufferPointer { reqs in
      for i in 0..<(warmup + iterations) {
        if i == warmup { start = MPI_Wtime() }
        if rank == 0 {
          for w in 0..<window { MPI_Isend(send, n, WB_MPI_BYTE(), 1, 1, comm, reqs.baseAddress! + w) }
          MPI_Waitall(Int32(window), reqs.baseAddress, WB_MPI_STATUSES_IGNORE())
          MPI_Recv(&ack, 4, WB_MPI_BYTE(), 1, 2, comm, WB_MPI_STATUS_IGNORE())
        } else {
          for w in 0..<window { MPI_Irecv(receive, n, WB_MPI_BYTE(), 0, 1, comm, reqs.baseAddress! + w) }
          MPI_Waitall(Int32(window), reqs.baseAddress, WB_MPI_STATUSES_IGNORE())
          MPI_Send(&ack, 4, WB_MPI_BYTE(), 0, 2, comm)
        }
      }
    }
    return Double(bytes) * Double(window) * Double(iterations) / (MPI_Wtime() - start)
  }

  static func allReduce(
    count: Int, iterations: Int, warmup: Int, input: UnsafePointer<Double>,
    output: UnsafeMutablePointer<Double>
  ) -> Double {
    let comm = WB_MPI_COMM_WORLD()
    var start = 0.0
    MPI_Barrier(comm)
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = MPI_Wtime() }
      MPI_Allreduce(input, output, Int32(count), WB_MPI_DOUBLE(), WB_MPI_SUM(), comm)
    }
    return (MPI_Wtime() - start) / Double(iterations)
  }
}

// MARK: - Swift over the MPI module: what a learner writes.

enum WrapperKernels {
  /// Ping-pong with `MPIBuffer`s, whose storage is page-aligned like the C buffers.
  static func latency(_ world: Communicator, message: MPIBuffer<UInt8>, iterations: Int, warmup: Int) throws -> Double {
    var start = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      if world.rank == 0 {
        try world.send(message, to: 1, tag: 1)
        try world.receive(into: message, from: 1, tag: 1)
      } else {
        try world.receive(into: message, from: 0, tag: 1)
        try world.send(message, to: 0, tag: 1)
      }
    }
    return (Environment.wtime() - start) / (2.0 * Double(iterations))
  }

  /// Ping-pong with Swift arrays, the other common way; their storage is not page-aligned.
  static func latencyWithArrays(_ world: Communicator, message: inout [UInt8], iterations: Int, warmup: Int) throws
    -> Double
  {
    var start = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      if world.rank == 0 {
        try world.send(message, to: 1, tag: 1)
        try world.receive(into: &message, from: 1, tag: 1)
      } else {
        try world.receive(into: &message, from: 0, tag: 1)
        try world.send(message, to: 0, tag: 1)
      }
    }
    return (Environment.wtime() - start) / (2.0 * Double(iterations))
  }

  /// The window as a `RequestBatch`: no heap object per message.
  static func bandwidth(
    _ world: Communicator, outgoing: MPIBuffer<UInt8>, incoming: MPIBuffer<UInt8>, iterations: Int, warmup: Int,
    window: Int
  ) throws -> Double {
    let bytes = outgoing.count
    let batch = RequestBatch(capacity: window)
    var start = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      if world.rank == 0 {
        for _ in 0..<window { try world.isend(outgoing, to: 1, tag: 1, in: batch) }
        try batch.waitAll()
        _ = try world.receive(UInt32.self, from: 1, tag: 2)
      } else {
        for _ in 0..<window { try world.ireceive(into: incoming, from: 0, tag: 1, in: batch) }
        try batch.waitAll()
        try world.send(UInt32(0), to: 0, tag: 2)
      }
    }
    return Double(bytes) * Double(window) * Double(iterations) / (Environment.wtime() - start)
  }

  /// The window as an array of `Request` objects completed with `Request.waitAll`.
  static func bandwidthWithRequests(
    _ world: Communicator, outgoing: MPIBuffer<UInt8>, incoming: MPIBuffer<UInt8>, iterations: Int,
    warmup: Int, window: Int
  ) throws -> Double {
    let bytes = outgoing.count
    var requests: [Request] = []
    requests.reserveCapacity(window)
    var start = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      requests.removeAll(keepingCapacity: true)
      if world.rank == 0 {
        for _ in 0..<window { requests.append(try world.isend(outgoing, to: 1, tag: 1)) }
        try Request.waitAll(requests)
        _ = try world.receive(UInt32.self, from: 1, tag: 2)
      } else {
        for _ in 0..<window { requests.append(try world.ireceive(into: incoming, from: 0, tag: 1)) }
        try Request.waitAll(requests)
        try world.send(UInt32(0), to: 0, tag: 2)
      }
    }
    return Double(bytes) * Double(window) * Double(iterations) / (Environment.wtime() - start)
  }

  /// The allocating form: `allReduce` returns a new array each call.
  static func allReduce(_ world: Communicator, values: [Double], iterations: Int, warmup: Int) throws -> Double {
    var start = 0.0
    var sink = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      sink += try world.allReduce(values, op: .sum)[0]
    }
    let seconds = (Environment.wtime() - start) / Double(iterations)
    return sink.isNaN ? .nan : seconds
  }

  /// The form that reuses its result array.
  static func allReduceInto(
    _ world: Communicator, values: [Double], into result: inout [Double], iterations: Int,
    warmup: Int
  ) throws -> Double {
    var start = 0.0
    try world.barrier()
    for i in 0..<(warmup + iterations) {
      if i == warmup { start = Environment.wtime() }
      try world.allReduce(values, into: &result, op: .sum)
    }
    return (Environment.wtime() - start) / Double(iterations)
  }
}
