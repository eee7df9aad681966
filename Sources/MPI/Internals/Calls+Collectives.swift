import CMPI

// Collective calls (MPI 3.1 chapter 5): barrier, data movement, reductions. Counts and
// displacements of the v-variants arrive as [Int32], already checked by the public code; the
// root-only ones of `MPI_Gatherv` are nil on the other ranks, where MPI ignores them.

/// `MPI_Barrier`.
func mpi_barrier(_ comm: MPI_Comm) throws {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Barrier", comm) { return try check(mock.code, "MPI_Barrier") }
  try check(MPI_Barrier(comm), "MPI_Barrier")
}

/// `MPI_Bcast`, in place in `target` from element `offset`.
@inlinable @inline(__always)
func mpi_bcast(
  _ target: inout some MessageTarget, at offset: Int = 0, _ count: Int32, _ datatype: MPI_Datatype,
  _ root: Int32, _ comm: MPI_Comm
) throws {
  try target.withTargetAddress(at: offset) { buffer in
    if _slowPath(mockInstalled),
      let mock = mockCall(
        "MPI_Bcast", Int(bitPattern: buffer), count, datatype, root,
        comm)
    {
      return try check(mock.code, "MPI_Bcast")
    }
    try check(MPI_Bcast(buffer, count, datatype, root, comm), "MPI_Bcast")
  }
}

/// `MPI_Scatter`.
func mpi_scatter(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCount: Int32, _ receiveType: MPI_Datatype,
  _ root: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Scatter", sendCount, sendType, receiveCount,
          receiveType, root, comm)
      {
        return try check(mock.code, "MPI_Scatter")
      }
      try check(MPI_Scatter(s, sendCount, sendType, r, receiveCount, receiveType, root, comm), "MPI_Scatter")
    }
  }
}

/// `MPI_Scatterv`.
func mpi_scatterv(
  _ source: some MessageSource, _ sendCounts: [Int32], _ displacements: [Int32], _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCount: Int32, _ receiveType: MPI_Datatype,
  _ root: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Scatterv", sendCounts, displacements, sendType,
          receiveCount, receiveType, root, comm)
      {
        return try check(mock.code, "MPI_Scatterv")
      }
      try check(
        MPI_Scatterv(s, sendCounts, displacements, sendType, r, receiveCount, receiveType, root, comm),
        "MPI_Scatterv")
    }
  }
}

/// `MPI_Gather`.
func mpi_gather(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCount: Int32, _ receiveType: MPI_Datatype,
  _ root: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Gather", sendCount, sendType, receiveCount,
          receiveType, root, comm)
      {
        return try check(mock.code, "MPI_Gather")
      }
      try check(MPI_Gather(s, sendCount, sendType, r, receiveCount, receiveType, root, comm), "MPI_Gather")
    }
  }
}

/// `MPI_Gatherv`; `receiveCounts` and `displacements` matter at the root only (nil elsewhere).
func mpi_gatherv(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCounts: [Int32]?, _ displacements: [Int32]?,
  _ receiveType: MPI_Datatype, _ root: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Gatherv", sendCount, sendType, receiveCounts,
          displacements, receiveType, root, comm)
      {
        return try check(mock.code, "MPI_Gatherv")
      }
      if let receiveCounts, let displacements {
        try check(
          MPI_Gatherv(s, sendCount, sendType, r, receiveCounts, displacements, receiveType, root, comm),
          "MPI_Gatherv")
      } else {
        try check(MPI_Gatherv(s, sendCount, sendType, r, nil, nil, receiveType, root, comm), "MPI_Gatherv")
      }
    }
  }
}

/// `MPI_Allgather`.
func mpi_allgather(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCount: Int32, _ receiveType: MPI_Datatype,
  _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Allgather", sendCount, sendType, receiveCount,
          receiveType, comm)
      {
        return try check(mock.code, "MPI_Allgather")
      }
      try check(MPI_Allgather(s, sendCount, sendType, r, receiveCount, receiveType, comm), "MPI_Allgather")
    }
  }
}

