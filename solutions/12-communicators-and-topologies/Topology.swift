import Chapters
import MPI

// Chapter 12: communicators and topologies. Read lessons/12-communicators-and-topologies/README.md.

/// The processes of `world` laid out row by row in a grid with `columns` columns: rank r sits in
/// row r / columns, column r % columns. Returns a communicator holding this process's row
/// (ordered by column) and one holding its column (ordered by row).
func rowAndColumn(world: Communicator, columns: Int) throws -> (row: Communicator, column: Communicator) {
  let myRow = world.rank / columns
  let myColumn = world.rank % columns
  // MPI_Comm_split: same colour, same communicator; the key orders the ranks inside it.
  let row = try world.split(color: myRow, key: myColumn)!
  let column = try world.split(color: myColumn, key: myRow)!
  return (row, column)
}

/// An MPI datatype describing one Chapter12.Particle in memory (position: SIMD3<Float>,
/// mass: Float, id: Int32), so that an array of particles can be sent as it is.
func particleDatatype() throws -> Datatype {
  typealias P = Chapter12.Particle
  // MPI_Type_create_struct, then MPI_Type_create_resized to Swift's stride (32 bytes: the
  // SIMD3 aligns the struct to 16).
  return try Datatype.structure(
    [
      .init(offset: MemoryLayout<P>.offset(of: \.position)!, type: .float, count: 3),
      .init(offset: MemoryLayout<P>.offset(of: \.mass)!, type: .float),
      .init(offset: MemoryLayout<P>.offset(of: \.id)!, type: .int32),
    ], extent: MemoryLayout<P>.stride)
}

/// One column of a row-major matrix of doubles with `rows` rows and `columns` values per row:
/// sent with count 1 starting at element j, it carries column j.
func columnDatatype(rows: Int, columns: Int) throws -> Datatype {
  // MPI_Type_vector: `rows` blocks of 1 double, block starts `columns` doubles apart.
  try Datatype.vector(count: rows, blockLength: 1, stride: columns, of: .double)
}

/// Fills the ghost ring of `tile` (row -1, row tile.rows, column -1, column tile.columns) with
/// the edge cells of the four neighbouring tiles on the periodic grid. `column` is your column
/// type for this tile: columnDatatype(rows: tile.rows, columns: tile.stride).
func exchangeHalos(_ tile: Chapter12.Tile, grid: CartesianCommunicator, column: Datatype) throws {
  let vertical = try grid.shift(axis: 0, displacement: 1)  // source: above, destination: below
  let horizontal = try grid.shift(axis: 1, displacement: 1)  // source: left, destination: right
  let rows = tile.rows
  let columns = tile.columns
  var values = tile.values
  // My bottom row goes down and becomes their top ghost; my top ghost comes from above.
  try grid.sendReceive(
    within: &values, sendingFrom: tile.index(row: rows - 1, column: 0), count: columns, datatype: .double,
    to: vertical.destination, sendTag: 1, receivingAt: tile.index(row: -1, column: 0), count: columns,
    datatype: .double, from: vertical.source, receiveTag: 1)
  // My top row goes up; my bottom ghost comes from below.
  try grid.sendReceive(
    within: &values, sendingFrom: tile.index(row: 0, column: 0), count: columns, datatype: .double,
    to: vertical.source, sendTag: 2, receivingAt: tile.index(row: rows, column: 0), count: columns,
    datatype: .double, from: vertical.destination, receiveTag: 2)
  // My right column goes right; my left ghost column comes from the left.
  try grid.sendReceive(
    within: &values, sendingFrom: tile.index(row: 0, column: columns - 1), count: 1, datatype: column,
    to: horizontal.destination, sendTag: 3, receivingAt: tile.index(row: 0, column: -1), count: 1,
    datatype: column, from: horizontal.source, receiveTag: 3)
  // My left column goes left; my right ghost column comes from the right.
  try grid.sendReceive(
    within: &values, sendingFrom: tile.index(row: 0, column: 0), count: 1, datatype: column,
    to: horizontal.source, sendTag: 4, receivingAt: tile.index(row: 0, column: columns), count: 1,
    datatype: column, from: horizontal.destination, receiveTag: 4)
  tile.values = values
}
