import CMPI
import WorkbookContract

// New communicators: duplicates, splits, groups (MPI 3.1 chapter 6) and Cartesian grids
// (chapter 7).

extension Communicator {
  /// A new communicator with the same processes and a separate message space (`MPI_Comm_dup`):
  /// a library's messages then cannot match the caller's.
  public func duplicate(file: StaticString = #fileID, line: UInt = #line) throws -> Communicator {
    try traced("duplicate", file, line, CallRecord(.newCommunicator)) {
      Communicator(owning: try mpi_comm_dup(raw)!)
    }
  }

  /// Splits into one communicator per `color` (`MPI_Comm_split`), ranks ordered by `key` then by
  /// old rank. A process passing `color: nil` (`MPI_UNDEFINED`) gets nil.
  ///
  /// Rows of a 2-D process grid: `world.split(color: rank / columns, key: rank % columns)`.
  public func split(color: Int?, key: Int = 0, file: StaticString = #fileID, line: UInt = #line) throws -> Communicator?
  {
    let out = try traced("split", file, line, CallRecord(.newCommunicator)) {
      try mpi_comm_split(raw, color.map(mpiInt) ?? MPI_UNDEFINED, mpiInt(key))
    }
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return Communicator(owning: out)
  }

  /// The processes of this communicator as a group (`MPI_Comm_group`).
  public func group() throws -> Group {
    Group(owning: try mpi_comm_group(raw)!)
  }

  /// A communicator of the processes in `group`, which must be a subgroup of this one
  /// (`MPI_Comm_create`, collective over this communicator). Processes outside get nil.
  public func create(group: Group, file: StaticString = #fileID, line: UInt = #line) throws -> Communicator? {
    let out = try traced("create", file, line, CallRecord(.newCommunicator)) { try mpi_comm_create(raw, group.raw) }
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return Communicator(owning: out)
  }

  /// How two communicators relate (`MPI_Comm_compare`).
  public enum Comparison: Sendable { case identical, congruent, similar, unequal }

  /// Compares with another communicator (`MPI_Comm_compare`): identical (same handle),
  /// congruent (same processes, same order: a duplicate), similar (same processes, other
  /// order) or unequal.
  public func compare(with other: Communicator) throws -> Comparison {
    switch Int(try mpi_comm_compare(raw, other.raw)) {
    case MPI_IDENT: return .identical
    case MPI_CONGRUENT: return .congruent
    case MPI_SIMILAR: return .similar
    default: return .unequal
    }
  }

  /// Lays the processes out on a grid (`MPI_Cart_create`). Dimensions of 0 are filled in by
  /// `MPI_Dims_create` first. Processes beyond the grid's size get nil.
  /// - Parameters:
  ///   - dimensions: processes along each axis; 0 lets MPI choose.
  ///   - periodic: whether each axis wraps around.
  ///   - reorder: whether MPI may renumber ranks to fit the machine.
  public func cartesian(
    dimensions: [Int], periodic: [Bool], reorder: Bool = false, file: StaticString = #fileID, line: UInt = #line
  ) throws -> CartesianCommunicator? {
    try traced("cartesian", file, line, CallRecord(.newCommunicator)) {
      try cartesianBody(dimensions: dimensions, periodic: periodic, reorder: reorder)
    }
  }

  /// The body of `cartesian(dimensions:periodic:reorder:file:line:)`.
  func cartesianBody(dimensions: [Int], periodic: [Bool], reorder: Bool) throws -> CartesianCommunicator? {
    guard dimensions.count == periodic.count else {
      throw MPIError(
        .dims, function: "MPI_Cart_create", message: "\(dimensions.count) dimensions, \(periodic.count) periodic flags")
    }
    // Only ask MPI_Dims_create when there is something to choose: a grid smaller than the
    // communicator is allowed, but Dims_create would reject it.
    let dims =
      dimensions.contains(0)
      ? try CartesianCommunicator.balancedDimensions(processes: size, dimensions: dimensions) : dimensions
    let out = try mpi_cart_create(raw, dims.map(mpiInt), periodic.map { Int32($0 ? 1 : 0) }, reorder)
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return CartesianCommunicator(owning: out)
  }
}

/// A communicator whose processes sit on an n-dimensional grid. Wraps a communicator with a
/// Cartesian topology (`MPI_Cart_create`).
// Unchecked: as for `Communicator`; the grid's shape and coordinates are immutable.
public final class CartesianCommunicator: Communicator, @unchecked Sendable {
  /// Processes along each axis (`MPI_Cart_get`).
  public private(set) var dimensions: [Int] = []
  /// Whether each axis wraps around.
  public private(set) var periodic: [Bool] = []
  /// This process's coordinates.
  public private(set) var coordinates: [Int] = []

