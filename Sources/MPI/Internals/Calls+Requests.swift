import CMPI

// Completing non-blocking operations (MPI 3.1 §3.7.3–3.7.5), and reading a status. The
// multi-request calls take either `Request` objects, whose handles they copy into one C array
// and back, or a `RequestBatch`'s `RequestHandles`, which are one C array already. The mock
// completes what it is asked to wait for (the handles become `MPI_REQUEST_NULL`), and the
// tests say whether a test call finds its requests complete (`MockMPI.flag`).

/// `MPI_Wait`: the status; `request` becomes `MPI_REQUEST_NULL` once the operation completes.
/// `function` names the call in an error (the public code adds the operation).
@inlinable @inline(__always)
func mpi_wait(_ request: inout MPI_Request?, _ function: @autoclosure () -> String) throws -> Status {
  var status = MPI_Status()
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Wait", request) {
    status = mock.status
    let code = mock.code
    request = WB_MPI_REQUEST_NULL()
    try check(code, function())
    return Status(raw: status)
  }
  try check(MPI_Wait(&request, &status), function())
  return Status(raw: status)
}

/// `MPI_Test`: the status if the operation completed, else nil.
func mpi_test(_ request: inout MPI_Request?, _ function: @autoclosure () -> String) throws -> Status? {
  var status = MPI_Status()
  var flag: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Test", request) {
    status = mock.status
    flag = mock.flag
    let code = mock.code
    if flag != 0 { request = WB_MPI_REQUEST_NULL() }
    try check(code, function())
  } else {
    try check(MPI_Test(&request, &flag, &status), function())
  }
  return flag != 0 ? Status(raw: status) : nil
}

/// `MPI_Cancel`: marks the operation for cancellation; it still has to be completed.
func mpi_cancel(_ request: inout MPI_Request?, _ function: @autoclosure () -> String) throws {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cancel", request) { return try check(mock.code, function()) }
  try check(MPI_Cancel(&request), function())
}

/// `MPI_Waitall` on `Request` objects: copies their handles into a stack array, waits, and
/// hands every handle back to its request (`Request.settle`) before throwing, if it throws.
/// Returns the statuses in order.
@inlinable
func mpi_waitall(_ requests: [Request], _ count: Int32) throws -> [Status] {
  var statuses = [Status](repeating: Status(raw: MPI_Status()), count: requests.count)
  let code = withUnsafeTemporaryAllocation(of: MPI_Request?.self, capacity: requests.count) { handles in
    for i in requests.indices { handles.initializeElement(at: i, to: requests[i].raw) }
    let null = WB_MPI_REQUEST_NULL()
    let code: Int32
    if _slowPath(mockInstalled), let mock = mockCall("MPI_Waitall", count, Array(handles)) {
      code = mock.code
      for i in requests.indices {
        handles[i] = null
        statuses[i] = Status(raw: mock.status)
      }
    } else {
      code = statuses.withUnsafeMutableBufferPointer { s in
        s.withMemoryRebound(to: MPI_Status.self) { MPI_Waitall(count, handles.baseAddress, $0.baseAddress) }
      }
    }
    for i in requests.indices { requests[i].settle(handles[i], null: null) }
    return code
  }
  try check(code, "MPI_Waitall")
  return statuses
}

/// `MPI_Waitall` on a batch's handles: their statuses in order when `keepingStatuses`, else
/// none (`MPI_STATUSES_IGNORE`, the batch's usual case, which allocates nothing).
@inlinable @inline(__always) @discardableResult
func mpi_waitall(_ handles: RequestHandles, keepingStatuses: Bool = false) throws -> [Status] {
  let count = Int32(handles.count)
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Waitall", count, handles.array) {
    let code = mock.code
    handles.completeAll()
    try check(code, "MPI_Waitall")
    return keepingStatuses ? [Status](repeating: Status(raw: mock.status), count: handles.count) : []
  }
  guard keepingStatuses else {
    try check(MPI_Waitall(count, handles.base, WB_MPI_STATUSES_IGNORE()), "MPI_Waitall")
    return []
  }
  var statuses = [MPI_Status](repeating: MPI_Status(), count: handles.count)
  try check(MPI_Waitall(count, handles.base, &statuses), "MPI_Waitall")
  return statuses.map(Status.init(raw:))
}

/// `MPI_Waitany`: the index (`MPI_UNDEFINED` when no request was active) and its status. The
/// handles go back to their requests before it throws, if it throws.
func mpi_waitany(_ requests: [Request], _ count: Int32) throws -> (index: Int32, status: Status) {
  var handles = requests.map { $0.raw }
  var index: Int32 = 0
  var status = MPI_Status()
  let code: Int32
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Waitany", count, handles) {
    code = mock.code
    index = handles.firstIndex { $0 != WB_MPI_REQUEST_NULL() }.map { Int32($0) } ?? MPI_UNDEFINED
    if index != MPI_UNDEFINED { handles[Int(index)] = WB_MPI_REQUEST_NULL() }
    status = mock.status
  } else {
    code = MPI_Waitany(count, &handles, &index, &status)
  }
  for (r, handle) in zip(requests, handles) { r.raw = handle }
  try check(code, "MPI_Waitany")
  return (index, Status(raw: status))
}

