// The C boundary of the MPI module, in one folder.
//
// Every Open MPI function the module calls has one internal function here, named after it
// (`MPI_Send` -> `mpi_send`, `MPI_Type_get_extent` -> `mpi_type_get_extent`), in
// Calls+PointToPoint, Calls+Requests, Calls+Collectives, Calls+Datatypes, Calls+Communicators
// and Calls+Environment. Each one
//   - does the pointer work: takes arrays, `MPIBuffer`s and single values (Memory.swift) and
//     hands their addresses to C, converts handles, counts and out-parameters;
//   - asks the mock first (Mocking.swift), so that tests can run the wrappers without MPI;
//   - returns Swift values, and throws through `check` when the code is not `MPI_SUCCESS`.
//     Functions whose code every caller ignored (frees in `deinit`, queries that cannot fail
//     once MPI runs) return no code, as before.
// The public files above this folder contain no pointer and no direct MPI call; a unit test
// (MPIArgumentTests) reads them to keep it that way. The functions the @inlinable hot paths
// use are @inlinable themselves, so a send from another module still compiles to the one
// `MPI_Send` call.

import CMPI

/// Turns an MPI return code into a Swift throw. Every wrapper funnels its call through here.
@inlinable @inline(__always)
func check(_ code: Int32, _ function: @autoclosure () -> String) throws {
  if _fastPath(code == MPI_SUCCESS) { return }
  throw makeError(code, function())
}

@usableFromInline
func makeError(_ code: Int32, _ function: String) -> MPIError {
  MPIError(code: code, function: function)
}

/// Converts a Swift count to MPI's `int`, throwing `MPI_ERR_COUNT` when it does not fit.
@inlinable @inline(__always)
func mpiCount(_ n: Int, _ function: @autoclosure () -> String) throws -> Int32 {
  guard let c = Int32(exactly: n) else { throw MPIError.countTooLarge(n, function()) }
  return c
}

/// A rank or tag as MPI's `int`. Out-of-range values are clamped rather than trapped, so MPI
/// itself rejects them (`MPI_ERR_RANK`, `MPI_ERR_TAG`) and the caller gets a Swift error.
@inlinable @inline(__always)
func mpiInt(_ n: Int) -> Int32 { Int32(clamping: n) }

extension MPIError {
  @usableFromInline
  static func countTooLarge(_ n: Int, _ function: String) -> MPIError {
    MPIError(.count, function: function, message: "count \(n) does not fit in a C int")
  }
}

/// Checks that `count` elements of `datatype`, starting `offset` elements of `T` into a buffer
/// of `available` elements of `T`, stay inside that buffer.
///
/// An explicit datatype says where MPI reads or writes, and nothing stops it from describing
/// bytes past the end of a Swift array; this turns that mistake into an `MPI_ERR_BUFFER` throw
/// instead of memory corruption. It asks MPI for the extent and true extent
/// (`MPI_Type_get_extent`, `MPI_Type_get_true_extent`): the last element starts
/// `(count - 1) * extent` bytes after the first and covers `trueLowerBound ..< trueLowerBound +
/// trueExtent` from its start.
func checkSpan<T>(_: T.Type, available: Int, offset: Int, count: Int, datatype: Datatype, _ function: String) throws {
  precondition(_isPOD(T.self), "MPI buffers hold plain values only (no class references), got \(T.self)")
  guard count >= 0 else { throw MPIError(.count, function: function, message: "negative count \(count)") }
  guard offset >= 0, offset <= available else {
    throw MPIError(.buffer, function: function, message: "offset \(offset) outside a buffer of \(available) elements")
  }
  if count == 0 { return }
  let (_, extent) = try datatype.extent()
  let (trueLB, trueExtent) = try datatype.trueExtent()
  let start = offset * MemoryLayout<T>.stride
  let first = start + trueLB
  let last = start + (count - 1) * extent + trueLB + trueExtent
  let size = available * MemoryLayout<T>.stride
  guard first >= 0, last <= size else {
    throw MPIError(
      .buffer, function: function,
      message:
        "\(count) x this datatype from element \(offset) covers bytes \(first)..<\(last), but the buffer has \(size) bytes"
    )
  }
}
