import CMPI
import WorkbookContract

/// A non-blocking operation in flight. Wraps `MPI_Request` (MPI 3.1 §3.7).
///
/// Complete every request with `wait()`, a successful `test()`, `cancel()`, or one of the
/// `Request.wait…` / `Request.test…` functions. A request dropped while still active is a bug
/// (MPI may still write into its buffer, and the message is lost to the program), so `deinit`
/// stops the program with a message naming the operation, rather than leaking it silently.
///
/// ```swift
/// let incoming = MPIBuffer<Double>(count: 100)
/// let requests = [try world.ireceive(into: incoming, from: left), try world.isend(edge, to: right)]
/// try Request.waitAll(requests)
/// ```
///
/// Each request is a class instance (about 100 ns to make and free, measured in chapter 09's
/// benchmark); for windows of many small messages completed together, use `RequestBatch`.
public final class Request {
  // The two mutable fields are only touched by the request's own methods, never while another
  // access is in progress; unchecked exclusivity spares a dynamic access check per touch
  // (several per request, measurable in a message-rate benchmark).
  @usableFromInline @exclusivity(unchecked) var raw: MPI_Request?
  /// The MPI call that made the request, for messages.
  @usableFromInline let function: StaticString
  /// The destination or source rank, and the tag, as given to that call.
  @usableFromInline let peer: Int
  @usableFromInline let tag: Int
  /// Keeps the buffer alive until completion.
  @usableFromInline @exclusivity(unchecked) var buffer: AnyObject?

  @inlinable
  init(raw: MPI_Request?, function: StaticString, peer: Int, tag: Int, buffer: AnyObject?) {
    self.raw = raw
    self.function = function
    self.peer = peer
    self.tag = tag
    self.buffer = buffer
  }

  /// What the request was made by, e.g. "MPI_Isend to rank 1, tag 7". Built only when asked
  /// for, so that starting a request costs no string formatting.
  public var operation: String {
    let name = "\(function)"
    let direction = name.hasSuffix("recv") ? "from" : "to"
    let who = peer == Communicator.anySource ? "any source" : "rank \(peer)"
    let tagText = tag == Communicator.anyTag ? "any tag" : "tag \(tag)"
    return "\(name) \(direction) \(who), \(tagText)"
  }

  /// Whether the request has completed (or was never active). Does not drive progress:
  /// use `test()` to find out whether an active request has finished.
  public var isComplete: Bool { raw == WB_MPI_REQUEST_NULL() }

  /// Takes back the handle a multi-request call wrote (`MPI_REQUEST_NULL`, passed as `null`,
  /// once the operation completed) and lets go of the buffer of a completed operation.
  @inlinable
  func settle(_ handle: MPI_Request?, null: MPI_Request?) {
    raw = handle
    if handle == null { buffer = nil }
  }

  deinit {
    if !isComplete && Environment.isActive {
      fatalError(
        "MPI request dropped before it completed: \(operation). Call wait() or test() on every request (or Request.waitAll)."
      )
    }
  }

  /// Blocks until the operation completes (`MPI_Wait`); returns its status. Waiting on a
  /// completed request returns at once with an empty status.
  @inlinable @inline(__always) @discardableResult
  public func wait(file: StaticString = #fileID, line: UInt = #line) throws -> Status {
    // Release the buffer once the operation is complete, also when the wait throws.
    defer { if raw == WB_MPI_REQUEST_NULL() { buffer = nil } }
    return try traced("wait", file, line, CallRecord(.wait, detail: startedBy, peer: peer, tag: tag)) {
      try mpi_wait(&raw, "MPI_Wait (\(operation))")
    }
  }

  /// The kind of call that started the request, for the call board.
  @usableFromInline var startedBy: CallKind? {
    switch "\(function)" {
    case "MPI_Isend": return .startSend
    case "MPI_Issend": return .startSynchronousSend
    case "MPI_Irecv": return .startReceive
    default: return nil
    }
  }

  /// Checks without blocking (`MPI_Test`): the status if the operation completed, else nil.
  /// Calling it also lets MPI move the message along (progress).
  public func test(file: StaticString = #fileID, line: UInt = #line) throws -> Status? {
    do {
      guard let status = try mpi_test(&raw, "MPI_Test (\(operation))") else { return nil }
      buffer = nil
      return status
    } catch { throw located(error, "test", file, line) }
  }

  /// Cancels the operation if it has not matched yet (`MPI_Cancel`, then `MPI_Wait`), and
  /// returns whether it was cancelled (`MPI_Test_cancelled`). A receive nobody will ever send
  /// to is the usual case. After this the request is complete either way.
  @discardableResult
  public func cancel(file: StaticString = #fileID, line: UInt = #line) throws -> Bool {
    guard !isComplete else { return false }
    do { try mpi_cancel(&raw, "MPI_Cancel (\(operation))") } catch { throw located(error, "cancel", file, line) }
    return try wait(file: file, line: line).wasCancelled
  }

  /// Waits for all requests (`MPI_Waitall`); returns their statuses in order.
  @inlinable @inline(__always) @discardableResult
  public static func waitAll(
    _ requests: [Request], file: StaticString = #fileID, line: UInt = #line
  ) throws -> [Status] {
    try traced("waitAll", file, line, CallRecord(.waitAll, count: requests.count)) {
      let n = try mpiCount(requests.count, "MPI_Waitall")
      return try mpi_waitall(requests, n)
    }
  }

  /// Waits until one of the requests completes (`MPI_Waitany`) and returns its index and status;
  /// that request is then complete, so the next call waits for one of the others. Call it
  /// repeatedly to handle messages in the order they arrive.
  ///
  /// Returns nil, at once, when no request is active (the array is empty or every request has
  /// completed already): MPI_Waitany then gives the index `MPI_UNDEFINED` and an empty status
  /// (MPI 3.1 §3.7.5, as Open MPI 4.1 does). A loop `while let (i, status) = try
  /// Request.waitAny(requests)` therefore ends after the last request.
  public static func waitAny(
    _ requests: [Request], file: StaticString = #fileID, line: UInt = #line
  ) throws -> (index: Int, status: Status)? {
    try traced("waitAny", file, line, CallRecord(.waitAny, count: requests.count)) {
      let (index, status) = try mpi_waitany(requests, try mpiCount(requests.count, "MPI_Waitany"))
      guard index != MPI_UNDEFINED else { return nil }
      requests[Int(index)].buffer = nil
      return (Int(index), status)
    }
  }

  /// Tests whether any request has completed (`MPI_Testany`): its index and status, or nil.
  public static func testAny(
    _ requests: [Request], file: StaticString = #fileID, line: UInt = #line
  ) throws -> (index: Int, status: Status)? {
    do {
      let (flag, index, status) = try mpi_testany(requests, try mpiCount(requests.count, "MPI_Testany"))
      guard flag, index != MPI_UNDEFINED else { return nil }
      requests[Int(index)].buffer = nil
      return (Int(index), status)
    } catch { throw located(error, "testAny", file, line) }
  }

  /// Tests all requests without blocking (`MPI_Testall`): the statuses if all completed, else nil.
  public static func testAll(
    _ requests: [Request], file: StaticString = #fileID, line: UInt = #line
  ) throws -> [Status]? {
    do {
      guard let statuses = try mpi_testall(requests, try mpiCount(requests.count, "MPI_Testall")) else { return nil }
      for r in requests { r.buffer = nil }
      return statuses
    } catch { throw located(error, "testAll", file, line) }
  }
}
