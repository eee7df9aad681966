import CMPI
import WorkbookContract

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
  @usableFromInline @exclusivity(unchecked) var handles: RequestHandles
  @usableFromInline @exclusivity(unchecked) var buffers: [AnyObject] = []

  /// An empty batch with room for `capacity` operations before it grows.
  public init(capacity: Int = 16) {
    handles = RequestHandles(capacity: capacity)
  }

  deinit {
    let active = handles.activeCount
    if active > 0 && Environment.isActive {
      fatalError(
        "RequestBatch dropped with \(active) of its \(handles.count) operations still active. Call waitAll() before letting it go."
      )
    }
    handles.deallocate()
  }

  /// Operations added since the batch was last completed.
  public var count: Int { handles.count }

  /// Adds a started operation's handle and keeps its buffer alive (once, if the same buffer
  /// is used again and again).
  @inlinable
  func add(_ raw: MPI_Request?, buffer: AnyObject) {
    handles.append(raw)
    if buffers.last !== buffer { buffers.append(buffer) }
  }

  /// Forgets the completed operations once all of them are complete.
  @usableFromInline
  func resetIfDone() {
    guard handles.allComplete else { return }
    handles.count = 0
    buffers.removeAll(keepingCapacity: true)
  }

  /// Waits for every operation of the batch (`MPI_Waitall`, statuses ignored); the batch is
  /// then empty and can be reused.
  @inlinable @inline(__always)
  public func waitAll(file: StaticString = #fileID, line: UInt = #line) throws {
    // Forget the operations also when the wait throws, before the error reaches the caller.
    defer { resetIfDone() }
    _ = try traced("waitAll", file, line, CallRecord(.waitAll, count: handles.count)) { try mpi_waitall(handles) }
  }

  /// Waits for every operation and returns their statuses in the order they were added
  /// (`MPI_Waitall`).
  public func waitAllStatuses(file: StaticString = #fileID, line: UInt = #line) throws -> [Status] {
    defer { resetIfDone() }
    return try traced("waitAllStatuses", file, line, CallRecord(.waitAll, count: handles.count)) {
      try mpi_waitall(handles, keepingStatuses: true)
    }
  }

  /// Whether every operation has completed (`MPI_Testall`); if so the batch is empty again.
  public func testAll(file: StaticString = #fileID, line: UInt = #line) throws -> Bool {
    // When the test says "not yet", MPI changed no handle and some are active, so this forgets
    // nothing; when it says "done", they are all null and the batch empties.
    defer { resetIfDone() }
    do { return try mpi_testall(handles) } catch { throw located(error, "testAll", file, line) }
  }
}

extension Communicator {
  /// Starts sending `buffer` (`MPI_Isend`) as part of `batch`, which keeps the buffer alive
  /// until the batch completes.
  @inlinable @inline(__always)
  public func isend<T: MPIElement>(
    _ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0, in batch: RequestBatch, file: StaticString = #fileID,
    line: UInt = #line
  ) throws {
    do {
      let request = try mpi_isend(
        buffer, try mpiCount(buffer.count, "MPI_Isend"), T.mpiDatatype.raw,
        mpiInt(destination), mpiInt(tag), raw)
      batch.add(request, buffer: buffer)
    } catch { throw located(error, "isend", file, line) }
  }

  /// Starts receiving into `buffer` (`MPI_Irecv`) as part of `batch`; read the buffer after
  /// the batch completes.
  @inlinable @inline(__always)
  public func ireceive<T: MPIElement>(
    into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, in batch: RequestBatch, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    do {
      var target = buffer
      let request = try mpi_irecv(
        &target, try mpiCount(buffer.count, "MPI_Irecv"), T.mpiDatatype.raw,
        mpiInt(source), mpiInt(tag), raw)
      batch.add(request, buffer: buffer)
    } catch { throw located(error, "ireceive", file, line) }
  }
}
