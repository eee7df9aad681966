import CMPI

#if canImport(Glibc)
import Glibc
#endif

/// Heap storage with a fixed address, for non-blocking operations.
///
/// A non-blocking send or receive keeps using its buffer after the call returns, so the buffer
/// must not move or disappear until the request completes. Swift arrays may do both;
/// an `MPIBuffer` does neither, and a `Request` keeps its buffer alive until it completes.
///
/// ```swift
/// let halo = MPIBuffer<Double>(count: 64)
/// let r = try world.ireceive(into: halo, from: left)
/// // ... compute the interior ...
/// try r.wait()
/// let values = halo.array
/// ```
public final class MPIBuffer<T: MPIElement> {
  /// The storage; valid for the buffer's lifetime.
  public let storage: UnsafeMutableBufferPointer<T>

  /// A buffer of `count` zero-initialised elements.
  /// - Precondition: `T` is a plain value type (no references), as every `MPIElement` should be.
  public init(count: Int) {
    precondition(_isPOD(T.self), "MPIBuffer holds plain values only")
    storage = .allocate(capacity: count)
    if count > 0 { memset(storage.baseAddress!, 0, count * MemoryLayout<T>.stride) }
  }

  /// A buffer holding a copy of `values`.
  public convenience init(_ values: [T]) {
    self.init(count: values.count)
    _ = storage.initialize(from: values)
  }

  deinit { storage.deallocate() }

  /// Number of elements.
  public var count: Int { storage.count }

  /// A copy of the contents.
  public var array: [T] { Array(storage) }

  public subscript(i: Int) -> T {
    get { storage[i] }
    set { storage[i] = newValue }
  }
}

/// A non-blocking operation in flight. Wraps `MPI_Request`.
///
/// Complete every request with `wait()`, a successful `test()`, or one of the `Request.wait…`
/// functions. A request dropped while still active is a bug (its buffer may still be written
/// to), so `deinit` stops the program with a message naming the operation.
public final class Request {
  var raw: MPI_Request?
  /// What the request was made by, e.g. "MPI_Isend to rank 1, tag 7", for messages.
  public let operation: String
  /// Keeps the buffer alive until completion.
  var buffer: AnyObject?

  init(raw: MPI_Request?, operation: String, buffer: AnyObject?) {
    self.raw = raw
    self.operation = operation
    self.buffer = buffer
  }

  /// Whether the request has completed (or was never active).
  public var isComplete: Bool { raw == WB_MPI_REQUEST_NULL() }

  deinit {
    if !isComplete && Environment.isActive {
      let message = "MPI request dropped before it completed: \(operation). Call wait() or test() on every request.\n"
      fputs(message, stderr)
      abort()
    }
  }

  /// Blocks until the operation completes (`MPI_Wait`); returns its status. Waiting on a
  /// completed request returns at once with an empty status.
  @discardableResult
  public func wait() throws -> Status {
    var status = MPI_Status()
    try check(MPI_Wait(&raw, &status), "MPI_Wait (\(operation))")
    buffer = nil
    return Status(raw: status)
  }

  /// Checks without blocking (`MPI_Test`): the status if the operation completed, else nil.
  public func test() throws -> Status? {
    var flag: Int32 = 0
    var status = MPI_Status()
    try check(MPI_Test(&raw, &flag, &status), "MPI_Test (\(operation))")
    guard flag != 0 else { return nil }
    buffer = nil
    return Status(raw: status)
  }

  /// Waits for all requests (`MPI_Waitall`); returns their statuses in order.
  @discardableResult
  public static func waitAll(_ requests: [Request]) throws -> [Status] {
    var raws = requests.map { $0.raw }
    var statuses = [MPI_Status](repeating: MPI_Status(), count: requests.count)
    let code = MPI_Waitall(Int32(requests.count), &raws, &statuses)
    for (r, raw) in zip(requests, raws) {
      r.raw = raw
      if r.isComplete { r.buffer = nil }
    }
    try check(code, "MPI_Waitall")
    return statuses.map(Status.init(raw:))
  }

  /// Waits for any one request (`MPI_Waitany`): its index and status, or nil when none was active.
  public static func waitAny(_ requests: [Request]) throws -> (index: Int, status: Status)? {
    var raws = requests.map { $0.raw }
    var index: Int32 = 0
    var status = MPI_Status()
    let code = MPI_Waitany(Int32(requests.count), &raws, &index, &status)
    for (r, raw) in zip(requests, raws) { r.raw = raw }
    try check(code, "MPI_Waitany")
    guard index != MPI_UNDEFINED else { return nil }
    requests[Int(index)].buffer = nil
    return (Int(index), Status(raw: status))
  }

  /// Tests all requests without blocking (`MPI_Testall`): the statuses if all completed, else nil.
  public static func testAll(_ requests: [Request]) throws -> [Status]? {
    var raws = requests.map { $0.raw }
    var flag: Int32 = 0
    var statuses = [MPI_Status](repeating: MPI_Status(), count: requests.count)
    let code = MPI_Testall(Int32(requests.count), &raws, &flag, &statuses)
    for (r, raw) in zip(requests, raws) { r.raw = raw }
    try check(code, "MPI_Testall")
    guard flag != 0 else { return nil }
    for r in requests { r.buffer = nil }
    return statuses.map(Status.init(raw:))
  }
}
