import CMPI
import Foundation

/// An MPI datatype: how many bytes an element has and how they are laid out.
/// Wraps `MPI_Datatype`.
///
/// Predefined types come from `MPIElement` conformances (`Double.mpiDatatype` is `MPI_DOUBLE`).
/// Derived types describe non-contiguous or mixed layouts, e.g. one column of a row-major
/// matrix (`vector`) or a Swift struct (`structure`); they are committed on creation and freed
/// when the last copy of their owner goes away.
// Unchecked: an immutable handle, and an owner that only frees it when the last copy is gone.
public struct Datatype: Equatable, @unchecked Sendable {
  /// The raw handle.
  public let raw: MPI_Datatype
  /// Keeps a derived type alive; nil for predefined types.
  @usableFromInline let owner: DerivedTypeOwner?

  /// A predefined type.
  @inlinable
  public init(predefined raw: MPI_Datatype) {
    self.raw = raw
    self.owner = nil
  }

  init(derived raw: MPI_Datatype) {
    self.raw = raw
    self.owner = DerivedTypeOwner(raw)
  }

  /// Equal when both wrap the same handle: two derived types built the same way separately are
  /// different handles, so they are not equal.
  public static func == (a: Datatype, b: Datatype) -> Bool { a.raw == b.raw }

  /// `MPI_BYTE`: raw bytes, never converted.
  @inlinable public static var byte: Datatype { Datatype(predefined: WB_MPI_BYTE()) }
  /// `MPI_INT32_T`.
  @inlinable public static var int32: Datatype { Datatype(predefined: WB_MPI_INT32_T()) }
  /// `MPI_INT64_T`.
  @inlinable public static var int64: Datatype { Datatype(predefined: WB_MPI_INT64_T()) }
  /// `MPI_FLOAT`.
  @inlinable public static var float: Datatype { Datatype(predefined: WB_MPI_FLOAT()) }
  /// `MPI_DOUBLE`.
  @inlinable public static var double: Datatype { Datatype(predefined: WB_MPI_DOUBLE()) }

  /// Size in bytes of the data one element carries (`MPI_Type_size`), padding excluded.
  public func size() throws -> Int {
    Int(try mpi_type_size(raw))
  }

  /// Lower bound and extent in bytes (`MPI_Type_get_extent`): the stride between consecutive
  /// elements of this type in a buffer.
  public func extent() throws -> (lowerBound: Int, extent: Int) {
    try mpi_type_get_extent(raw)
  }

  /// Where the data of one element really lies (`MPI_Type_get_true_extent`), ignoring any
  /// resizing: a column type resized to 8 bytes still touches `rows` rows of memory.
  public func trueExtent() throws -> (lowerBound: Int, extent: Int) {
    try mpi_type_get_true_extent(raw)
  }

  /// The derived type for the Swift type `key`, made by `make` on first use and kept for the
  /// rest of the run. Use it in `MPIElement` conformances of your own structs, so that every
  /// send does not build and commit a new type:
  ///
  /// ```swift
  /// extension Particle: MPIElement {
  ///   static var mpiDatatype: Datatype {
  ///     Datatype.cached(for: Particle.self) { try Datatype.structure([...], extent: MemoryLayout<Particle>.stride) }
  ///   }
  /// }
  /// ```
  /// `make` runs with MPI active; if it throws, that is a programming error and the program
  /// stops with the message.
  public static func cached(for key: Any.Type, _ make: () throws -> Datatype) -> Datatype {
    DerivedTypeCache.type(for: key, make: make)
  }

  /// `count` copies of `element` back to back (`MPI_Type_contiguous`).
  public static func contiguous(_ count: Int, of element: Datatype) throws -> Datatype {
    let t = try mpi_type_contiguous(try mpiCount(count, "MPI_Type_contiguous"), element.raw)
    return try committed(t)
  }

  /// `count` blocks of `blockLength` elements, block starts `stride` elements apart
  /// (`MPI_Type_vector`). One column of a row-major `rows x cols` matrix of doubles is
  /// `vector(count: rows, blockLength: 1, stride: cols, of: .double)`.
  public static func vector(count: Int, blockLength: Int, stride: Int, of element: Datatype) throws -> Datatype {
    let t = try mpi_type_vector(
      try mpiCount(count, "MPI_Type_vector"), try mpiCount(blockLength, "MPI_Type_vector"),
      try mpiCount(stride, "MPI_Type_vector"), element.raw)
    return try committed(t)
  }

