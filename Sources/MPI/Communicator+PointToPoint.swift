import CMPI

#if canImport(Glibc)
import Glibc
#endif

// Point-to-point communication (MPI 3.1 chapter 3). Hot paths are @inlinable so that calls
// from other modules specialise for the element type and cost no more than the C call.

extension Communicator {
  // MARK: Blocking send

  /// Sends `values` to rank `destination` with `tag` (`MPI_Send`). May return before the
  /// receiver posts its receive (small messages are buffered) or block until it does
  /// (large ones): never rely on either.
  @inlinable
  public func send<T: MPIElement>(_ values: [T], to destination: Int, tag: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Send")
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Send(p.baseAddress, n, T.mpiDatatype.raw, Int32(clamping: destination),
                         Int32(clamping: tag), raw), "MPI_Send")
    }
  }

  /// Sends one value (`MPI_Send` with count 1).
  @inlinable
  public func send<T: MPIElement>(_ value: T, to destination: Int, tag: Int = 0) throws {
    var v = value
    try withUnsafePointer(to: &v) { p in
      try check(MPI_Send(p, 1, T.mpiDatatype.raw, Int32(clamping: destination), Int32(clamping: tag), raw), "MPI_Send")
    }
  }

  /// Sends the contents of an `MPIBuffer` (`MPI_Send`), without copying.
  @inlinable
  public func send<T: MPIElement>(_ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0) throws {
    try check(MPI_Send(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Send"), T.mpiDatatype.raw,
                       Int32(clamping: destination), Int32(clamping: tag), raw), "MPI_Send")
  }

  /// Sends `count` elements of an explicit `datatype` starting at `values` (`MPI_Send`), for
  /// derived types such as a matrix column.
  public func send<T>(_ values: [T], count: Int, datatype: Datatype, to destination: Int, tag: Int = 0) throws {
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Send(p.baseAddress, try mpiCount(count, "MPI_Send"), datatype.raw, Int32(destination), Int32(tag), raw),
                "MPI_Send")
    }
  }

  /// Synchronous send (`MPI_Ssend`): returns only once the receiver has started receiving.
  /// Code that works with `ssend` does not depend on buffering, so it cannot deadlock when
  /// messages grow.
  @inlinable
  public func synchronousSend<T: MPIElement>(_ values: [T], to destination: Int, tag: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Ssend")
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Ssend(p.baseAddress, n, T.mpiDatatype.raw, Int32(clamping: destination),
                          Int32(clamping: tag), raw), "MPI_Ssend")
    }
  }

  // MARK: Blocking receive

  /// Receives into `values` (`MPI_Recv`), at most `values.count` elements; the status says who
  /// sent and how many arrived.
  /// - Throws: `MPIError` with class `.truncate` when the message is longer than `values`.
  @inlinable @discardableResult
  public func receive<T: MPIElement>(into values: inout [T], from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    let n = try mpiCount(values.count, "MPI_Recv")
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Recv(p.baseAddress, n, T.mpiDatatype.raw, Int32(clamping: source),
                         Int32(clamping: tag), raw, &status), "MPI_Recv")
    }
    return Status(raw: status)
  }

  /// Receives into an `MPIBuffer` (`MPI_Recv`).
  @inlinable @discardableResult
  public func receive<T: MPIElement>(into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    try check(MPI_Recv(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Recv"), T.mpiDatatype.raw,
                       Int32(clamping: source), Int32(clamping: tag), raw, &status), "MPI_Recv")
    return Status(raw: status)
  }

  /// Receives `count` elements of an explicit `datatype` into `values` (`MPI_Recv`).
  @discardableResult
  public func receive<T>(into values: inout [T], count: Int, datatype: Datatype, from source: Int = Communicator.anySource,
                         tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Recv(p.baseAddress, try mpiCount(count, "MPI_Recv"), datatype.raw, Int32(source), Int32(tag), raw,
                         &status), "MPI_Recv")
    }
    return Status(raw: status)
  }

  /// Receives one value (`MPI_Recv` with count 1).
  @inlinable
  public func receive<T: MPIElement>(_: T.Type, from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> T {
    var values = [T]()
    values.reserveCapacity(1)
    let status = try receiveAll(T.self, from: source, tag: tag, into: &values)
    guard values.count == 1 else {
      throw MPIError(.count, function: "MPI_Recv",
                     message: "expected 1 element from rank \(status.source), got \(values.count)")
    }
    return values[0]
  }

  /// Receives a message of any length: probes for it, allocates, then receives
  /// (`MPI_Probe`, `MPI_Get_count`, `MPI_Recv`). Returns the elements and the status.
  public func receiveArray<T: MPIElement>(_: T.Type, from source: Int = Communicator.anySource,
                                          tag: Int = Communicator.anyTag) throws -> (values: [T], status: Status) {
    var values = [T]()
    let status = try receiveAll(T.self, from: source, tag: tag, into: &values)
    return (values, status)
  }

  @usableFromInline
  func receiveAll<T: MPIElement>(_: T.Type, from source: Int, tag: Int, into values: inout [T]) throws -> Status {
    // Probe first, then receive from the probed sender and tag so a wildcard receive cannot
    // match a different message than the one measured.
    let probed = try probe(from: source, tag: tag)
    let n = try probed.count(of: T.self)
    values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      if n > 0 { memset(buffer.baseAddress!, 0, n * MemoryLayout<T>.stride) }
      initialized = n
    }
    return try receive(into: &values, from: probed.source, tag: probed.tag)
  }

  // MARK: Combined and probing

  /// Sends and receives in one call (`MPI_Sendrecv`). MPI pairs them internally, so a ring of
  /// these cannot deadlock the way a ring of blocking sends can.
  @inlinable @discardableResult
  public func sendReceive<T: MPIElement>(_ outgoing: [T], to destination: Int, sendTag: Int = 0,
                                         into incoming: inout [T], from source: Int, receiveTag: Int = Communicator.anyTag)
    throws -> Status
  {
    var status = MPI_Status()
    let sn = try mpiCount(outgoing.count, "MPI_Sendrecv")
    let rn = try mpiCount(incoming.count, "MPI_Sendrecv")
    try outgoing.withUnsafeBufferPointer { s in
      try incoming.withUnsafeMutableBufferPointer { r in
        try check(MPI_Sendrecv(s.baseAddress, sn, T.mpiDatatype.raw, Int32(clamping: destination),
                               Int32(clamping: sendTag), r.baseAddress, rn, T.mpiDatatype.raw,
                               Int32(clamping: source), Int32(clamping: receiveTag), raw, &status),
                  "MPI_Sendrecv")
      }
    }
    return Status(raw: status)
  }

  /// Waits until a matching message can be received, without receiving it (`MPI_Probe`).
  public func probe(from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    try check(MPI_Probe(Int32(source), Int32(tag), raw, &status), "MPI_Probe")
    return Status(raw: status)
  }

  /// Checks for a matching message without blocking (`MPI_Iprobe`): its status, or nil.
  public func probeIfAvailable(from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag) throws
    -> Status?
  {
    var status = MPI_Status()
    var flag: Int32 = 0
    try check(MPI_Iprobe(Int32(source), Int32(tag), raw, &flag, &status), "MPI_Iprobe")
    return flag != 0 ? Status(raw: status) : nil
  }

  // MARK: Non-blocking

  /// Starts sending `buffer` (`MPI_Isend`); the request keeps the buffer alive until it
  /// completes. Do not change the buffer before then.
  public func isend<T: MPIElement>(_ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0) throws -> Request {
    var request: MPI_Request? = nil
    try check(MPI_Isend(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Isend"), T.mpiDatatype.raw,
                        Int32(destination), Int32(tag), raw, &request), "MPI_Isend")
    return Request(raw: request, operation: "MPI_Isend to rank \(destination), tag \(tag)", buffer: buffer)
  }

  /// Starts sending a copy of `values` (`MPI_Isend`); convenient when the array is small.
  public func isend<T: MPIElement>(_ values: [T], to destination: Int, tag: Int = 0) throws -> Request {
    try isend(MPIBuffer(values), to: destination, tag: tag)
  }

  /// Starts receiving into `buffer` (`MPI_Irecv`); read it after the request completes.
  public func ireceive<T: MPIElement>(into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
                                      tag: Int = Communicator.anyTag) throws -> Request {
    var request: MPI_Request? = nil
    try check(MPI_Irecv(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Irecv"), T.mpiDatatype.raw,
                        Int32(source), Int32(tag), raw, &request), "MPI_Irecv")
    return Request(raw: request, operation: "MPI_Irecv from rank \(source), tag \(tag)", buffer: buffer)
  }

  /// Starts a synchronous send (`MPI_Issend`): completes only once the receive has started.
  public func issend<T: MPIElement>(_ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0) throws -> Request {
    var request: MPI_Request? = nil
    try check(MPI_Issend(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Issend"), T.mpiDatatype.raw,
                         Int32(destination), Int32(tag), raw, &request), "MPI_Issend")
    return Request(raw: request, operation: "MPI_Issend to rank \(destination), tag \(tag)", buffer: buffer)
  }
}
