import CMPI
import Foundation

// Datatypes (MPI 3.1 chapter 4) and user-defined reduction operations (§5.9.5). Calls that make
// a handle return it; under the mock they return a fresh fake one, and the extent queries
// answer from `MockMPI.extents` / `trueExtents`, so `checkSpan` can be tested without MPI.

/// `MPI_Type_size`.
func mpi_type_size(_ datatype: MPI_Datatype) throws -> Int32 {
  var size: Int32 = 0
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_size", datatype) {
    try check(mock.code, "MPI_Type_size")
    return size
  }
  try check(MPI_Type_size(datatype, &size), "MPI_Type_size")
  return size
}

/// `MPI_Type_get_extent`.
func mpi_type_get_extent(_ datatype: MPI_Datatype) throws -> (lowerBound: Int, extent: Int) {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_get_extent", datatype) {
    try check(mock.code, "MPI_Type_get_extent")
    return mock.extents[datatype] ?? (0, 0)
  }
  var lb: MPI_Aint = 0
  var extent: MPI_Aint = 0
  try check(MPI_Type_get_extent(datatype, &lb, &extent), "MPI_Type_get_extent")
  return (Int(lb), Int(extent))
}

/// `MPI_Type_get_true_extent`.
func mpi_type_get_true_extent(_ datatype: MPI_Datatype) throws -> (lowerBound: Int, extent: Int) {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_get_true_extent", datatype) {
    try check(mock.code, "MPI_Type_get_true_extent")
    return mock.trueExtents[datatype] ?? (0, 0)
  }
  var lb: MPI_Aint = 0
  var extent: MPI_Aint = 0
  try check(MPI_Type_get_true_extent(datatype, &lb, &extent), "MPI_Type_get_true_extent")
  return (Int(lb), Int(extent))
}

/// `MPI_Type_contiguous`: the new, uncommitted type.
func mpi_type_contiguous(_ count: Int32, _ element: MPI_Datatype) throws -> MPI_Datatype? {
  var type: MPI_Datatype? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_contiguous", count, element) {
    type = mock.newHandle()
    try check(mock.code, "MPI_Type_contiguous")
    return type
  }
  try check(MPI_Type_contiguous(count, element, &type), "MPI_Type_contiguous")
  return type
}

/// `MPI_Type_vector`: the new, uncommitted type.
func mpi_type_vector(_ count: Int32, _ blockLength: Int32, _ stride: Int32, _ element: MPI_Datatype) throws
  -> MPI_Datatype?
{
  var type: MPI_Datatype? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_vector", count, blockLength, stride, element) {
    type = mock.newHandle()
    try check(mock.code, "MPI_Type_vector")
    return type
  }
  try check(MPI_Type_vector(count, blockLength, stride, element, &type), "MPI_Type_vector")
  return type
}

/// `MPI_Type_create_resized`: the new, uncommitted type.
func mpi_type_create_resized(_ datatype: MPI_Datatype?, _ lowerBound: Int, _ extent: Int) throws -> MPI_Datatype? {
  var type: MPI_Datatype? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_create_resized", datatype, lowerBound, extent) {
    type = mock.newHandle()
    try check(mock.code, "MPI_Type_create_resized")
    return type
  }
  try check(MPI_Type_create_resized(datatype, MPI_Aint(lowerBound), MPI_Aint(extent), &type), "MPI_Type_create_resized")
  return type
}

/// `MPI_Type_create_struct` of `lengths.count` fields: the new, uncommitted type.
func mpi_type_create_struct(_ count: Int32, _ lengths: [Int32], _ displacements: [Int], _ types: [MPI_Datatype?]) throws
  -> MPI_Datatype?
{
  var type: MPI_Datatype? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_create_struct", count, lengths, displacements, types) {
    type = mock.newHandle()
    try check(mock.code, "MPI_Type_create_struct")
    return type
  }
  var lengths = lengths
  var displacements = displacements.map { MPI_Aint($0) }
  var types = types
  try check(MPI_Type_create_struct(count, &lengths, &displacements, &types, &type), "MPI_Type_create_struct")
  return type
}