/// `MPI_Testany`: whether one request completed (or none was active), its index and status.
func mpi_testany(_ requests: [Request], _ count: Int32) throws -> (flag: Bool, index: Int32, status: Status) {
  var handles = requests.map { $0.raw }
  var index: Int32 = 0
  var flag: Int32 = 0
  var status = MPI_Status()
  let code: Int32
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Testany", count, handles) {
    code = mock.code
    flag = mock.flag
    index = MPI_UNDEFINED
    if flag != 0, let i = handles.firstIndex(where: { $0 != WB_MPI_REQUEST_NULL() }) {
      index = Int32(i)
      handles[i] = WB_MPI_REQUEST_NULL()
    }
    status = mock.status
  } else {
    code = MPI_Testany(count, &handles, &index, &flag, &status)
  }
  for (r, handle) in zip(requests, handles) { r.raw = handle }
  try check(code, "MPI_Testany")
  return (flag != 0, index, Status(raw: status))
}

/// `MPI_Testall` on `Request` objects: their statuses if all completed, else nil.
func mpi_testall(_ requests: [Request], _ count: Int32) throws -> [Status]? {
  var handles = requests.map { $0.raw }
  var flag: Int32 = 0
  var statuses = [MPI_Status](repeating: MPI_Status(), count: requests.count)
  let code: Int32
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Testall", count, handles) {
    code = mock.code
    flag = mock.flag
    if flag != 0 {
      handles = handles.map { _ in WB_MPI_REQUEST_NULL() }
      statuses = statuses.map { _ in mock.status }
    }
  } else {
    code = MPI_Testall(count, &handles, &flag, &statuses)
  }
  for (r, handle) in zip(requests, handles) { r.raw = handle }
  try check(code, "MPI_Testall")
  return flag != 0 ? statuses.map(Status.init(raw:)) : nil
}

/// `MPI_Testall` on a batch's handles, statuses ignored: whether all completed.
func mpi_testall(_ handles: RequestHandles) throws -> Bool {
  var flag: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Testall", Int32(handles.count), handles.array) {
    let code = mock.code
    flag = mock.flag
    if flag != 0 { handles.completeAll() }
    try check(code, "MPI_Testall")
  } else {
    try check(MPI_Testall(Int32(handles.count), handles.base, &flag, WB_MPI_STATUSES_IGNORE()), "MPI_Testall")
  }
  return flag != 0
}

// MARK: Statuses

/// `MPI_Get_count`: how many elements of `datatype` the message of `status` holds, or
/// `MPI_UNDEFINED`.
@inlinable @inline(__always)
func mpi_get_count(_ status: Status, _ datatype: MPI_Datatype) throws -> Int32 {
  var raw = status.raw
  var count: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Get_count", datatype) {
    count = mock.elementCount
    try check(mock.code, "MPI_Get_count")
    return count
  }
  try check(MPI_Get_count(&raw, datatype, &count), "MPI_Get_count")
  return count
}

/// `MPI_Test_cancelled`. Its code is ignored: it fails only for an invalid status pointer.
func mpi_test_cancelled(_ status: Status) -> Bool {
  var raw = status.raw
  var flag: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Test_cancelled") {
    return mock.flag != 0
  }
  MPI_Test_cancelled(&raw, &flag)
  return flag != 0
}

// MARK: - A batch's handles

/// The handles of a `RequestBatch`, back to back in one heap block, as `MPI_Waitall` wants
/// them. Grows by doubling; freed by the batch's `deinit`.
@usableFromInline
struct RequestHandles {
  @usableFromInline var base: UnsafeMutablePointer<MPI_Request?>
  @usableFromInline var capacity: Int
  /// Handles added since the batch was last emptied.
  @usableFromInline var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  func deallocate() { base.deallocate() }

  @inlinable @inline(__always)
  mutating func append(_ handle: MPI_Request?) {
    if count == capacity { grow() }
    base[count] = handle
    count += 1
  }

  @usableFromInline
  mutating func grow() {
    let bigger = UnsafeMutablePointer<MPI_Request?>.allocate(capacity: capacity * 2)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  /// How many operations are still active.
  var activeCount: Int {
    let null = WB_MPI_REQUEST_NULL()
    return (0..<count).filter { base[$0] != null }.count
  }

  /// Whether every operation has completed.
  @usableFromInline var allComplete: Bool {
    let null = WB_MPI_REQUEST_NULL()
    for i in 0..<count where base[i] != null { return false }
    return true
  }

  /// A copy of the handles, for the mock's record.
  @usableFromInline var array: [MPI_Request?] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Marks every operation complete, as the mock's waits do.
  @usableFromInline func completeAll() {
    for i in 0..<count { base[i] = WB_MPI_REQUEST_NULL() }
  }
}
