import CMPI

// Communicators, error handlers, Cartesian topologies and groups (MPI 3.1 chapters 6, 7 and
// §8.3). New handles come back as optionals, as MPI writes them; the public code decides what a
// null handle means. Under the mock every communicator has `MockMPI.rank` and `.size`.

/// `MPI_Comm_rank`. Its code is ignored: on a valid communicator it cannot fail.
func mpi_comm_rank(_ comm: MPI_Comm) -> Int32 {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_rank", comm) {
    return mock.rank
  }
  var rank: Int32 = 0
  MPI_Comm_rank(comm, &rank)
  return rank
}

/// `MPI_Comm_size`. Its code is ignored, as for `mpi_comm_rank`.
func mpi_comm_size(_ comm: MPI_Comm) -> Int32 {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_size", comm) {
    return mock.size
  }
  var size: Int32 = 0
  MPI_Comm_size(comm, &size)
  return size
}

/// `MPI_Comm_set_errhandler`.
func mpi_comm_set_errhandler(_ comm: MPI_Comm, _ handler: MPI_Errhandler?) throws {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_set_errhandler", comm, handler) {
    return try check(mock.code, "MPI_Comm_set_errhandler")
  }
  try check(MPI_Comm_set_errhandler(comm, handler), "MPI_Comm_set_errhandler")
}

/// `MPI_Comm_get_errhandler`: a new reference to the handler, to free with `mpi_errhandler_free`.
func mpi_comm_get_errhandler(_ comm: MPI_Comm) throws -> MPI_Errhandler? {
  var handler: MPI_Errhandler? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_get_errhandler", comm) {
    handler = WB_MPI_ERRORS_RETURN()
    try check(mock.code, "MPI_Comm_get_errhandler")
    return handler
  }
  try check(MPI_Comm_get_errhandler(comm, &handler), "MPI_Comm_get_errhandler")
  return handler
}

/// `MPI_Errhandler_free`. Its code is ignored: it releases a reference and nothing depends on it.
func mpi_errhandler_free(_ handler: MPI_Errhandler?) {
  var handler = handler
  if _slowPath(mockInstalled), mockCall("MPI_Errhandler_free", handler) != nil {
    return
  }
  MPI_Errhandler_free(&handler)
}

/// `MPI_Comm_free`. Its code is ignored: it runs in a `deinit`, which cannot report it.
func mpi_comm_free(_ comm: MPI_Comm) {
  var comm: MPI_Comm? = comm
  if _slowPath(mockInstalled), mockCall("MPI_Comm_free", comm) != nil {
    return
  }
  MPI_Comm_free(&comm)
}

/// `MPI_Comm_dup`.
func mpi_comm_dup(_ comm: MPI_Comm) throws -> MPI_Comm? {
  var out: MPI_Comm? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_dup", comm) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Comm_dup")
    return out
  }
  try check(MPI_Comm_dup(comm, &out), "MPI_Comm_dup")
  return out
}

/// `MPI_Comm_split`; `color` may be `MPI_UNDEFINED`.
func mpi_comm_split(_ comm: MPI_Comm, _ color: Int32, _ key: Int32) throws -> MPI_Comm? {
  var out: MPI_Comm? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_split", comm, color, key) {
    out = color == MPI_UNDEFINED ? WB_MPI_COMM_NULL() : mock.newHandle()
    try check(mock.code, "MPI_Comm_split")
    return out
  }
  try check(MPI_Comm_split(comm, color, key, &out), "MPI_Comm_split")
  return out
}

/// `MPI_Comm_group`.
func mpi_comm_group(_ comm: MPI_Comm) throws -> MPI_Group? {
  var group: MPI_Group? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_group", comm) {
    group = mock.newHandle()
    try check(mock.code, "MPI_Comm_group")
    return group
  }
  try check(MPI_Comm_group(comm, &group), "MPI_Comm_group")
  return group
}

/// `MPI_Comm_create`.
func mpi_comm_create(_ comm: MPI_Comm, _ group: MPI_Group) throws -> MPI_Comm? {
  var out: MPI_Comm? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_create", comm, group) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Comm_create")
    return out
  }
  try check(MPI_Comm_create(comm, group, &out), "MPI_Comm_create")
  return out
}

