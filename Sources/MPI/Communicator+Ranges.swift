import WorkbookContract

// Point-to-point calls on a part of an array, without copying it: what image compositing
// needs, where each message is a strip of a large image.

extension Communicator {
  /// Throws `MPI_ERR_BUFFER` when `range` is not inside an array of `count` elements.
  @usableFromInline
  static func checkRange(_ range: Range<Int>, in count: Int, _ function: String) throws {
    guard range.lowerBound >= 0, range.upperBound <= count else {
      throw MPIError(.buffer, function: function, message: "elements \(range) are outside an array of \(count)")
    }
  }

  /// Sends `values[range]` (`MPI_Send`), without copying them out of the array.
  ///
  /// ```swift
  /// try world.send(colours, range: 0..<width * 10, to: 1)   // the first ten rows
  /// ```
  /// - Throws: `.buffer` when `range` reaches outside `values`; MPI's errors otherwise.
  @inlinable
  public func send<T: MPIElement>(
    _ values: [T], range: Range<Int>, to destination: Int, tag: Int = 0, file: StaticString = #fileID,
    line: UInt = #line
  ) throws {
    try traced("send", file, line, CallRecord(.send, peer: destination, tag: tag, count: range.count, type: T.self)) {
      try Communicator.checkRange(range, in: values.count, "MPI_Send")
      try mpi_send(
        values, at: range.lowerBound, try mpiCount(range.count, "MPI_Send"), T.mpiDatatype.raw, mpiInt(destination),
        mpiInt(tag), raw)
    }
  }

  /// Receives into `values[range]` (`MPI_Recv`), at most `range.count` elements.
  /// - Throws: `.buffer` when `range` reaches outside `values`, `.truncate` when the message
  ///   is longer than the range.
  @inlinable @discardableResult
  public func receive<T: MPIElement>(
    into values: inout [T], range: Range<Int>, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "receive", file, line, CallRecord(.receive, peer: source, tag: tag, count: range.count, type: T.self)
    ) {
      try Communicator.checkRange(range, in: values.count, "MPI_Recv")
      return try mpi_recv(
        &values, at: range.lowerBound, try mpiCount(range.count, "MPI_Recv"), T.mpiDatatype.raw,
        mpiInt(source), mpiInt(tag), raw)
    }
  }

  /// Sends `outgoing[sendRange]` to `destination` and receives into `incoming[receiveRange]`
  /// from `source` in one call (`MPI_Sendrecv`): both directions at once, so two partners
  /// exchanging large parts of images never wait for each other.
  /// - Throws: `.buffer` when a range reaches outside its array; MPI's errors otherwise.
  @inlinable @discardableResult
  public func sendReceive<T: MPIElement>(
    _ outgoing: [T], range sendRange: Range<Int>, to destination: Int, sendTag: Int = 0,
    into incoming: inout [T], range receiveRange: Range<Int>, from source: Int,
    receiveTag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "sendReceive", file, line,
      CallRecord(
        .sendReceive, peer: destination, tag: sendTag, peer2: source, tag2: receiveTag, count: sendRange.count,
        type: T.self)
    ) {
      try Communicator.checkRange(sendRange, in: outgoing.count, "MPI_Sendrecv")
      try Communicator.checkRange(receiveRange, in: incoming.count, "MPI_Sendrecv")
      return try mpi_sendrecv(
        outgoing, at: sendRange.lowerBound, try mpiCount(sendRange.count, "MPI_Sendrecv"), T.mpiDatatype.raw,
        mpiInt(destination), mpiInt(sendTag), &incoming, at: receiveRange.lowerBound,
        try mpiCount(receiveRange.count, "MPI_Sendrecv"), T.mpiDatatype.raw, mpiInt(source),
        mpiInt(receiveTag), raw)
    }
  }
}