/// `MPI_Type_commit`.
func mpi_type_commit(_ datatype: inout MPI_Datatype?) throws {
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Type_commit", datatype) {
    return try check(
      mock.code,
      "MPI_Type_commit")
  }
  try check(MPI_Type_commit(&datatype), "MPI_Type_commit")
}

/// `MPI_Type_free`. Its code is ignored: every caller is already cleaning up (a `deinit`, or a
/// failure being reported), and a type that cannot be freed leaves nothing else to do.
func mpi_type_free(_ datatype: inout MPI_Datatype?) {
  if _slowPath(mockInstalled), mockCall("MPI_Type_free", datatype) != nil {
    return
  }
  MPI_Type_free(&datatype)
}

// MARK: User-defined operations

/// `MPI_Op_create` with the C trampoline of a `UserOpSlots` slot.
func mpi_op_create(_ function: UserOpSlots.Trampoline, _ commutative: Bool) throws -> MPI_Op? {
  var op: MPI_Op? = nil
  if _slowPath(mockInstalled), let mock = mockCall("MPI_Op_create", commutative) {
    op = mock.newHandle()
    try check(mock.code, "MPI_Op_create")
    return op
  }
  try check(MPI_Op_create(function, commutative ? 1 : 0, &op), "MPI_Op_create")
  return op
}

/// `MPI_Op_free`. Its code is ignored, as for `mpi_type_free`.
func mpi_op_free(_ op: inout MPI_Op?) {
  if _slowPath(mockInstalled), mockCall("MPI_Op_free", op) != nil {
    return
  }
  MPI_Op_free(&op)
}

extension UserOpSlots {
  /// What a slot holds: the combine step over raw element arrays, `(input, inout, count)`.
  typealias Apply = (UnsafeMutableRawPointer, UnsafeMutableRawPointer, Int) -> Void

  // Unchecked: written under `lock`; read by MPI's callbacks only while the op exists.
  nonisolated(unsafe) static var slots = [Apply?](repeating: nil, count: capacity)
  static let lock = NSLock()

  /// Puts `combine`, lifted to element arrays of `T`, into a free slot; nil when all are taken.
  static func claim<T>(_ combine: @escaping (T, T) -> T) -> Int? {
    claim { input, inout_, n in
      let a = input.assumingMemoryBound(to: T.self)
      let b = inout_.assumingMemoryBound(to: T.self)
      for i in 0..<n { b[i] = combine(a[i], b[i]) }
    }
  }

  static func claim(_ apply: @escaping Apply) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard let i = slots.firstIndex(where: { $0 == nil }) else { return nil }
    slots[i] = apply
    return i
  }

  static func release(_ i: Int) {
    lock.lock()
    slots[i] = nil
    lock.unlock()
  }

  static func call(
    _ i: Int, _ a: UnsafeMutableRawPointer?, _ b: UnsafeMutableRawPointer?,
    _ n: UnsafeMutablePointer<Int32>?
  ) {
    guard let a, let b, let n, let apply = slots[i] else { return }
    apply(a, b, Int(n.pointee))
  }

  /// The C signature MPI calls a user operation with: input, inout, count, datatype.
  typealias Trampoline =
    @convention(c) (
      UnsafeMutableRawPointer?, UnsafeMutableRawPointer?,
      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<MPI_Datatype?>?
    ) -> Void
  static let trampolines: [Trampoline] = [
    { a, b, n, _ in call(0, a, b, n) }, { a, b, n, _ in call(1, a, b, n) },
    { a, b, n, _ in call(2, a, b, n) }, { a, b, n, _ in call(3, a, b, n) },
    { a, b, n, _ in call(4, a, b, n) }, { a, b, n, _ in call(5, a, b, n) },
    { a, b, n, _ in call(6, a, b, n) }, { a, b, n, _ in call(7, a, b, n) },
  ]
}