/// `MPI_Comm_compare`: `MPI_IDENT`, `MPI_CONGRUENT`, `MPI_SIMILAR` or `MPI_UNEQUAL`.
func mpi_comm_compare(_ a: MPI_Comm, _ b: MPI_Comm) throws -> Int32 {
  var result: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Comm_compare", a, b) {
    result = a == b ? Int32(MPI_IDENT) : Int32(MPI_UNEQUAL)
    try check(mock.code, "MPI_Comm_compare")
    return result
  }
  try check(MPI_Comm_compare(a, b, &result), "MPI_Comm_compare")
  return result
}

/// `MPI_Abort`: ends the job, so it does not return.
func mpi_abort(_ comm: MPI_Comm, _ code: Int32) -> Never {
  if _slowPath(mockInstalled), mockCall("MPI_Abort", comm, code) != nil {
    fatalError("MPI_Abort under the mock (code \(code))")
  }
  MPI_Abort(comm, code)
  fatalError("MPI_Abort returned")
}

// MARK: Cartesian topologies

/// `MPI_Cart_create`; one entry of `dimensions` and `periods` per axis.
func mpi_cart_create(_ comm: MPI_Comm, _ dimensions: [Int32], _ periods: [Int32], _ reorder: Bool) throws -> MPI_Comm? {
  var out: MPI_Comm? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cart_create", comm, dimensions, periods, reorder) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Cart_create")
    return out
  }
  var d = dimensions
  var p = periods
  try check(MPI_Cart_create(comm, Int32(d.count), &d, &p, reorder ? 1 : 0, &out), "MPI_Cart_create")
  return out
}

/// `MPI_Cartdim_get`. Its code is ignored: it is asked only of communicators made by
/// `MPI_Cart_create` or `MPI_Cart_sub`.
func mpi_cartdim_get(_ comm: MPI_Comm) -> Int32 {
  if _slowPath(mockInstalled), mockCall("MPI_Cartdim_get", comm) != nil {
    return 0
  }
  var n: Int32 = 0
  MPI_Cartdim_get(comm, &n)
  return n
}

/// `MPI_Cart_get` for a grid of `dimensionCount` axes. Its code is ignored, as for
/// `mpi_cartdim_get`.
func mpi_cart_get(_ comm: MPI_Comm, _ dimensionCount: Int32) -> (
  dimensions: [Int32], periods: [Int32], coordinates: [Int32]
) {
  var d = [Int32](repeating: 0, count: Int(dimensionCount))
  var p = [Int32](repeating: 0, count: Int(dimensionCount))
  var c = [Int32](repeating: 0, count: Int(dimensionCount))
  if _slowPath(mockInstalled), mockCall("MPI_Cart_get", comm, dimensionCount) != nil {
    return (d, p, c)
  }
  MPI_Cart_get(comm, dimensionCount, &d, &p, &c)
  return (d, p, c)
}

/// `MPI_Dims_create`: `dimensions` with its zeros filled in.
func mpi_dims_create(_ processes: Int32, _ dimensions: [Int32]) throws -> [Int32] {
  var d = dimensions
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Dims_create", processes, dimensions) {
    try check(mock.code, "MPI_Dims_create")
    return d
  }
  try check(MPI_Dims_create(processes, Int32(d.count), &d), "MPI_Dims_create")
  return d
}

/// `MPI_Cart_coords` of `rank` in a grid of `dimensionCount` axes.
func mpi_cart_coords(_ comm: MPI_Comm, _ rank: Int32, _ dimensionCount: Int32) throws -> [Int32] {
  var c = [Int32](repeating: 0, count: Int(dimensionCount))
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cart_coords", comm, rank, dimensionCount) {
    try check(mock.code, "MPI_Cart_coords")
    return c
  }
  try check(MPI_Cart_coords(comm, rank, dimensionCount, &c), "MPI_Cart_coords")
  return c
}

/// `MPI_Cart_rank`: the rank at `coordinates` (one per axis).
func mpi_cart_rank(_ comm: MPI_Comm, _ coordinates: [Int32]) throws -> Int32 {
  var rank: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cart_rank", comm, coordinates) {
    try check(mock.code, "MPI_Cart_rank")
    return rank
  }
  var c = coordinates
  try check(MPI_Cart_rank(comm, &c, &rank), "MPI_Cart_rank")
  return rank
}

