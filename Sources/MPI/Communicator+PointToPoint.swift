import CMPI
import WorkbookContract

#if canImport(Glibc)
  import Glibc
#endif

// Blocking point-to-point communication (MPI 3.1 chapter 3). Hot paths are @inlinable so that
// calls from other modules specialise for the element type and cost no more than the C call,
// and @inline(__always): the call layer's never-taken mock branch (Internals/Mocking.swift)
// makes them just big enough for the optimizer to call them out of line otherwise. The same
// holds for the hot paths of the non-blocking, batch, request and reduction files.
// Non-blocking calls are in Communicator+Nonblocking.swift; calls taking an explicit
// (derived) datatype in Communicator+Datatypes.swift.

extension Communicator {
  // MARK: Blocking send

  /// Sends `values` to rank `destination` with `tag` (`MPI_Send`, MPI 3.1 §3.2.1). May return
  /// before the receiver posts its receive (small messages are buffered) or block until it does
  /// (large ones): never rely on either.
  ///
  /// ```swift
  /// if world.rank == 0 { try world.send([1.0, 2.0, 3.0], to: 1, tag: 7) }
  /// ```
  /// - Throws: `MPIError` of class `.rank` for a destination outside the communicator, `.tag`
  ///   for a negative or too large tag.
  @inlinable @inline(__always)
  public func send<T: MPIElement>(
    _ values: [T], to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced(
      "send", file, line, CallRecord(.send, peer: destination, tag: tag, count: values.count, type: T.self)
    ) {
      let n = try mpiCount(values.count, "MPI_Send")
      try mpi_send(values, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw)
    }
  }

  /// Sends one value (`MPI_Send` with count 1).
  @inlinable @inline(__always)
  public func send<T: MPIElement>(
    _ value: T, to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced("send", file, line, CallRecord(.send, peer: destination, tag: tag, count: 1, type: T.self)) {
      try mpi_send(OneValue(value), 1, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw)
    }
  }

  /// Sends the contents of an `MPIBuffer` (`MPI_Send`), without copying.
  @inlinable @inline(__always)
  public func send<T: MPIElement>(
    _ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced(
      "send", file, line, CallRecord(.send, peer: destination, tag: tag, count: buffer.count, type: T.self)
    ) {
      try mpi_send(
        buffer, try mpiCount(buffer.count, "MPI_Send"), T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw)
    }
  }

  /// Synchronous send (`MPI_Ssend`, MPI 3.1 §3.4): returns only once the receiver has started
  /// receiving. Code that works with `synchronousSend` does not depend on buffering, so it
  /// cannot deadlock when messages grow.
  @inlinable @inline(__always)
  public func synchronousSend<T: MPIElement>(
    _ values: [T], to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced(
      "synchronousSend", file, line,
      CallRecord(.synchronousSend, peer: destination, tag: tag, count: values.count, type: T.self)
    ) {
      let n = try mpiCount(values.count, "MPI_Ssend")
      try mpi_ssend(values, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw)
    }
  }

  // MARK: Blocking receive