  /// The same type with its extent changed (`MPI_Type_create_resized`), so that consecutive
  /// elements are `extent` bytes apart. Needed to scatter columns one after another.
  public static func resized(_ type: Datatype, lowerBound: Int = 0, extent: Int) throws -> Datatype {
    return try committed(try mpi_type_create_resized(type.raw, lowerBound, extent))
  }

  /// A field of a struct type: where it starts and what it holds.
  public struct Field {
    /// Bytes from the start of the struct (`MemoryLayout<S>.offset(of:)`).
    public var offset: Int
    /// The type of one element of the field.
    public var type: Datatype
    /// How many elements of `type` the field holds (3 for the floats of a `SIMD3<Float>`).
    public var count: Int
    /// - Parameters:
    ///   - offset: bytes from the start of the struct, from `MemoryLayout<S>.offset(of:)`.
    ///   - type: the type of one element of the field.
    ///   - count: how many elements of `type` the field holds (1 for a scalar).
    public init(offset: Int, type: Datatype, count: Int = 1) {
      self.offset = offset
      self.type = type
      self.count = count
    }
  }

  /// A struct layout (`MPI_Type_create_struct`) resized to `extent` bytes, normally
  /// `MemoryLayout<S>.stride` so that arrays of `S` work.
  ///
  /// ```swift
  /// struct Particle { var position: SIMD3<Float>; var id: Int32 }
  /// let t = try Datatype.structure([
  ///   .init(offset: MemoryLayout<Particle>.offset(of: \.position)!, type: .float, count: 3),
  ///   .init(offset: MemoryLayout<Particle>.offset(of: \.id)!, type: .int32),
  /// ], extent: MemoryLayout<Particle>.stride)
  /// ```
  public static func structure(_ fields: [Field], extent: Int) throws -> Datatype {
    let lengths = try fields.map { try mpiCount($0.count, "MPI_Type_create_struct") }
    var t = try mpi_type_create_struct(
      try mpiCount(fields.count, "MPI_Type_create_struct"), lengths,
      fields.map(\.offset), fields.map { $0.type.raw })
    // The struct type is only a step: free it whether or not resizing worked.
    let resized = Result { try mpi_type_create_resized(t, 0, extent) }
    mpi_type_free(&t)
    return try committed(try resized.get())
  }

  /// Commits a new type and takes ownership of it; frees it when the commit fails.
  private static func committed(_ t: MPI_Datatype?) throws -> Datatype {
    var t = t
    do {
      try mpi_type_commit(&t)
    } catch {
      mpi_type_free(&t)
      throw error
    }
    return Datatype(derived: t!)
  }
}

/// Frees a derived datatype (`MPI_Type_free`) when the last `Datatype` value using it goes away.
@usableFromInline
// Unchecked: `raw` is written only by `deinit`, when no other reference exists.
final class DerivedTypeOwner: @unchecked Sendable {
  var raw: MPI_Datatype?
  init(_ raw: MPI_Datatype) { self.raw = raw }
  deinit {
    if Environment.isActive { mpi_type_free(&raw) }
  }
}

/// A Swift type that maps to an MPI datatype, so that arrays of it can be sent and received.
///
/// The integer and floating-point types and `Bool` map to predefined types (`Int` is
/// `MPI_INT64_T` on 64-bit Linux). SIMD vectors of those map to a derived contiguous type whose
/// extent equals the Swift stride (`SIMD3<Float>` is three floats padded to 16 bytes).
/// Your own plain structs conform by returning a `Datatype.structure` from `mpiDatatype`.
public protocol MPIElement {
  /// The datatype describing one value of this type in memory.
  static var mpiDatatype: Datatype { get }

  /// For reductions with MPI's built-in operations, which MPI defines on predefined types
  /// only: the predefined type one value is made of and how many of them it holds, or nil when
  /// `mpiDatatype` is predefined already. SIMD vectors answer with their scalar type, so that
  /// `allReduce(SIMD3<Float>(...), op: .sum)` adds lane by lane. Plain structs keep the default
  /// (nil) and reduce with `Op.custom`.
  static var mpiReductionScalars: (datatype: Datatype, count: Int)? { get }
}

extension MPIElement {
  /// Nil: reductions use `mpiDatatype` as it is, which suits the predefined types (and structs,
  /// which reduce with `Op.custom`).
  @inlinable public static var mpiReductionScalars: (datatype: Datatype, count: Int)? { nil }
}

