import CMPI

// MPI's life cycle, clocks, versions and error texts (MPI 3.1 chapter 8). The queries that
// fill a character buffer return Swift strings.

/// `MPI_Initialized`. Its code is ignored: the call is valid at any time.
func mpi_initialized() -> Bool {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Initialized") {
    return mock.initialized != 0
  }
  var flag: Int32 = 0
  MPI_Initialized(&flag)
  return flag != 0
}

/// `MPI_Finalized`. Its code is ignored: the call is valid at any time.
func mpi_finalized() -> Bool {
  if _slowPath(mockInstalled), mockCall("MPI_Finalized") != nil {
    return false
  }
  var flag: Int32 = 0
  MPI_Finalized(&flag)
  return flag != 0
}

/// `MPI_Init_thread` without command-line arguments: the thread level provided.
func mpi_init_thread(_ required: Int32) throws -> Int32 {
  var provided: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Init_thread", required) {
    provided = required
    try check(mock.code, "MPI_Init_thread")
    return provided
  }
  try check(MPI_Init_thread(nil, nil, required, &provided), "MPI_Init_thread")
  return provided
}

/// `MPI_Finalize`.
func mpi_finalize() throws {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Finalize") { return try check(mock.code, "MPI_Finalize") }
  try check(MPI_Finalize(), "MPI_Finalize")
}

/// `MPI_Wtime`; 0 under the mock.
@inlinable @inline(__always)
func mpi_wtime() -> Double {
  if _slowPath(mockInstalled), mockCall("MPI_Wtime") != nil {
    return 0
  }
  return MPI_Wtime()
}

/// `MPI_Wtick`; 0 under the mock.
func mpi_wtick() -> Double {
  if _slowPath(mockInstalled), mockCall("MPI_Wtick") != nil {
    return 0
  }
  return MPI_Wtick()
}

/// `MPI_Get_processor_name`. Its code is ignored: it fails only for invalid pointers.
func mpi_get_processor_name() -> String {
  if _slowPath(mockInstalled), mockCall("MPI_Get_processor_name") != nil {
    return "mock"
  }
  var buffer = [CChar](repeating: 0, count: 512)
  var length: Int32 = 0
  MPI_Get_processor_name(&buffer, &length)
  return string(buffer, length)
}

/// `MPI_Get_version`. Its code is ignored: the call is valid at any time.
func mpi_get_version() -> (major: Int32, minor: Int32) {
  if _slowPath(mockInstalled), mockCall("MPI_Get_version") != nil {
    return (3, 1)
  }
  var major: Int32 = 0
  var minor: Int32 = 0
  MPI_Get_version(&major, &minor)
  return (major, minor)
}

/// `MPI_Get_library_version`. Its code is ignored: the call is valid at any time.
func mpi_get_library_version() -> String {
  if _slowPath(mockInstalled), mockCall("MPI_Get_library_version") != nil {
    return "mock"
  }
  var buffer = [CChar](repeating: 0, count: 8192)
  var length: Int32 = 0
  MPI_Get_library_version(&buffer, &length)
  return string(buffer, length)
}

/// `MPI_Error_class`: the class of `code`, nil when MPI does not know the code. Under the mock,
/// a code is its own class (the tests use class constants as codes).
func mpi_error_class(_ code: Int32) -> Int32? {
  if _slowPath(mockInstalled), mockCall("MPI_Error_class", code) != nil {
    return code
  }
  var errorClass: Int32 = 0
  return MPI_Error_class(code, &errorClass) == MPI_SUCCESS ? errorClass : nil
}

/// `MPI_Error_string`: the implementation's text for `code`, nil when it has none. Under the
/// mock, the class name and "(mock)".
func mpi_error_string(_ code: Int32) -> String? {
  if _slowPath(mockInstalled), mockCall("MPI_Error_string", code) != nil {
    return "\(ErrorClass(rawValue: code)): (mock)"
  }
  var buffer = [CChar](repeating: 0, count: 512)
  var length: Int32 = 0
  guard MPI_Error_string(code, &buffer, &length) == MPI_SUCCESS else { return nil }
  return string(buffer, length)
}

/// The first `length` bytes of a C character buffer, as UTF-8.
private func string(_ buffer: [CChar], _ length: Int32) -> String {
  String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
