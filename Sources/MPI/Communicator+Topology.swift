import CMPI

// New communicators: duplicates, splits, groups (MPI 3.1 chapter 6) and Cartesian grids
// (chapter 7).

extension Communicator {
  /// A new communicator with the same processes and a separate message space (`MPI_Comm_dup`):
  /// a library's messages then cannot match the caller's.
  public func duplicate() throws -> Communicator {
    var out: MPI_Comm? = nil
    try check(MPI_Comm_dup(raw, &out), "MPI_Comm_dup")
    return Communicator(owning: out!)
  }

  /// Splits into one communicator per `color` (`MPI_Comm_split`), ranks ordered by `key` then by
  /// old rank. A process passing `color: nil` (`MPI_UNDEFINED`) gets nil.
  ///
  /// Rows of a 2-D process grid: `world.split(color: rank / columns, key: rank % columns)`.
  public func split(color: Int?, key: Int = 0) throws -> Communicator? {
    var out: MPI_Comm? = nil
    try check(MPI_Comm_split(raw, color.map(mpiInt) ?? MPI_UNDEFINED, mpiInt(key), &out), "MPI_Comm_split")
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return Communicator(owning: out)
  }

  /// The processes of this communicator as a group (`MPI_Comm_group`).
  public func group() throws -> Group {
    var g: MPI_Group? = nil
    try check(MPI_Comm_group(raw, &g), "MPI_Comm_group")
    return Group(owning: g!)
  }

  /// A communicator of the processes in `group`, which must be a subgroup of this one
  /// (`MPI_Comm_create`, collective over this communicator). Processes outside get nil.
  public func create(group: Group) throws -> Communicator? {
    var out: MPI_Comm? = nil
    try check(MPI_Comm_create(raw, group.raw, &out), "MPI_Comm_create")
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return Communicator(owning: out)
  }

  /// How two communicators relate (`MPI_Comm_compare`).
  public enum Comparison: Sendable { case identical, congruent, similar, unequal }

