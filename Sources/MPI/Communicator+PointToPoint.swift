import CMPI

#if canImport(Glibc)
import Glibc
#endif

// Blocking point-to-point communication (MPI 3.1 chapter 3). Hot paths are @inlinable so that
// calls from other modules specialise for the element type and cost no more than the C call.
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
  @inlinable
  public func send<T: MPIElement>(_ values: [T], to destination: Int, tag: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Send")
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Send(p.baseAddress, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw), "MPI_Send")
    }
  }

  /// Sends one value (`MPI_Send` with count 1).
  @inlinable
  public func send<T: MPIElement>(_ value: T, to destination: Int, tag: Int = 0) throws {
    var v = value
    try withUnsafePointer(to: &v) { p in
      try check(MPI_Send(p, 1, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw), "MPI_Send")
    }
  }

  /// Sends the contents of an `MPIBuffer` (`MPI_Send`), without copying.
  @inlinable
  public func send<T: MPIElement>(_ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0) throws {
    try check(MPI_Send(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Send"), T.mpiDatatype.raw,
                       mpiInt(destination), mpiInt(tag), raw), "MPI_Send")
  }

  /// Synchronous send (`MPI_Ssend`, MPI 3.1 §3.4): returns only once the receiver has started
  /// receiving. Code that works with `synchronousSend` does not depend on buffering, so it
  /// cannot deadlock when messages grow.
  @inlinable
  public func synchronousSend<T: MPIElement>(_ values: [T], to destination: Int, tag: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Ssend")
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Ssend(p.baseAddress, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw), "MPI_Ssend")
    }
  }

  // MARK: Blocking receive

  /// Receives into `values` (`MPI_Recv`, MPI 3.1 §3.2.4), at most `values.count` elements; the
  /// status says who sent and how many arrived (`status.count(of:)`).
  /// - Throws: `MPIError` with class `.truncate` when the message is longer than `values`.
  @inlinable @discardableResult
  public func receive<T: MPIElement>(into values: inout [T], from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    let n = try mpiCount(values.count, "MPI_Recv")
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Recv(p.baseAddress, n, T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw, &status), "MPI_Recv")
    }
    return Status(raw: status)
  }

  /// Receives into an `MPIBuffer` (`MPI_Recv`), at most `buffer.count` elements. How many
  /// arrived: `status.count(of: T.self)`.
  /// - Throws: `MPIError` with class `.truncate` when the message is longer than the buffer.
  @inlinable @discardableResult
  public func receive<T: MPIElement>(into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    try check(MPI_Recv(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Recv"), T.mpiDatatype.raw,
                       mpiInt(source), mpiInt(tag), raw, &status), "MPI_Recv")
    return Status(raw: status)
  }

  /// Receives exactly one value (`MPI_Recv` with count 1).
  /// - Throws: `.truncate` when the message holds more than one element, `.count` when it is
  ///   empty.
  @inlinable
  public func receive<T: MPIElement>(_: T.Type, from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> T {
    // A stack slot instead of an array: receiving one value should not allocate.
    try withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { p in
      var status = MPI_Status()
      try check(MPI_Recv(p.baseAddress, 1, T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw, &status), "MPI_Recv")
      if try Status(raw: status).count(of: T.self) != 1 {
        throw MPIError(.count, function: "MPI_Recv", message: "expected 1 element from rank \(status.MPI_SOURCE), got an empty message")
      }
      return p[0]
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
  public func receiveArray<T: MPIElement>(_: T.Type, from source: Int = Communicator.anySource,
                                          tag: Int = Communicator.anyTag) throws -> (values: [T], status: Status) {
    var message: MPI_Message? = nil
    var status = MPI_Status()
    try check(MPI_Mprobe(mpiInt(source), mpiInt(tag), raw, &message, &status), "MPI_Mprobe")
    let n = try Status(raw: status).count(of: T.self)
    var values = [T](zeroed: n)
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Mrecv(p.baseAddress, Int32(n), T.mpiDatatype.raw, &message, &status), "MPI_Mrecv")
    }
    return (values, Status(raw: status))
  }

  // MARK: Combined and probing

  /// Sends and receives in one call (`MPI_Sendrecv`, MPI 3.1 §3.10). MPI pairs them
  /// internally, so a ring of these cannot deadlock the way a ring of blocking sends can.
  /// `outgoing` and `incoming` are different arrays (Swift's exclusivity rules see to it).
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
        try check(MPI_Sendrecv(s.baseAddress, sn, T.mpiDatatype.raw, mpiInt(destination), mpiInt(sendTag),
                               r.baseAddress, rn, T.mpiDatatype.raw, mpiInt(source), mpiInt(receiveTag), raw, &status),
                  "MPI_Sendrecv")
      }
    }
    return Status(raw: status)
  }

  /// Sends `values` and replaces them with what arrives, in one buffer (`MPI_Sendrecv_replace`).
  /// The incoming message must have at most `values.count` elements.
  @discardableResult
  public func sendReceiveReplace<T: MPIElement>(_ values: inout [T], to destination: Int, sendTag: Int = 0,
                                                from source: Int, receiveTag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    let n = try mpiCount(values.count, "MPI_Sendrecv_replace")
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Sendrecv_replace(p.baseAddress, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(sendTag),
                                     mpiInt(source), mpiInt(receiveTag), raw, &status), "MPI_Sendrecv_replace")
    }
    return Status(raw: status)
  }

  /// Waits until a matching message can be received, without receiving it (`MPI_Probe`).
  /// With several threads receiving, prefer `receiveArray`, whose matched probe cannot race.
  public func probe(from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag) throws -> Status {
    var status = MPI_Status()
    try check(MPI_Probe(mpiInt(source), mpiInt(tag), raw, &status), "MPI_Probe")
    return Status(raw: status)
  }

  /// Checks for a matching message without blocking (`MPI_Iprobe`): its status, or nil.
  public func probeIfAvailable(from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag) throws
    -> Status?
  {
    var status = MPI_Status()
    var flag: Int32 = 0
    try check(MPI_Iprobe(mpiInt(source), mpiInt(tag), raw, &flag, &status), "MPI_Iprobe")
    return flag != 0 ? Status(raw: status) : nil
  }
}