  required init(owning raw: MPI_Comm) {
    super.init(owning: raw)
    let (d, p, c) = mpi_cart_get(raw, mpi_cartdim_get(raw))
    dimensions = d.map(Int.init)
    periodic = p.map { $0 != 0 }
    coordinates = c.map(Int.init)
  }

  /// Fills zeros in `dimensions` with a balanced factorisation of `processes` (`MPI_Dims_create`):
  /// 12 processes in 2-D give [4, 3].
  public static func balancedDimensions(processes: Int, dimensions: [Int]) throws -> [Int] {
    try mpi_dims_create(mpiInt(processes), dimensions.map(mpiInt)).map(Int.init)
  }

  /// The coordinates of `rank` (`MPI_Cart_coords`).
  public func coordinates(of rank: Int) throws -> [Int] {
    // Open MPI 4.1.4's MPI_Cart_coords accepts rank == size (its range check is off by one) and
    // returns coordinates beyond the grid; check here.
    guard (0..<size).contains(rank) else {
      throw MPIError(.rank, function: "MPI_Cart_coords", message: "rank \(rank) is not in a grid of \(size) processes")
    }
    return try mpi_cart_coords(raw, mpiInt(rank), Int32(dimensions.count)).map(Int.init)
  }

  /// The rank at `coordinates` (`MPI_Cart_rank`); periodic axes wrap out-of-range coordinates.
  public func rank(at coordinates: [Int]) throws -> Int {
    // MPI reads one coordinate per dimension, whatever the array's length.
    guard coordinates.count == dimensions.count else {
      throw MPIError(
        .dims, function: "MPI_Cart_rank", message: "\(coordinates.count) coordinates for a \(dimensions.count)-D grid")
    }
    return Int(try mpi_cart_rank(raw, coordinates.map(mpiInt)))
  }

  /// The neighbours along `axis` at distance `displacement` (`MPI_Cart_shift`): receive from
  /// `source`, send to `destination`. At the edge of a non-periodic axis they are
  /// `Communicator.nullProcess`.
  public func shift(axis: Int, displacement: Int = 1) throws -> (source: Int, destination: Int) {
    let (s, d) = try mpi_cart_shift(raw, mpiInt(axis), mpiInt(displacement))
    return (Int(s), Int(d))
  }

  /// The sub-grids keeping the axes marked true (`MPI_Cart_sub`): keeping only axis 1 of a 2-D
  /// grid gives each process its row.
  public func subgrid(
    keeping axes: [Bool], file: StaticString = #fileID, line: UInt = #line
  ) throws -> CartesianCommunicator {
    try traced("subgrid", file, line, CallRecord(.newCommunicator)) {
      guard axes.count == dimensions.count else {
        throw MPIError(
          .dims, function: "MPI_Cart_sub", message: "\(axes.count) flags for a \(dimensions.count)-D grid")
      }
      return CartesianCommunicator(owning: try mpi_cart_sub(raw, axes.map { Int32($0 ? 1 : 0) })!)
    }
  }
}

/// An ordered set of processes. Wraps `MPI_Group`; freed (`MPI_Group_free`) in `deinit`.
public final class Group {
  /// The raw handle.
  public let raw: MPI_Group

  init(owning raw: MPI_Group) { self.raw = raw }

  deinit {
    if Environment.isActive { mpi_group_free(raw) }
  }

  /// `MPI_Group_size`.
  public func size() throws -> Int {
    Int(try mpi_group_size(raw))
  }

  /// This process's rank in the group, nil when it is not a member (`MPI_Group_rank`).
  public func rank() throws -> Int? {
    let r = try mpi_group_rank(raw)
    return r == MPI_UNDEFINED ? nil : Int(r)
  }

  /// The group of the listed ranks, in that order (`MPI_Group_incl`).
  public func including(_ ranks: [Int]) throws -> Group {
    Group(owning: try mpi_group_incl(raw, ranks.map(mpiInt))!)
  }

  /// The group without the listed ranks (`MPI_Group_excl`).
  public func excluding(_ ranks: [Int]) throws -> Group {
    Group(owning: try mpi_group_excl(raw, ranks.map(mpiInt))!)
  }

  /// The processes in this group or `other`: this group's first, then `other`'s new ones
  /// (`MPI_Group_union`).
  public func union(_ other: Group) throws -> Group {
    Group(owning: try mpi_group_union(raw, other.raw)!)
  }

  /// The processes in both groups, in this group's order (`MPI_Group_intersection`).
  public func intersection(_ other: Group) throws -> Group {
    Group(owning: try mpi_group_intersection(raw, other.raw)!)
  }

  /// Where `ranks` of this group sit in `other` (`MPI_Group_translate_ranks`); nil for
  /// processes not in `other`.
  public func translate(_ ranks: [Int], to other: Group) throws -> [Int?] {
    try mpi_group_translate_ranks(raw, ranks.map(mpiInt), other.raw).map { $0 == MPI_UNDEFINED ? nil : Int($0) }
  }
}
