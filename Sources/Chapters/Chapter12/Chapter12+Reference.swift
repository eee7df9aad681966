import MPI

/// Chapter 12's answer key, used by the demo and by the variants (for the parts they get right).
extension Chapter12 {
  /// The four functions done right.
  static var reference: Learner {
    Learner(
      rowAndColumn: referenceRowAndColumn, particleDatatype: referenceParticleDatatype,
      columnDatatype: referenceColumnDatatype, exchangeHalos: referenceExchange)
  }

  /// `MPI_Comm_split` twice: the colour picks the row (or column), the key orders the ranks in it.
  static func referenceRowAndColumn(_ world: Communicator, _ columns: Int) throws -> (
    row: Communicator, column: Communicator
  ) {
    (
      try world.split(color: world.rank / columns, key: world.rank % columns)!,
      try world.split(color: world.rank % columns, key: world.rank / columns)!
    )
  }

  /// The fields of a `Particle` at their Swift offsets: three floats, a float and an int.
  static func particleFields() -> [Datatype.Field] {
    [
      .init(offset: MemoryLayout<Particle>.offset(of: \.position)!, type: .float, count: 3),
      .init(offset: MemoryLayout<Particle>.offset(of: \.mass)!, type: .float),
      .init(offset: MemoryLayout<Particle>.offset(of: \.id)!, type: .int32),
    ]
  }

  /// The particle's fields, resized to the Swift stride so that arrays line up.
  static func referenceParticleDatatype() throws -> Datatype {
    try Datatype.structure(particleFields(), extent: MemoryLayout<Particle>.stride)
  }

  /// One double from each row: `rows` blocks of one, `stride` doubles apart (`MPI_Type_vector`).
  static func referenceColumnDatatype(_ rows: Int, _ stride: Int) throws -> Datatype {
    try Datatype.vector(count: rows, blockLength: 1, stride: stride, of: .double)
  }

  /// The four halo exchanges of a tile: rows are contiguous, columns use `column`.
  static func referenceExchange(_ tile: Tile, _ grid: CartesianCommunicator, _ column: Datatype) throws {
    try exchangeHalos(tile, grid, column, rowsWrongWay: false)
  }

  /// The exchange, with a switch for the variant that sends the rows the wrong way.
  static func exchangeHalos(_ tile: Tile, _ grid: CartesianCommunicator, _ column: Datatype, rowsWrongWay: Bool) throws
  {
    let vertical = try grid.shift(axis: 0, displacement: 1)
    let horizontal = try grid.shift(axis: 1, displacement: 1)
    let (rows, columns) = (tile.rows, tile.columns)
    let (downRow, upRow) = rowsWrongWay ? (0, rows - 1) : (rows - 1, 0)
    var v = tile.values
    // Bottom row down, top ghost row from above; top row up, bottom ghost row from below.
    try grid.sendReceive(
      within: &v, sendingFrom: tile.index(row: downRow, column: 0), count: columns, datatype: .double,
      to: vertical.destination, sendTag: 1, receivingAt: tile.index(row: -1, column: 0), count: columns,
      datatype: .double, from: vertical.source, receiveTag: 1)
    try grid.sendReceive(
      within: &v, sendingFrom: tile.index(row: upRow, column: 0), count: columns, datatype: .double,
      to: vertical.source, sendTag: 2, receivingAt: tile.index(row: rows, column: 0), count: columns,
      datatype: .double, from: vertical.destination, receiveTag: 2)
    // Right column right, left ghost column from the left; and the other way.
    try grid.sendReceive(
      within: &v, sendingFrom: tile.index(row: 0, column: columns - 1), count: 1, datatype: column,
      to: horizontal.destination, sendTag: 3, receivingAt: tile.index(row: 0, column: -1), count: 1,
      datatype: column, from: horizontal.source, receiveTag: 3)
    try grid.sendReceive(
      within: &v, sendingFrom: tile.index(row: 0, column: 0), count: 1, datatype: column,
      to: horizontal.source, sendTag: 4, receivingAt: tile.index(row: 0, column: columns), count: 1,
      datatype: column, from: horizontal.destination, receiveTag: 4)
    tile.values = v
  }
}