/// `MPI_Allgatherv`.
func mpi_allgatherv(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCounts: [Int32], _ displacements: [Int32],
  _ receiveType: MPI_Datatype, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Allgatherv", sendCount, sendType, receiveCounts,
          displacements, receiveType, comm)
      {
        return try check(mock.code, "MPI_Allgatherv")
      }
      try check(
        MPI_Allgatherv(s, sendCount, sendType, r, receiveCounts, displacements, receiveType, comm),
        "MPI_Allgatherv")
    }
  }
}

/// `MPI_Alltoall`.
func mpi_alltoall(
  _ source: some MessageSource, _ sendCount: Int32, _ sendType: MPI_Datatype,
  _ target: inout some MessageTarget, _ receiveCount: Int32, _ receiveType: MPI_Datatype,
  _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Alltoall", sendCount, sendType, receiveCount,
          receiveType, comm)
      {
        return try check(mock.code, "MPI_Alltoall")
      }
      try check(MPI_Alltoall(s, sendCount, sendType, r, receiveCount, receiveType, comm), "MPI_Alltoall")
    }
  }
}

/// `MPI_Alltoallv`.
func mpi_alltoallv(
  _ source: some MessageSource, _ sendCounts: [Int32], _ sendDisplacements: [Int32],
  _ sendType: MPI_Datatype, _ target: inout some MessageTarget, _ receiveCounts: [Int32],
  _ receiveDisplacements: [Int32], _ receiveType: MPI_Datatype, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Alltoallv", sendCounts, sendDisplacements, sendType,
          receiveCounts, receiveDisplacements, receiveType, comm)
      {
        return try check(mock.code, "MPI_Alltoallv")
      }
      try check(
        MPI_Alltoallv(
          s, sendCounts, sendDisplacements, sendType, r, receiveCounts, receiveDisplacements,
          receiveType, comm), "MPI_Alltoallv")
    }
  }
}

// MARK: Reductions

/// `MPI_Reduce`.
@inlinable @inline(__always)
func mpi_reduce(
  _ source: some MessageSource, _ target: inout some MessageTarget, _ count: Int32, _ datatype: MPI_Datatype,
  _ op: MPI_Op, _ root: Int32, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled), let mock = mockCall("MPI_Reduce", count, datatype, op, root, comm) {
        return try check(mock.code, "MPI_Reduce")
      }
      try check(MPI_Reduce(s, r, count, datatype, op, root, comm), "MPI_Reduce")
    }
  }
}

/// `MPI_Allreduce`.
@inlinable @inline(__always)
func mpi_allreduce(
  _ source: some MessageSource, _ target: inout some MessageTarget, _ count: Int32,
  _ datatype: MPI_Datatype, _ op: MPI_Op, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled), let mock = mockCall("MPI_Allreduce", count, datatype, op, comm) {
        return try check(mock.code, "MPI_Allreduce")
      }
      try check(MPI_Allreduce(s, r, count, datatype, op, comm), "MPI_Allreduce")
    }
  }
}

/// `MPI_Scan`.
func mpi_scan(
  _ source: some MessageSource, _ target: inout some MessageTarget, _ count: Int32, _ datatype: MPI_Datatype,
  _ op: MPI_Op, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Scan", count, datatype, op,
          comm)
      {
        return try check(mock.code, "MPI_Scan")
      }
      try check(MPI_Scan(s, r, count, datatype, op, comm), "MPI_Scan")
    }
  }
}

/// `MPI_Exscan`.
func mpi_exscan(
  _ source: some MessageSource, _ target: inout some MessageTarget, _ count: Int32,
  _ datatype: MPI_Datatype, _ op: MPI_Op, _ comm: MPI_Comm
) throws {
  try source.withSourceAddress(at: 0) { s in
    try target.withTargetAddress(at: 0) { r in
      if _slowPath(mockInstalled),
        let mock = mockCall(
          "MPI_Exscan", count, datatype, op,
          comm)
      {
        return try check(mock.code, "MPI_Exscan")
      }
      try check(MPI_Exscan(s, r, count, datatype, op, comm), "MPI_Exscan")
    }
  }
}
