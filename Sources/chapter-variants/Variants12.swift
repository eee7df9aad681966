import Chapters
import MPI

/// Chapter 12 done wrong.
enum Variants12 {
  typealias P = Chapter12.Particle

  static let all: [String: () -> Never] = [
    // Rows ordered by a key that reverses them.
    "12-reversed-key": { Chapter12.check(.init(rowAndColumn: reversedRows, particleDatatype: particle, columnDatatype: column, exchangeHalos: halo)) },
    // The struct type sized to the struct's size, not its stride.
    "12-struct-not-resized": {
      Chapter12.check(.init(rowAndColumn: rowsAndColumns, particleDatatype: unresizedParticle, columnDatatype: column, exchangeHalos: halo))
    },
    // A "column" of consecutive doubles: that is a piece of a row.
    "12-contiguous-column": {
      Chapter12.check(.init(rowAndColumn: rowsAndColumns, particleDatatype: particle, columnDatatype: contiguousColumn, exchangeHalos: halo))
    },
    // Rows sent the wrong way: the top ghost gets the neighbour above's top row.
    "12-rows-wrong-way": {
      Chapter12.check(.init(rowAndColumn: rowsAndColumns, particleDatatype: particle, columnDatatype: column, exchangeHalos: rowsWrongWay))
    },
  ]

  static func rowsAndColumns(_ world: Communicator, _ columns: Int) throws -> (row: Communicator, column: Communicator) {
    (try world.split(color: world.rank / columns, key: world.rank % columns)!, try world.split(color: world.rank % columns, key: world.rank / columns)!)
  }

  static func reversedRows(_ world: Communicator, _ columns: Int) throws -> (row: Communicator, column: Communicator) {
    (try world.split(color: world.rank / columns, key: -(world.rank % columns))!, try world.split(color: world.rank % columns, key: world.rank / columns)!)
  }

  static func fields() -> [Datatype.Field] {
    [.init(offset: MemoryLayout<P>.offset(of: \.position)!, type: .float, count: 3),
     .init(offset: MemoryLayout<P>.offset(of: \.mass)!, type: .float),
     .init(offset: MemoryLayout<P>.offset(of: \.id)!, type: .int32)]
  }

  static func particle() throws -> Datatype { try Datatype.structure(fields(), extent: MemoryLayout<P>.stride) }
  static func unresizedParticle() throws -> Datatype { try Datatype.structure(fields(), extent: MemoryLayout<P>.size) }
  static func column(_ rows: Int, _ columns: Int) throws -> Datatype { try Datatype.vector(count: rows, blockLength: 1, stride: columns, of: .double) }
  static func contiguousColumn(_ rows: Int, _ columns: Int) throws -> Datatype { try Datatype.contiguous(rows, of: .double) }

  static func halo(_ tile: Chapter12.Tile, _ grid: CartesianCommunicator, _ column: Datatype) throws {
    try exchange(tile, grid, column, rowsWrongWay: false)
  }

  static func rowsWrongWay(_ tile: Chapter12.Tile, _ grid: CartesianCommunicator, _ column: Datatype) throws {
    try exchange(tile, grid, column, rowsWrongWay: true)
  }

  static func exchange(_ tile: Chapter12.Tile, _ grid: CartesianCommunicator, _ column: Datatype, rowsWrongWay: Bool) throws {
    let v = try grid.shift(axis: 0), h = try grid.shift(axis: 1)
    let (rows, columns) = (tile.rows, tile.columns)
    var values = tile.values
    let (downRow, upRow) = rowsWrongWay ? (0, rows - 1) : (rows - 1, 0)
    try grid.sendReceive(within: &values, sendingFrom: tile.index(row: downRow, column: 0), count: columns, datatype: .double, to: v.destination,
                         sendTag: 1, receivingAt: tile.index(row: -1, column: 0), count: columns, datatype: .double, from: v.source, receiveTag: 1)
    try grid.sendReceive(within: &values, sendingFrom: tile.index(row: upRow, column: 0), count: columns, datatype: .double, to: v.source,
                         sendTag: 2, receivingAt: tile.index(row: rows, column: 0), count: columns, datatype: .double, from: v.destination, receiveTag: 2)
    try grid.sendReceive(within: &values, sendingFrom: tile.index(row: 0, column: columns - 1), count: 1, datatype: column, to: h.destination,
                         sendTag: 3, receivingAt: tile.index(row: 0, column: -1), count: 1, datatype: column, from: h.source, receiveTag: 3)
    try grid.sendReceive(within: &values, sendingFrom: tile.index(row: 0, column: 0), count: 1, datatype: column, to: h.source,
                         sendTag: 4, receivingAt: tile.index(row: 0, column: columns), count: 1, datatype: column, from: h.destination, receiveTag: 4)
    tile.values = values
  }
}