  /// Compares with another communicator (`MPI_Comm_compare`): identical (same handle),
  /// congruent (same processes, same order: a duplicate), similar (same processes, other
  /// order) or unequal.
  public func compare(with other: Communicator) throws -> Comparison {
    var result: Int32 = 0
    try check(MPI_Comm_compare(raw, other.raw, &result), "MPI_Comm_compare")
    switch Int(result) {
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
  public func cartesian(dimensions: [Int], periodic: [Bool], reorder: Bool = false) throws -> CartesianCommunicator? {
    guard dimensions.count == periodic.count else {
      throw MPIError(.dims, function: "MPI_Cart_create", message: "\(dimensions.count) dimensions, \(periodic.count) periodic flags")
    }
    // Only ask MPI_Dims_create when there is something to choose: a grid smaller than the
    // communicator is allowed, but Dims_create would reject it.
    let dims = dimensions.contains(0)
      ? try CartesianCommunicator.balancedDimensions(processes: size, dimensions: dimensions) : dimensions
    var d = dims.map(mpiInt)
    var p = periodic.map { Int32($0 ? 1 : 0) }
    var out: MPI_Comm? = nil
    try check(MPI_Cart_create(raw, Int32(d.count), &d, &p, reorder ? 1 : 0, &out), "MPI_Cart_create")
    guard let out, out != WB_MPI_COMM_NULL() else { return nil }
    return CartesianCommunicator(owning: out)
  }
}

/// A communicator whose processes sit on an n-dimensional grid. Wraps a communicator with a
/// Cartesian topology (`MPI_Cart_create`).
public final class CartesianCommunicator: Communicator, @unchecked Sendable {
  /// Processes along each axis (`MPI_Cart_get`).
  public private(set) var dimensions: [Int] = []
  /// Whether each axis wraps around.
  public private(set) var periodic: [Bool] = []
  /// This process's coordinates.
  public private(set) var coordinates: [Int] = []

  required init(owning raw: MPI_Comm) {
    super.init(owning: raw)
    var n: Int32 = 0
    MPI_Cartdim_get(raw, &n)
    var d = [Int32](repeating: 0, count: Int(n))
    var p = [Int32](repeating: 0, count: Int(n))
    var c = [Int32](repeating: 0, count: Int(n))
    MPI_Cart_get(raw, n, &d, &p, &c)
    dimensions = d.map(Int.init)
    periodic = p.map { $0 != 0 }
    coordinates = c.map(Int.init)
  }

  /// Fills zeros in `dimensions` with a balanced factorisation of `processes` (`MPI_Dims_create`):
  /// 12 processes in 2-D give [4, 3].
  public static func balancedDimensions(processes: Int, dimensions: [Int]) throws -> [Int] {
    var d = dimensions.map(mpiInt)
    try check(MPI_Dims_create(mpiInt(processes), Int32(d.count), &d), "MPI_Dims_create")
    return d.map(Int.init)
  }

  /// The coordinates of `rank` (`MPI_Cart_coords`).
  public func coordinates(of rank: Int) throws -> [Int] {
    // Open MPI 4.1.4's MPI_Cart_coords accepts rank == size (its range check is off by one) and
    // returns coordinates beyond the grid; check here.
    guard (0..<size).contains(rank) else {
      throw MPIError(.rank, function: "MPI_Cart_coords", message: "rank \(rank) is not in a grid of \(size) processes")
    }
    var c = [Int32](repeating: 0, count: dimensions.count)
    try check(MPI_Cart_coords(raw, mpiInt(rank), Int32(c.count), &c), "MPI_Cart_coords")
    return c.map(Int.init)
  }

  /// The rank at `coordinates` (`MPI_Cart_rank`); periodic axes wrap out-of-range coordinates.
  public func rank(at coordinates: [Int]) throws -> Int {
    // MPI reads one coordinate per dimension, whatever the array's length.
    guard coordinates.count == dimensions.count else {
      throw MPIError(.dims, function: "MPI_Cart_rank", message: "\(coordinates.count) coordinates for a \(dimensions.count)-D grid")
    }
    var c = coordinates.map(mpiInt)
    var r: Int32 = 0
    try check(MPI_Cart_rank(raw, &c, &r), "MPI_Cart_rank")
    return Int(r)
  }

  /// The neighbours along `axis` at distance `displacement` (`MPI_Cart_shift`): receive from
  /// `source`, send to `destination`. At the edge of a non-periodic axis they are
  /// `Communicator.nullProcess`.
  public func shift(axis: Int, displacement: Int = 1) throws -> (source: Int, destination: Int) {
    var s: Int32 = 0
    var d: Int32 = 0
    try check(MPI_Cart_shift(raw, mpiInt(axis), mpiInt(displacement), &s, &d), "MPI_Cart_shift")
    return (Int(s), Int(d))
  }

  /// The sub-grids keeping the axes marked true (`MPI_Cart_sub`): keeping only axis 1 of a 2-D
  /// grid gives each process its row.
  public func subgrid(keeping axes: [Bool]) throws -> CartesianCommunicator {
    guard axes.count == dimensions.count else {
      throw MPIError(.dims, function: "MPI_Cart_sub", message: "\(axes.count) flags for a \(dimensions.count)-D grid")
    }
    var keep = axes.map { Int32($0 ? 1 : 0) }
    var out: MPI_Comm? = nil
    try check(MPI_Cart_sub(raw, &keep, &out), "MPI_Cart_sub")
    return CartesianCommunicator(owning: out!)
  }
}

/// An ordered set of processes. Wraps `MPI_Group`; freed (`MPI_Group_free`) in `deinit`.
public final class Group {
  /// The raw handle.
  public let raw: MPI_Group

  init(owning raw: MPI_Group) { self.raw = raw }

  deinit {
    if Environment.isActive {
      var g: MPI_Group? = raw
      MPI_Group_free(&g)
    }
  }

  /// `MPI_Group_size`.
  public func size() throws -> Int {
    var s: Int32 = 0
    try check(MPI_Group_size(raw, &s), "MPI_Group_size")
    return Int(s)
  }

  /// This process's rank in the group, nil when it is not a member (`MPI_Group_rank`).
  public func rank() throws -> Int? {
    var r: Int32 = 0
    try check(MPI_Group_rank(raw, &r), "MPI_Group_rank")
    return r == MPI_UNDEFINED ? nil : Int(r)
  }

  /// The group of the listed ranks, in that order (`MPI_Group_incl`).
  public func including(_ ranks: [Int]) throws -> Group {
    var r = ranks.map(mpiInt)
    var g: MPI_Group? = nil
    try check(MPI_Group_incl(raw, Int32(r.count), &r, &g), "MPI_Group_incl")
    return Group(owning: g!)
  }

  /// The group without the listed ranks (`MPI_Group_excl`).
  public func excluding(_ ranks: [Int]) throws -> Group {
    var r = ranks.map(mpiInt)
    var g: MPI_Group? = nil
    try check(MPI_Group_excl(raw, Int32(r.count), &r, &g), "MPI_Group_excl")
    return Group(owning: g!)
  }

  /// The processes in this group or `other`: this group's first, then `other`'s new ones
  /// (`MPI_Group_union`).
  public func union(_ other: Group) throws -> Group {
    var g: MPI_Group? = nil
    try check(MPI_Group_union(raw, other.raw, &g), "MPI_Group_union")
    return Group(owning: g!)
  }

  /// The processes in both groups, in this group's order (`MPI_Group_intersection`).
  public func intersection(_ other: Group) throws -> Group {
    var g: MPI_Group? = nil
    try check(MPI_Group_intersection(raw, other.raw, &g), "MPI_Group_intersection")
    return Group(owning: g!)
  }

  /// Where `ranks` of this group sit in `other` (`MPI_Group_translate_ranks`); nil for
  /// processes not in `other`.
  public func translate(_ ranks: [Int], to other: Group) throws -> [Int?] {
    var r = ranks.map(mpiInt)
    var out = [Int32](repeating: 0, count: r.count)
    try check(MPI_Group_translate_ranks(raw, Int32(r.count), &r, other.raw, &out), "MPI_Group_translate_ranks")
    return out.map { $0 == MPI_UNDEFINED ? nil : Int($0) }
  }
}
