import CMPI
import WorkbookContract

// Communication with an explicit datatype (MPI 3.1 chapter 4): a strided column of a matrix,
// a struct, or a resized type to scatter columns. The element type of the Swift array only
// gives the memory; the datatype says which bytes of it MPI reads or writes, starting
// `offset` elements into the array. Every call first checks that those bytes lie inside the
// array (`MPI_ERR_BUFFER` otherwise), which MPI cannot do for you.
//
// A check that fails at one rank before a collective call leaves the other ranks waiting in
// that collective: validate arguments the same way on every rank (see chapter 13).

extension Communicator {
  /// Sends `count` elements of `datatype` found `offset` elements into `values` (`MPI_Send`).
  ///
  /// ```swift
  /// // Column 2 of a row-major 4 x 5 matrix of doubles:
  /// let column = try Datatype.vector(count: 4, blockLength: 1, stride: 5, of: .double)
  /// try world.send(matrix, startingAt: 2, count: 1, datatype: column, to: 1)
  /// ```
  /// - Throws: `.buffer` when the datatype reaches outside `values`; MPI's errors otherwise.
  public func send<T>(
    _ values: [T], startingAt offset: Int = 0, count: Int, datatype: Datatype, to destination: Int,
    tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced("send", file, line, CallRecord(.send, peer: destination, tag: tag, count: count)) {
      try checkSpan(T.self, available: values.count, offset: offset, count: count, datatype: datatype, "MPI_Send")
      try mpi_send(
        values, at: offset, try mpiCount(count, "MPI_Send"), datatype.raw, mpiInt(destination), mpiInt(tag), raw)
    }
  }

  /// Receives `count` elements of `datatype` into `values`, starting `offset` elements in
  /// (`MPI_Recv`).
  /// - Throws: `.buffer` when the datatype reaches outside `values`, `.truncate` when the
  ///   message is longer than `count` elements.
  @discardableResult
  public func receive<T>(
    into values: inout [T], startingAt offset: Int = 0, count: Int, datatype: Datatype,
    from source: Int = Communicator.anySource, tag: Int = Communicator.anyTag, file: StaticString = #fileID,
    line: UInt = #line
  ) throws -> Status {
    try traced("receive", file, line, CallRecord(.receive, peer: source, tag: tag, count: count)) {
      try checkSpan(T.self, available: values.count, offset: offset, count: count, datatype: datatype, "MPI_Recv")
      return try mpi_recv(
        &values, at: offset, try mpiCount(count, "MPI_Recv"), datatype.raw, mpiInt(source), mpiInt(tag), raw)
    }
  }

  /// Sends from one region of `values` and receives into another region of the same array
  /// (`MPI_Sendrecv`), e.g. a halo exchange in place: send the first interior column, receive
  /// into the ghost column. The two regions must not overlap.
  @discardableResult
  public func sendReceive<T>(
    within values: inout [T], sendingFrom sendOffset: Int, count sendCount: Int,
    datatype sendType: Datatype, to destination: Int, sendTag: Int = 0,
    receivingAt receiveOffset: Int, count receiveCount: Int, datatype receiveType: Datatype,
    from source: Int, receiveTag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Status {
    try traced(
      "sendReceive", file, line,
      CallRecord(.sendReceive, peer: destination, tag: sendTag, peer2: source, tag2: receiveTag, count: sendCount)
    ) {
      try checkSpan(
        T.self, available: values.count, offset: sendOffset, count: sendCount, datatype: sendType, "MPI_Sendrecv")
      try checkSpan(
        T.self, available: values.count, offset: receiveOffset, count: receiveCount, datatype: receiveType,
        "MPI_Sendrecv")
      return try mpi_sendrecv(
        within: &values, sendingFrom: sendOffset, try mpiCount(sendCount, "MPI_Sendrecv"), sendType.raw,
        mpiInt(destination), mpiInt(sendTag), receivingAt: receiveOffset,
        try mpiCount(receiveCount, "MPI_Sendrecv"), receiveType.raw, mpiInt(source), mpiInt(receiveTag), raw)
    }
  }

  /// Broadcasts `count` elements of `datatype` found `offset` elements into `values` from the
  /// root (`MPI_Bcast`): every rank passes an array with room for them.
  public func broadcast<T>(
    _ values: inout [T], startingAt offset: Int = 0, count: Int, datatype: Datatype,
    root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced("broadcast", file, line, CallRecord(.broadcast, peer: root, count: count)) {
      try checkSpan(T.self, available: values.count, offset: offset, count: count, datatype: datatype, "MPI_Bcast")
      try mpi_bcast(&values, at: offset, try mpiCount(count, "MPI_Bcast"), datatype.raw, mpiInt(root), raw)
    }
  }

  /// Scatter with explicit datatypes (`MPI_Scatter`): the root sends `sendCount` elements of
  /// `sendType` to each rank, taken one after another from `values` (whose contents matter
  /// only at the root); every rank receives `receiveCount` elements of `receiveType` into
  /// `received`. Scattering the columns of a row-major matrix uses a column type resized to
  /// one element's extent (`Datatype.resized`) as `sendType`.
  public func scatter<T, U>(
    _ values: [T], count sendCount: Int, datatype sendType: Datatype, into received: inout [U],
    count receiveCount: Int, datatype receiveType: Datatype, root: Int = 0, file: StaticString = #fileID,
    line: UInt = #line
  ) throws {
    try traced("scatter", file, line, CallRecord(.scatter, peer: root, count: receiveCount)) {
      if rank == root {
        try checkSpan(
          T.self, available: values.count, offset: 0, count: sendCount * size, datatype: sendType, "MPI_Scatter")
      }
      try checkSpan(
        U.self, available: received.count, offset: 0, count: receiveCount, datatype: receiveType, "MPI_Scatter")
      try mpi_scatter(
        values, try mpiCount(sendCount, "MPI_Scatter"), sendType.raw, &received,
        try mpiCount(receiveCount, "MPI_Scatter"), receiveType.raw, mpiInt(root), raw)
    }
  }

  /// Gather with explicit datatypes (`MPI_Gather`): every rank sends `sendCount` elements of
  /// `sendType` from `values`; the root receives `receiveCount` elements of `receiveType` per
  /// rank, one after another, into `gathered` (untouched elsewhere).
  public func gather<T, U>(
    _ values: [T], count sendCount: Int, datatype sendType: Datatype, into gathered: inout [U],
    count receiveCount: Int, datatype receiveType: Datatype, root: Int = 0, file: StaticString = #fileID,
    line: UInt = #line
  ) throws {
    try traced("gather", file, line, CallRecord(.gather, peer: root, count: sendCount)) {
      try checkSpan(T.self, available: values.count, offset: 0, count: sendCount, datatype: sendType, "MPI_Gather")
      if rank == root {
        try checkSpan(
          U.self, available: gathered.count, offset: 0, count: receiveCount * size, datatype: receiveType,
          "MPI_Gather")
      }
      try mpi_gather(
        values, try mpiCount(sendCount, "MPI_Gather"), sendType.raw, &gathered,
        try mpiCount(receiveCount, "MPI_Gather"), receiveType.raw, mpiInt(root), raw)
    }
  }
}
