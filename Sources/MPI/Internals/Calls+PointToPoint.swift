import CMPI

// Point-to-point calls (MPI 3.1 chapter 3): blocking, matched-probe, combined, and the starts of
// non-blocking operations. Each buffer argument is a `MessageSource` or `MessageTarget`
// (Memory.swift); `offset` counts elements of that storage, for the explicit-datatype calls.
// The mock records the buffer's address, so a test can check the offset arithmetic too.

/// `MPI_Send`.
@inlinable @inline(__always)
func mpi_send(
  _ source: some MessageSource, at offset: Int = 0, _ count: Int32, _ datatype: MPI_Datatype,
  _ destination: Int32, _ tag: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: offset) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Send", Int(bitPattern: buffer), count, datatype,
        destination, tag, comm)
    {
      return try check(mock.code, "MPI_Send")
    }
    try check(MPI_Send(buffer, count, datatype, destination, tag, comm), "MPI_Send")
  }
}

/// `MPI_Ssend`.
@inlinable @inline(__always)
func mpi_ssend(
  _ source: some MessageSource, _ count: Int32, _ datatype: MPI_Datatype, _ destination: Int32,
  _ tag: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Ssend", Int(bitPattern: buffer), count, datatype,
        destination, tag, comm)
    {
      return try check(mock.code, "MPI_Ssend")
    }
    try check(MPI_Ssend(buffer, count, datatype, destination, tag, comm), "MPI_Ssend")
  }
}

/// `MPI_Recv`; returns the status.
@inlinable @inline(__always)
func mpi_recv(
  _ target: inout some MessageTarget, at offset: Int = 0, _ count: Int32, _ datatype: MPI_Datatype,
  _ source: Int32, _ tag: Int32, _ comm: MPI_Comm
) throws -> Status {
  var status = MPI_Status()
  try target.withTargetAddress(at: offset) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Recv", Int(bitPattern: buffer), count, datatype, source,
        tag, comm)
    {
      status = mock.status
      return try check(mock.code, "MPI_Recv")
    }
    try check(MPI_Recv(buffer, count, datatype, source, tag, comm, &status), "MPI_Recv")
  }
  return Status(raw: status)
}

/// `MPI_Mprobe`: the matched message and its status.
func mpi_mprobe(_ source: Int32, _ tag: Int32, _ comm: MPI_Comm) throws -> (message: MPI_Message?, status: Status) {
  var message: MPI_Message? = nil
  var status = MPI_Status()
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Mprobe", source, tag, comm) {
    message = mock.newHandle()
    status = mock.status
    try check(mock.code, "MPI_Mprobe")
  } else {
    try check(MPI_Mprobe(source, tag, comm, &message, &status), "MPI_Mprobe")
  }
  return (message, Status(raw: status))
}

/// `MPI_Mrecv` of a message matched by `mpi_mprobe`; returns the status.
func mpi_mrecv(
  _ target: inout some MessageTarget, _ count: Int32, _ datatype: MPI_Datatype,
  _ message: inout MPI_Message?
) throws -> Status {
  var status = MPI_Status()
  try target.withTargetAddress(at: 0) { buffer in
    if _slowPath(mockInstalled), let mock = mockCall("MPI_Mrecv", Int(bitPattern: buffer), count, datatype, message) {
      status = mock.status
      return try check(mock.code, "MPI_Mrecv")
    }
    try check(MPI_Mrecv(buffer, count, datatype, &message, &status), "MPI_Mrecv")
  }
  return Status(raw: status)
}

/// `MPI_Sendrecv` between two different buffers, from element `sendOffset` of one and into
/// element `receiveOffset` of the other; returns the receive's status.
@inlinable @inline(__always)
func mpi_sendrecv(
  _ source: some MessageSource, at sendOffset: Int = 0, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ destination: Int32, _ sendTag: Int32, _ target: inout some MessageTarget, at receiveOffset: Int = 0,
  _ receiveCount: Int32, _ receiveType: MPI_Datatype, _ sourceRank: Int32, _ receiveTag: Int32,
  _ comm: MPI_Comm
) throws -> Status {
  var status = MPI_Status()
  try source.withSourceAddress(at: sendOffset) { s in
    try target.withTargetAddress(at: receiveOffset) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Sendrecv", Int(bitPattern: s), sendCount, sendType,
          destination, sendTag, Int(bitPattern: r), receiveCount,
          receiveType, sourceRank, receiveTag, comm)
      {
        status = mock.status
        return try check(mock.code, "MPI_Sendrecv")
      }
      try check(
        MPI_Sendrecv(
          s, sendCount, sendType, destination, sendTag, r, receiveCount, receiveType, sourceRank,
          receiveTag, comm, &status), "MPI_Sendrecv")
    }
  }
  return Status(raw: status)
}

