import CMPI

/// Many non-blocking operations started one after the other and completed together, without a
/// heap object per operation.
///
/// A `Request` is a class instance: allocating, retaining and freeing it costs about 100 ns,
/// which is nothing next to a 1 MB message but doubles the cost of starting a small one. Code
/// that keeps a window of operations in flight (a bandwidth test, a halo exchange with many
/// neighbours) can collect them in one batch instead: the batch stores the raw `MPI_Request`
/// handles in one array and keeps each buffer alive until the batch completes.
///
/// ```swift
/// let batch = RequestBatch()
/// for _ in 0..<64 { try world.isend(buffer, to: 1, tag: 1, in: batch) }
/// try batch.waitAll()              // MPI_Waitall
/// ```
///
/// Like a single request, a batch dropped while operations are still active stops the program
/// with a message: its buffers would otherwise be freed while MPI still uses them.
public final class RequestBatch {
  // Touched only by the batch's own methods; unchecked exclusivity keeps the hot path free of
  // dynamic access checks.
  @usableFromInline @exclusivity(unchecked) var raws: UnsafeMutablePointer<MPI_Request?>
  @usableFromInline @exclusivity(unchecked) var capacity: Int
  @usableFromInline @exclusivity(unchecked) var used = 0
  @usableFromInline @exclusivity(unchecked) var buffers: [AnyObject] = []

  /// An empty batch with room for `capacity` operations before it grows.
  public init(capacity: Int = 16) {
    self.capacity = max(capacity, 1)
    raws = .allocate(capacity: self.capacity)
  }

  deinit {
    let active = (0..<used).filter { raws[$0] != WB_MPI_REQUEST_NULL() }.count
    if active > 0 && Environment.isActive {
      fatalError("RequestBatch dropped with \(active) of its \(used) operations still active. Call waitAll() before letting it go.")
    }
    raws.deallocate()
  }

  /// Operations added since the batch was last completed.
  public var count: Int { used }

  /// Adds a started operation's handle and keeps its buffer alive (once, if the same buffer
  /// is used again and again).
  @inlinable
  func add(_ raw: MPI_Request?, buffer: AnyObject) {
    if used == capacity { grow() }
    raws[used] = raw
    used += 1
    if buffers.last !== buffer { buffers.append(buffer) }
  }

  @usableFromInline
  func grow() {
    let bigger = UnsafeMutablePointer<MPI_Request?>.allocate(capacity: capacity * 2)
    bigger.update(from: raws, count: used)
    raws.deallocate()
    raws = bigger
    capacity *= 2
  }

  /// Forgets the completed operations once all of them are complete.
  @usableFromInline
  func resetIfDone() {
    let null = WB_MPI_REQUEST_NULL()
    for i in 0..<used where raws[i] != null { return }
    used = 0
    buffers.removeAll(keepingCapacity: true)
  }

  /// Waits for every operation of the batch (`MPI_Waitall`, statuses ignored); the batch is
  /// then empty and can be reused.
  @inlinable
  public func waitAll() throws {
    let code = MPI_Waitall(Int32(used), raws, WB_MPI_STATUSES_IGNORE())
    resetIfDone()
    try check(code, "MPI_Waitall")
  }

  /// Waits for every operation and returns their statuses in the order they were added
  /// (`MPI_Waitall`).
  public func waitAllStatuses() throws -> [Status] {
    var statuses = [MPI_Status](repeating: MPI_Status(), count: used)
    let code = MPI_Waitall(Int32(used), raws, &statuses)
    resetIfDone()
    try check(code, "MPI_Waitall")
    return statuses.map(Status.init(raw:))
  }

  /// Whether every operation has completed (`MPI_Testall`); if so the batch is empty again.
  public func testAll() throws -> Bool {
    var flag: Int32 = 0
    let code = MPI_Testall(Int32(used), raws, &flag, WB_MPI_STATUSES_IGNORE())
    if flag != 0 { resetIfDone() }
    try check(code, "MPI_Testall")
    return flag != 0
  }
}

extension Communicator {
  /// Starts sending `buffer` (`MPI_Isend`) as part of `batch`, which keeps the buffer alive
  /// until the batch completes.
  @inlinable
  public func isend<T: MPIElement>(_ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0, in batch: RequestBatch) throws {
    var request: MPI_Request? = nil
    try check(MPI_Isend(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Isend"), T.mpiDatatype.raw,
                        mpiInt(destination), mpiInt(tag), raw, &request), "MPI_Isend")
    batch.add(request, buffer: buffer)
  }

  /// Starts receiving into `buffer` (`MPI_Irecv`) as part of `batch`; read the buffer after
  /// the batch completes.
  @inlinable
  public func ireceive<T: MPIElement>(into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
                                      tag: Int = Communicator.anyTag, in batch: RequestBatch) throws {
    var request: MPI_Request? = nil
    try check(MPI_Irecv(buffer.storage.baseAddress, try mpiCount(buffer.count, "MPI_Irecv"), T.mpiDatatype.raw,
                        mpiInt(source), mpiInt(tag), raw, &request), "MPI_Irecv")
    batch.add(request, buffer: buffer)
  }
}
