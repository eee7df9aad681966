import CMPI

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
  public func send<T: MPIElement>(_ values: [T], range: Range<Int>, to destination: Int, tag: Int = 0) throws {
    try Communicator.checkRange(range, in: values.count, "MPI_Send")
    let n = try mpiCount(range.count, "MPI_Send")
    try values.withUnsafeBufferPointer { p in
      try check(MPI_Send(p.baseAddress.map { $0 + range.lowerBound }, n, T.mpiDatatype.raw, mpiInt(destination), mpiInt(tag), raw),
                "MPI_Send")
    }
  }

  /// Receives into `values[range]` (`MPI_Recv`), at most `range.count` elements.
  /// - Throws: `.buffer` when `range` reaches outside `values`, `.truncate` when the message
  ///   is longer than the range.
  @inlinable @discardableResult
  public func receive<T: MPIElement>(into values: inout [T], range: Range<Int>, from source: Int = Communicator.anySource,
                                     tag: Int = Communicator.anyTag) throws -> Status {
    try Communicator.checkRange(range, in: values.count, "MPI_Recv")
    let n = try mpiCount(range.count, "MPI_Recv")
    var status = MPI_Status()
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Recv(p.baseAddress.map { $0 + range.lowerBound }, n, T.mpiDatatype.raw, mpiInt(source), mpiInt(tag), raw,
                         &status), "MPI_Recv")
    }
    return Status(raw: status)
  }

  /// Sends `outgoing[sendRange]` to `destination` and receives into `incoming[receiveRange]`
  /// from `source` in one call (`MPI_Sendrecv`): both directions at once, so two partners
  /// exchanging large parts of images never wait for each other.
  /// - Throws: `.buffer` when a range reaches outside its array; MPI's errors otherwise.
  @inlinable @discardableResult
  public func sendReceive<T: MPIElement>(_ outgoing: [T], range sendRange: Range<Int>, to destination: Int, sendTag: Int = 0,
                                         into incoming: inout [T], range receiveRange: Range<Int>, from source: Int,
                                         receiveTag: Int = Communicator.anyTag) throws -> Status {
    try Communicator.checkRange(sendRange, in: outgoing.count, "MPI_Sendrecv")
    try Communicator.checkRange(receiveRange, in: incoming.count, "MPI_Sendrecv")
    let sn = try mpiCount(sendRange.count, "MPI_Sendrecv")
    let rn = try mpiCount(receiveRange.count, "MPI_Sendrecv")
    var status = MPI_Status()
    try outgoing.withUnsafeBufferPointer { s in
      try incoming.withUnsafeMutableBufferPointer { r in
        try check(MPI_Sendrecv(s.baseAddress.map { $0 + sendRange.lowerBound }, sn, T.mpiDatatype.raw, mpiInt(destination),
                               mpiInt(sendTag), r.baseAddress.map { $0 + receiveRange.lowerBound }, rn, T.mpiDatatype.raw,
                               mpiInt(source), mpiInt(receiveTag), raw, &status), "MPI_Sendrecv")
      }
    }
    return Status(raw: status)
  }
}