extension Int8: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_INT8_T()) }
}
extension Int16: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_INT16_T()) }
}
extension Int32: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_INT32_T()) }
}
extension Int64: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_INT64_T()) }
}
extension UInt8: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_UINT8_T()) }
}
extension UInt16: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_UINT16_T()) }
}
extension UInt32: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_UINT32_T()) }
}
extension UInt64: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_UINT64_T()) }
}
extension Int: MPIElement {
  /// `MPI_INT64_T` where `Int` is 64 bits wide, else `MPI_INT32_T`: MPI has no type for Swift's
  /// `Int`, so it travels as the fixed-width integer of its size.
  @inlinable public static var mpiDatatype: Datatype {
    MemoryLayout<Int>.size == 8 ? Datatype(predefined: WB_MPI_INT64_T()) : Datatype(predefined: WB_MPI_INT32_T())
  }
}
extension UInt: MPIElement {
  /// Same as `Int.mpiDatatype`, unsigned: `MPI_UINT64_T` or `MPI_UINT32_T`.
  @inlinable public static var mpiDatatype: Datatype {
    MemoryLayout<UInt>.size == 8 ? Datatype(predefined: WB_MPI_UINT64_T()) : Datatype(predefined: WB_MPI_UINT32_T())
  }
}
extension Float: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_FLOAT()) }
}
extension Double: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_DOUBLE()) }
}
extension Bool: MPIElement {
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_C_BOOL()) }
}

/// Derived types for generic element types (SIMD vectors), made once per Swift type.
enum DerivedTypeCache {
  // Unchecked: every access holds `lock`.
  nonisolated(unsafe) static var types: [ObjectIdentifier: Datatype] = [:]
  static let lock = NSLock()

  static func type(for key: Any.Type, make: () throws -> Datatype) -> Datatype {
    lock.lock()
    defer { lock.unlock() }
    if let t = types[ObjectIdentifier(key)] { return t }
    // Creating a derived type only fails if MPI is not running, a programmer error.
    let t: Datatype
    do { t = try make() } catch { fatalError("cannot describe \(key) to MPI: \(error)") }
    types[ObjectIdentifier(key)] = t
    return t
  }
}

extension SIMD2: MPIElement where Scalar: MPIElement {
  /// The lanes back to back as scalars (`MPI_Type_contiguous`), resized to the vector's stride
  /// (`MPI_Type_create_resized`) so that arrays of vectors line up. Built on first use and kept
  /// for the run, in the same cache as `Datatype.cached(for:_:)`.
  public static var mpiDatatype: Datatype { simdDatatype(Self.self, lanes: 2, scalar: Scalar.mpiDatatype) }
  // Stride, not lane count: a SIMD3's padding lane is reduced too, harmlessly.
  /// The scalar's type and as many scalars as the vector's stride holds, so that the built-in
  /// operations (predefined types only) reduce lane by lane.
  @inlinable public static var mpiReductionScalars: (datatype: Datatype, count: Int)? {
    (Scalar.mpiDatatype, MemoryLayout<Self>.stride / MemoryLayout<Scalar>.stride)
  }
}
extension SIMD3: MPIElement where Scalar: MPIElement {
  /// Same as `SIMD2.mpiDatatype`, for three lanes: the extent is the padded stride (a
  /// `SIMD3<Float>` takes 16 bytes).
  public static var mpiDatatype: Datatype { simdDatatype(Self.self, lanes: 3, scalar: Scalar.mpiDatatype) }
  // Stride, not lane count: a SIMD3's padding lane is reduced too, harmlessly.
  /// Same as `SIMD2.mpiReductionScalars`; the count includes the padding lane.
  @inlinable public static var mpiReductionScalars: (datatype: Datatype, count: Int)? {
    (Scalar.mpiDatatype, MemoryLayout<Self>.stride / MemoryLayout<Scalar>.stride)
  }
}
extension SIMD4: MPIElement where Scalar: MPIElement {
  /// Same as `SIMD2.mpiDatatype`, for four lanes.
  public static var mpiDatatype: Datatype { simdDatatype(Self.self, lanes: 4, scalar: Scalar.mpiDatatype) }
  // Stride, not lane count: a SIMD3's padding lane is reduced too, harmlessly.
  /// Same as `SIMD2.mpiReductionScalars`.
  @inlinable public static var mpiReductionScalars: (datatype: Datatype, count: Int)? {
    (Scalar.mpiDatatype, MemoryLayout<Self>.stride / MemoryLayout<Scalar>.stride)
  }
}

private func simdDatatype<V>(_ type: V.Type, lanes: Int, scalar: Datatype) -> Datatype {
  DerivedTypeCache.type(for: type) {
    try Datatype.resized(try Datatype.contiguous(lanes, of: scalar), extent: MemoryLayout<V>.stride)
  }
}