/// `MPI_Cart_shift`.
func mpi_cart_shift(_ comm: MPI_Comm, _ axis: Int32, _ displacement: Int32) throws -> (
  source: Int32, destination: Int32
) {
  var source: Int32 = 0
  var destination: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cart_shift", comm, axis, displacement) {
    try check(mock.code, "MPI_Cart_shift")
    return (source, destination)
  }
  try check(MPI_Cart_shift(comm, axis, displacement, &source, &destination), "MPI_Cart_shift")
  return (source, destination)
}

/// `MPI_Cart_sub`; one flag per axis, non-zero to keep it.
func mpi_cart_sub(_ comm: MPI_Comm, _ keep: [Int32]) throws -> MPI_Comm? {
  var out: MPI_Comm? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Cart_sub", comm, keep) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Cart_sub")
    return out
  }
  var k = keep
  try check(MPI_Cart_sub(comm, &k, &out), "MPI_Cart_sub")
  return out
}

// MARK: Groups

/// `MPI_Group_free`. Its code is ignored: it runs in a `deinit`.
func mpi_group_free(_ group: MPI_Group) {
  var group: MPI_Group? = group
  if _slowPath(mockInstalled), mockCall("MPI_Group_free", group) != nil {
    return
  }
  MPI_Group_free(&group)
}

/// `MPI_Group_size`.
func mpi_group_size(_ group: MPI_Group) throws -> Int32 {
  var size: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_size", group) {
    size = mock.size
    try check(mock.code, "MPI_Group_size")
    return size
  }
  try check(MPI_Group_size(group, &size), "MPI_Group_size")
  return size
}

/// `MPI_Group_rank`: this process's rank in the group, or `MPI_UNDEFINED`.
func mpi_group_rank(_ group: MPI_Group) throws -> Int32 {
  var rank: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_rank", group) {
    rank = mock.rank
    try check(mock.code, "MPI_Group_rank")
    return rank
  }
  try check(MPI_Group_rank(group, &rank), "MPI_Group_rank")
  return rank
}

/// `MPI_Group_incl`.
func mpi_group_incl(_ group: MPI_Group, _ ranks: [Int32]) throws -> MPI_Group? {
  var out: MPI_Group? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_incl", group, ranks) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Group_incl")
    return out
  }
  var r = ranks
  try check(MPI_Group_incl(group, Int32(r.count), &r, &out), "MPI_Group_incl")
  return out
}

/// `MPI_Group_excl`.
func mpi_group_excl(_ group: MPI_Group, _ ranks: [Int32]) throws -> MPI_Group? {
  var out: MPI_Group? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_excl", group, ranks) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Group_excl")
    return out
  }
  var r = ranks
  try check(MPI_Group_excl(group, Int32(r.count), &r, &out), "MPI_Group_excl")
  return out
}

/// `MPI_Group_union`.
func mpi_group_union(_ a: MPI_Group, _ b: MPI_Group) throws -> MPI_Group? {
  var out: MPI_Group? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_union", a, b) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Group_union")
    return out
  }
  try check(MPI_Group_union(a, b, &out), "MPI_Group_union")
  return out
}

/// `MPI_Group_intersection`.
func mpi_group_intersection(_ a: MPI_Group, _ b: MPI_Group) throws -> MPI_Group? {
  var out: MPI_Group? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_intersection", a, b) {
    out = mock.newHandle()
    try check(mock.code, "MPI_Group_intersection")
    return out
  }
  try check(MPI_Group_intersection(a, b, &out), "MPI_Group_intersection")
  return out
}

/// `MPI_Group_translate_ranks`: where `ranks` of `a` sit in `b` (`MPI_UNDEFINED` for none).
func mpi_group_translate_ranks(_ a: MPI_Group, _ ranks: [Int32], _ b: MPI_Group) throws -> [Int32] {
  var out = [Int32](repeating: 0, count: ranks.count)
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Group_translate_ranks", a, ranks, b) {
    try check(mock.code, "MPI_Group_translate_ranks")
    return out
  }
  var r = ranks
  try check(MPI_Group_translate_ranks(a, Int32(r.count), &r, b, &out), "MPI_Group_translate_ranks")
  return out
}
