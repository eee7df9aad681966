import Chapters
import MPI

// Chapter 12: communicators and topologies. Read lessons/12-communicators-and-topologies/README.md.

/// The processes of `world` laid out row by row in a grid with `columns` columns: rank r sits in
/// row r / columns, column r % columns. Returns a communicator holding this process's row
/// (ordered by column) and one holding its column (ordered by row).
func rowAndColumn(world: Communicator, columns: Int) throws -> (row: Communicator, column: Communicator) {
  // TODO(12): two splits of `world`. The colour says which group a process joins, the key its
  // place in it.
  return (try world.duplicate(), try world.duplicate())
}

/// An MPI datatype describing one Chapter12.Particle in memory (position: SIMD3<Float>,
/// mass: Float, id: Int32), so that an array of particles can be sent as it is.
func particleDatatype() throws -> Datatype {
  // TODO(12): a struct type with three fields at the offsets Swift uses
  // (MemoryLayout<Chapter12.Particle>.offset(of: \.position)! and so on): 3 floats, 1 float,
  // 1 Int32. Its extent must be the Swift stride, or the second particle of an array is looked
  // for in the wrong place.
  return Datatype.byte
}

/// One column of a row-major matrix of doubles with `rows` rows and `columns` values per row:
/// sent with count 1 starting at element j, it carries column j.
func columnDatatype(rows: Int, columns: Int) throws -> Datatype {
  // TODO(12): `rows` blocks of one double, the blocks `columns` doubles apart.
  return .double
}

/// Fills the ghost ring of `tile` (row -1, row tile.rows, column -1, column tile.columns) with
/// the edge cells of the four neighbouring tiles on the periodic grid. `column` is your column
/// type for this tile: columnDatatype(rows: tile.rows, columns: tile.stride).
func exchangeHalos(_ tile: Chapter12.Tile, grid: CartesianCommunicator, column: Datatype) throws {
  // TODO(12): grid.shift(axis: 0) gives the ranks above (source) and below (destination),
  // grid.shift(axis: 1) those to the left and right. Four exchanges, each a
  // grid.sendReceive(within: &values, ...) that sends an edge of the tile and receives the
  // opposite ghost: rows are tile.columns contiguous doubles, columns are 1 of `column`.
  // Work on a copy (var values = tile.values) and store it back at the end.
}
