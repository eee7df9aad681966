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
  guard let c = Int32(exactly: n) else {
    throw MPIError(.count, function: function(), message: "count \(n) does not fit in a C int")
  }
  return c
}

extension MPIError {
  @usableFromInline
  static func countTooLarge(_ n: Int, _ function: String) -> MPIError {
    MPIError(.count, function: function, message: "count \(n) does not fit in a C int")
  }
}
