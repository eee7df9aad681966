import CMPI

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

  deinit {
    if !isComplete && Environment.isActive {
      fatalError("MPI request dropped before it completed: \(operation). Call wait() or test() on every request (or Request.waitAll).")
    }
  }

  /// Blocks until the operation completes (`MPI_Wait`); returns its status. Waiting on a
  /// completed request returns at once with an empty status.
  @inlinable @discardableResult
  public func wait() throws -> Status {
    var status = MPI_Status()
    let code = MPI_Wait(&raw, &status)
    if raw == WB_MPI_REQUEST_NULL() { buffer = nil }
    try check(code, "MPI_Wait (\(operation))")
    return Status(raw: status)
  }

  /// Checks without blocking (`MPI_Test`): the status if the operation completed, else nil.
  /// Calling it also lets MPI move the message along (progress).
  public func test() throws -> Status? {
    var flag: Int32 = 0
    var status = MPI_Status()
    try check(MPI_Test(&raw, &flag, &status), "MPI_Test (\(operation))")
    guard flag != 0 else { return nil }
    buffer = nil
    return Status(raw: status)
  }

  /// Cancels the operation if it has not matched yet (`MPI_Cancel`, then `MPI_Wait`), and
  /// returns whether it was cancelled (`MPI_Test_cancelled`). A receive nobody will ever send
  /// to is the usual case. After this the request is complete either way.
  @discardableResult
  public func cancel() throws -> Bool {
    guard !isComplete else { return false }
    try check(MPI_Cancel(&raw), "MPI_Cancel (\(operation))")
    return try wait().wasCancelled
  }

  /// Waits for all requests (`MPI_Waitall`); returns their statuses in order.
  @inlinable @discardableResult
  public static func waitAll(_ requests: [Request]) throws -> [Status] {
    let n = try mpiCount(requests.count, "MPI_Waitall")
    var statuses = [Status](repeating: Status(raw: MPI_Status()), count: requests.count)
    let code = withUnsafeTemporaryAllocation(of: MPI_Request?.self, capacity: requests.count) { raws in
      for i in requests.indices { raws.initializeElement(at: i, to: requests[i].raw) }
      let code = statuses.withUnsafeMutableBufferPointer { s in
        s.withMemoryRebound(to: MPI_Status.self) { MPI_Waitall(n, raws.baseAddress, $0.baseAddress) }
      }
      let null = WB_MPI_REQUEST_NULL()
      for i in requests.indices {
        let r = requests[i]
        r.raw = raws[i]
        if raws[i] == null { r.buffer = nil }
      }
      return code
    }
    try check(code, "MPI_Waitall")
    return statuses
  }

  /// Waits for any one request (`MPI_Waitany`): its index and status, or nil when none was
  /// active. Call it repeatedly to handle messages in the order they arrive.
  public static func waitAny(_ requests: [Request]) throws -> (index: Int, status: Status)? {
    var raws = requests.map { $0.raw }
    var index: Int32 = 0
    var status = MPI_Status()
    let code = MPI_Waitany(try mpiCount(requests.count, "MPI_Waitany"), &raws, &index, &status)
    for (r, raw) in zip(requests, raws) { r.raw = raw }
    try check(code, "MPI_Waitany")
    guard index != MPI_UNDEFINED else { return nil }
    requests[Int(index)].buffer = nil
    return (Int(index), Status(raw: status))
  }

  /// Tests whether any request has completed (`MPI_Testany`): its index and status, or nil.
  public static func testAny(_ requests: [Request]) throws -> (index: Int, status: Status)? {
    var raws = requests.map { $0.raw }
    var index: Int32 = 0
    var flag: Int32 = 0
    var status = MPI_Status()
    let code = MPI_Testany(try mpiCount(requests.count, "MPI_Testany"), &raws, &index, &flag, &status)
    for (r, raw) in zip(requests, raws) { r.raw = raw }
    try check(code, "MPI_Testany")
    guard flag != 0, index != MPI_UNDEFINED else { return nil }
    requests[Int(index)].buffer = nil
    return (Int(index), Status(raw: status))
  }

  /// Tests all requests without blocking (`MPI_Testall`): the statuses if all completed, else nil.
  public static func testAll(_ requests: [Request]) throws -> [Status]? {
    var raws = requests.map { $0.raw }
    var flag: Int32 = 0
    var statuses = [MPI_Status](repeating: MPI_Status(), count: requests.count)
    let code = MPI_Testall(try mpiCount(requests.count, "MPI_Testall"), &raws, &flag, &statuses)
    for (r, raw) in zip(requests, raws) { r.raw = raw }
    try check(code, "MPI_Testall")
    guard flag != 0 else { return nil }
    for r in requests { r.buffer = nil }
    return statuses.map(Status.init(raw:))
  }
}