/// `MPI_Sendrecv` from one region of an array into another region of the same array (Swift's
/// exclusivity rules forbid passing one array as both source and target).
func mpi_sendrecv<T>(
  within values: inout [T], sendingFrom sendOffset: Int, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ destination: Int32, _ sendTag: Int32, receivingAt receiveOffset: Int, _ receiveCount: Int32,
  _ receiveType: MPI_Datatype, _ sourceRank: Int32, _ receiveTag: Int32, _ comm: MPI_Comm
) throws -> Status {
  var status = MPI_Status()
  try values.withUnsafeMutableBufferPointer { p in
    let s = p.baseAddress.map { UnsafeRawPointer($0 + sendOffset) }
    let r = p.baseAddress.map { UnsafeMutableRawPointer($0 + receiveOffset) }
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Sendrecv", Int(bitPattern: s), sendCount, sendType,
        destination, sendTag, Int(bitPattern: r), receiveCount,
        receiveType, sourceRank, receiveTag, comm)
    {
      status = mock.status
      return try check(mock.code, "MPI_Sendrecv")
    }
    try check(
      MPI_Sendrecv(
        s, sendCount, sendType, destination, sendTag, r, receiveCount, receiveType, sourceRank,
        receiveTag, comm, &status), "MPI_Sendrecv")
  }
  return Status(raw: status)
}

/// `MPI_Sendrecv_replace`; returns the receive's status.
func mpi_sendrecv_replace(
  _ target: inout some MessageTarget, _ count: Int32, _ datatype: MPI_Datatype, _ destination: Int32,
  _ sendTag: Int32, _ source: Int32, _ receiveTag: Int32, _ comm: MPI_Comm
) throws -> Status {
  var status = MPI_Status()
  try target.withTargetAddress(at: 0) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Sendrecv_replace", Int(bitPattern: buffer), count,
        datatype, destination, sendTag, source, receiveTag, comm)
    {
      status = mock.status
      return try check(mock.code, "MPI_Sendrecv_replace")
    }
    try check(
      MPI_Sendrecv_replace(buffer, count, datatype, destination, sendTag, source, receiveTag, comm, &status),
      "MPI_Sendrecv_replace")
  }
  return Status(raw: status)
}

/// `MPI_Probe`: the status of the message that can be received.
func mpi_probe(_ source: Int32, _ tag: Int32, _ comm: MPI_Comm) throws -> Status {
  var status = MPI_Status()
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Probe", source, tag, comm) {
    status = mock.status
    try check(mock.code, "MPI_Probe")
  } else {
    try check(MPI_Probe(source, tag, comm, &status), "MPI_Probe")
  }
  return Status(raw: status)
}

/// `MPI_Iprobe`: the status of a matching message, nil when there is none yet.
func mpi_iprobe(_ source: Int32, _ tag: Int32, _ comm: MPI_Comm) throws -> Status? {
  var status = MPI_Status()
  var flag: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Iprobe", source, tag, comm) {
    status = mock.status
    flag = mock.flag
    try check(mock.code, "MPI_Iprobe")
  } else {
    try check(MPI_Iprobe(source, tag, comm, &flag, &status), "MPI_Iprobe")
  }
  return flag != 0 ? Status(raw: status) : nil
}

// MARK: Starting non-blocking operations

/// `MPI_Isend`; returns the new request's handle.
@inlinable @inline(__always)
func mpi_isend(
  _ source: some MessageSource, _ count: Int32, _ datatype: MPI_Datatype, _ destination: Int32,
  _ tag: Int32, _ comm: MPI_Comm
) throws -> MPI_Request? {
  var request: MPI_Request? = nil
  try source.withSourceAddress(at: 0) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Isend", Int(bitPattern: buffer), count, datatype,
        destination, tag, comm)
    {
      request = mock.newHandle()
      return try check(mock.code, "MPI_Isend")
    }
    try check(MPI_Isend(buffer, count, datatype, destination, tag, comm, &request), "MPI_Isend")
  }
  return request
}

/// `MPI_Issend`; returns the new request's handle.
@inlinable @inline(__always)
func mpi_issend(
  _ source: some MessageSource, _ count: Int32, _ datatype: MPI_Datatype, _ destination: Int32,
  _ tag: Int32, _ comm: MPI_Comm
) throws -> MPI_Request? {
  var request: MPI_Request? = nil
  try source.withSourceAddress(at: 0) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Issend", Int(bitPattern: buffer), count, datatype,
        destination, tag, comm)
    {
      request = mock.newHandle()
      return try check(mock.code, "MPI_Issend")
    }
    try check(MPI_Issend(buffer, count, datatype, destination, tag, comm, &request), "MPI_Issend")
  }
  return request
}

/// `MPI_Irecv`; returns the new request's handle.
@inlinable @inline(__always)
func mpi_irecv(
  _ target: inout some MessageTarget, _ count: Int32, _ datatype: MPI_Datatype, _ source: Int32,
  _ tag: Int32, _ comm: MPI_Comm
) throws -> MPI_Request? {
  var request: MPI_Request? = nil
  try target.withTargetAddress(at: 0) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Irecv", Int(bitPattern: buffer), count, datatype, source,
        tag, comm)
    {
      request = mock.newHandle()
      return try check(mock.code, "MPI_Irecv")
    }
    try check(MPI_Irecv(buffer, count, datatype, source, tag, comm, &request), "MPI_Irecv")
  }
  return request
}
