import CMPI

/// A reduction operation for reduce, allreduce and scan. Wraps `MPI_Op`.
///
/// The built-in operations (`.sum`, `.max`, ...) work on the predefined numeric types.
/// `Op.custom` turns a Swift function into an operation (`MPI_Op_create`), for example a
/// depth-compare that keeps the nearer of two pixels.
// Unchecked: an immutable handle, and an owner that only frees it when the last copy is gone.
public struct Op: @unchecked Sendable {
  /// The raw handle.
  public let raw: MPI_Op
  @usableFromInline let owner: UserOpOwner?

  /// Wraps a predefined `MPI_Op` handle, which is never freed and counts as `isPredefined`.
  /// The statics below (`.sum`, `.max`, …) cover MPI's built-in reduction operations.
  @inlinable
  public init(predefined raw: MPI_Op) {
    self.raw = raw
    self.owner = nil
  }

  /// Whether this is one of MPI's built-in operations (`.sum`, `.max`, ...), which apply to
  /// predefined datatypes only.
  @inlinable public var isPredefined: Bool { owner == nil }

  init(user raw: MPI_Op, owner: UserOpOwner) {
    self.raw = raw
    self.owner = owner
  }

  /// `MPI_SUM`.
  @inlinable public static var sum: Op { Op(predefined: WB_MPI_SUM()) }
  /// `MPI_PROD`.
  @inlinable public static var product: Op { Op(predefined: WB_MPI_PROD()) }
  /// `MPI_MAX`.
  @inlinable public static var max: Op { Op(predefined: WB_MPI_MAX()) }
  /// `MPI_MIN`.
  @inlinable public static var min: Op { Op(predefined: WB_MPI_MIN()) }
  /// `MPI_LAND`, on `Bool` (and integers, non-zero meaning true).
  @inlinable public static var logicalAnd: Op { Op(predefined: WB_MPI_LAND()) }
  /// `MPI_LOR`: true on every rank as soon as one rank says true.
  @inlinable public static var logicalOr: Op { Op(predefined: WB_MPI_LOR()) }
  /// `MPI_LXOR`.
  @inlinable public static var logicalXor: Op { Op(predefined: WB_MPI_LXOR()) }
  /// `MPI_BAND`, on integers: the bits set on every rank.
  @inlinable public static var bitwiseAnd: Op { Op(predefined: WB_MPI_BAND()) }
  /// `MPI_BOR`, on integers.
  @inlinable public static var bitwiseOr: Op { Op(predefined: WB_MPI_BOR()) }
  /// `MPI_BXOR`, on integers.
  @inlinable public static var bitwiseXor: Op { Op(predefined: WB_MPI_BXOR()) }
  /// `MPI_MAXLOC` on `ValueAndRank`: the largest value and the lowest rank holding it.
  @inlinable public static var maxLocation: Op { Op(predefined: WB_MPI_MAXLOC()) }
  /// `MPI_MINLOC` on `ValueAndRank`: the smallest value and the lowest rank holding it.
  @inlinable public static var minLocation: Op { Op(predefined: WB_MPI_MINLOC()) }

  /// A user-defined operation combining elements of `T` one pair at a time:
  /// `result[i] = combine(incoming[i], current[i])`, where `current` is the partial result
  /// held so far. MPI may apply it in any grouping, so it must be associative; say whether it is
  /// also commutative. Wraps `MPI_Op_create`; freed (`MPI_Op_free`) with its last copy.
  ///
  /// At most `UserOpSlots.capacity` custom operations can exist at a time (C callbacks carry no
  /// context, so each live operation occupies one of a fixed set of trampolines).
  public static func custom<T: MPIElement>(commutative: Bool, _ combine: @escaping (T, T) -> T) throws -> Op {
    guard let slot = UserOpSlots.claim(combine) else {
      throw MPIError(
        .op, function: "MPI_Op_create", message: "more than \(UserOpSlots.capacity) custom operations alive")
    }
    let op: MPI_Op?
    do {
      op = try mpi_op_create(UserOpSlots.trampolines[slot], commutative)
    } catch {
      UserOpSlots.release(slot)
      throw error
    }
    return Op(user: op!, owner: UserOpOwner(op!, slot: slot))
  }
}

/// Frees a user-defined operation and its trampoline slot with the last `Op` copy.
@usableFromInline
// Unchecked: `raw` is written only by `deinit`, when no other reference exists.
final class UserOpOwner: @unchecked Sendable {
  var raw: MPI_Op?
  let slot: Int
  init(_ raw: MPI_Op, slot: Int) {
    self.raw = raw
    self.slot = slot
  }
  deinit {
    if Environment.isActive { mpi_op_free(&raw) }
    UserOpSlots.release(slot)
  }
}

/// A fixed set of C-callable functions, each forwarding to the Swift closure in its slot.
public enum UserOpSlots {
  // The slots and the trampolines themselves are in Internals/Calls+Datatypes.swift.

  /// How many custom operations may be alive at once.
  public static let capacity = 8
}

/// A value tagged with the rank it came from, for `Op.maxLocation` and `Op.minLocation`:
/// which rank has the largest error, the slowest frame, the most particles.
/// Laid out like C's `struct { double; int; }`, so it maps to `MPI_DOUBLE_INT`.
///
/// ```swift
/// let slowest = try world.allReduce(ValueAndRank(frameTime, rank: world.rank), op: .maxLocation)
/// print("rank \(slowest.rank) took \(slowest.value) s")
/// ```
public struct ValueAndRank: MPIElement, Equatable, Sendable {
  /// The value compared.
  public var value: Double
  /// The rank, as MPI stores it (a C int).
  public var rankValue: Int32

  /// Pairs `value` with `rank` (usually `world.rank`), which is clamped to a C `int`.
  public init(_ value: Double, rank: Int) {
    self.value = value
    self.rankValue = Int32(clamping: rank)
  }

  /// The rank the value came from.
  public var rank: Int { Int(rankValue) }

  /// `MPI_DOUBLE_INT`.
  @inlinable public static var mpiDatatype: Datatype { Datatype(predefined: WB_MPI_DOUBLE_INT()) }
}