  /// Receives into `values` (`MPI_Recv`, MPI 3.1 §3.2.4), at most `values.count` elements; the
  /// status says who sent and how many arrived (`status.count(of:)`).
  /// - Throws: `MPIError` with class `.truncate` when the message is longer than `values`.
  @inlinable @inline(__always) @discardableResult
  public func receive<T: MPIElement>(
    into values: inout [T], from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "receive", file, line, CallRecord(.receive, peer: source, tag: tag, count: values.count, type: T.self)
    ) {
      let n = try mpiCount(values.count, "MPI_Recv")
      return try mpi_recv(&values, n, T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw)
    }
  }

  /// Receives into an `MPIBuffer` (`MPI_Recv`), at most `buffer.count` elements. How many
  /// arrived: `status.count(of: T.self)`.
  /// - Throws: `MPIError` with class `.truncate` when the message is longer than the buffer.
  @inlinable @inline(__always) @discardableResult
  public func receive<T: MPIElement>(
    into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "receive", file, line, CallRecord(.receive, peer: source, tag: tag, count: buffer.count, type: T.self)
    ) {
      // A copy of the reference: MPI writes through it into the buffer's fixed storage.
      var target = buffer
      return try mpi_recv(
        &target, try mpiCount(buffer.count, "MPI_Recv"), T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw)
    }
  }

  /// Receives exactly one value (`MPI_Recv` with count 1).
  /// - Throws: `.truncate` when the message holds more than one element, `.count` when it is
  ///   empty.
  @inlinable @inline(__always)
  public func receive<T: MPIElement>(
    _: T.Type, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> T {
    try traced("receive", file, line, CallRecord(.receive, peer: source, tag: tag, count: 1, type: T.self)) {
      // One value on the stack instead of an array: receiving one value should not allocate.
      var one = OneValue<T>.zeroed()
      let status = try mpi_recv(&one, 1, T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw)
      if try status.count(of: T.self) != 1 {
        throw MPIError(
          .count, function: "MPI_Recv",
          message: "expected 1 element from rank \(status.raw.MPI_SOURCE), got an empty message")
      }
      return one.value
    }
  }

  /// Receives a message of any length: waits for it, learns its size, allocates, then
  /// receives exactly that message (`MPI_Mprobe`, `MPI_Get_count`, `MPI_Mrecv`, MPI 3.1 §3.8.2).
  /// The matched probe removes the message from the queue, so no other receive, even on
  /// another thread, can take it in between.
  ///
  /// ```swift
  /// let (values, status) = try world.receiveArray(Int32.self, from: Communicator.anySource)
  /// ```
  public func receiveArray<T: MPIElement>(
    _: T.Type, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> (values: [T], status: Status) {
    try traced("receiveArray", file, line, CallRecord(.receive, peer: source, tag: tag, type: T.self)) {
      var (message, status) = try mpi_mprobe(mpiInt(source), mpiInt(tag), raw)
      let n = try status.count(of: T.self)
      var values = [T](zeroed: n)
      status = try mpi_mrecv(&values, Int32(n), T.mpiDatatype.raw, &message)
      return (values, status)
    }
  }

  // MARK: Combined and probing

  /// Sends and receives in one call (`MPI_Sendrecv`, MPI 3.1 §3.10). MPI pairs them
  /// internally, so a ring of these cannot deadlock the way a ring of blocking sends can.
  /// `outgoing` and `incoming` are different arrays (Swift's exclusivity rules see to it).
  @inlinable @inline(__always) @discardableResult
  public func sendReceive<T: MPIElement>(
    _ outgoing: [T], to destination: Int, sendTag: Int = 0,
    into incoming: inout [T], from source: Int, receiveTag: Int = Communicator.anyTag,
    file: StaticString = #fileID, line: UInt = #line
  )
    throws -> Status
  {
    try traced(
      "sendReceive", file, line,
      CallRecord(
        .sendReceive, peer: destination, tag: sendTag, peer2: source, tag2: receiveTag, count: outgoing.count,
        type: T.self)
    ) {
      let sn = try mpiCount(outgoing.count, "MPI_Sendrecv")
      let rn = try mpiCount(incoming.count, "MPI_Sendrecv")
      return try mpi_sendrecv(
        outgoing, sn, T.mpiDatatype.raw, mpiInt(destination), mpiInt(sendTag),
        &incoming, rn, T.mpiDatatype.raw, mpiInt(source), mpiInt(receiveTag), raw)
    }
  }

  /// Sends `values` and replaces them with what arrives, in one buffer (`MPI_Sendrecv_replace`).
  /// The incoming message must have at most `values.count` elements.
  @discardableResult
  public func sendReceiveReplace<T: MPIElement>(
    _ values: inout [T], to destination: Int, sendTag: Int = 0,
    from source: Int, receiveTag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "sendReceiveReplace", file, line,
      CallRecord(
        .sendReceiveReplace, peer: destination, tag: sendTag, peer2: source, tag2: receiveTag,
        count: values.count, type: T.self)
    ) {
      let n = try mpiCount(values.count, "MPI_Sendrecv_replace")
      return try mpi_sendrecv_replace(
        &values, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(sendTag),
        mpiInt(source), mpiInt(receiveTag), raw)
    }
  }

  /// Waits until a matching message can be received, without receiving it (`MPI_Probe`).
  /// With several threads receiving, prefer `receiveArray`, whose matched probe cannot race.
  public func probe(
    from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag, file: StaticString = #fileID,
    line: UInt = #line
  ) throws -> Status {
    try traced("probe", file, line, CallRecord(.probe, peer: source, tag: tag)) {
      try mpi_probe(mpiInt(source), mpiInt(tag), raw)
    }
  }

  /// Checks for a matching message without blocking (`MPI_Iprobe`): its status, or nil.
  public func probeIfAvailable(
    from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag, file: StaticString = #fileID,
    line: UInt = #line
  ) throws -> Status? {
    do { return try mpi_iprobe(mpiInt(source), mpiInt(tag), raw) } catch {
      throw located(error, "probeIfAvailable", file, line)
    }
  }
}
