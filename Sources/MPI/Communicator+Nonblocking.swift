import CMPI

// Non-blocking point-to-point communication (MPI 3.1 §3.7). Each call returns a `Request`
// that must be completed; the request holds on to its `MPIBuffer` until then, so the memory
// MPI is reading or writing cannot go away underneath it.

extension Communicator {
  /// Starts sending `buffer` (`MPI_Isend`). The request keeps the buffer alive until it
  /// completes; do not change the buffer before then.
  ///
  /// ```swift
  /// let out = MPIBuffer([1.0, 2.0])
  /// let r = try world.isend(out, to: right, tag: 1)
  /// // ... other work ...
  /// try r.wait()
  /// ```
  @inlinable @inline(__always)
  public func isend<T: MPIElement>(
    _ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Request {
    do {
      let request = try mpi_isend(
        buffer, try mpiCount(buffer.count, "MPI_Isend"), T.mpiDatatype.raw,
        mpiInt(destination), mpiInt(tag), raw)
      return Request(raw: request, function: "MPI_Isend", peer: destination, tag: tag, buffer: buffer)
    } catch { throw located(error, "isend", file, line) }
  }

  /// Starts sending a copy of `values` (`MPI_Isend`); the copy lives in the request, so the
  /// array may change right away. Convenient when the array is small.
  @inlinable
  public func isend<T: MPIElement>(
    _ values: [T], to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Request {
    try isend(MPIBuffer(values), to: destination, tag: tag, file: file, line: line)
  }

  /// Starts receiving into `buffer` (`MPI_Irecv`); read it after the request completes. At
  /// most `buffer.count` elements arrive; the completed request's status says how many.
  @inlinable @inline(__always)
  public func ireceive<T: MPIElement>(
    into buffer: MPIBuffer<T>, from source: Int = Communicator.anySource,
    tag: Int = Communicator.anyTag, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Request {
    do {
      var target = buffer
      let request = try mpi_irecv(
        &target, try mpiCount(buffer.count, "MPI_Irecv"), T.mpiDatatype.raw,
        mpiInt(source), mpiInt(tag), raw)
      return Request(raw: request, function: "MPI_Irecv", peer: source, tag: tag, buffer: buffer)
    } catch { throw located(error, "ireceive", file, line) }
  }

  /// Starts a synchronous send (`MPI_Issend`): completes only once the matching receive has
  /// started, so `test()` on it tells whether the other side has begun receiving.
  @inlinable @inline(__always)
  public func issend<T: MPIElement>(
    _ buffer: MPIBuffer<T>, to destination: Int, tag: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> Request {
    do {
      let request = try mpi_issend(
        buffer, try mpiCount(buffer.count, "MPI_Issend"), T.mpiDatatype.raw,
        mpiInt(destination), mpiInt(tag), raw)
      return Request(raw: request, function: "MPI_Issend", peer: destination, tag: tag, buffer: buffer)
    } catch { throw located(error, "issend", file, line) }
  }
}
