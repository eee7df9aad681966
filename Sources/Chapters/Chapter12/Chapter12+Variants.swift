import MPI

/// Chapter 12 done wrong (see `ChapterVariants`).
extension Chapter12 {
  static var variants: [String: () -> Never] {
    [
      // Rows ordered by a key that reverses them.
      "12-reversed-key": { check(with(rowAndColumn: reversedRows)) },
      // The struct type sized to the struct's size, not its stride.
      "12-struct-not-resized": {
        check(with(particleDatatype: { try Datatype.structure(particleFields(), extent: MemoryLayout<Particle>.size) }))
      },
      // A "column" of consecutive doubles: that is a piece of a row.
      "12-contiguous-column": {
        check(with(columnDatatype: { rows, _ in try Datatype.contiguous(rows, of: .double) }))
      },
      // Rows sent the wrong way: the top ghost gets the neighbour above's top row.
      "12-rows-wrong-way": { check(with(exchangeHalos: { try exchangeHalos($0, $1, $2, rowsWrongWay: true) })) },
    ]
  }

  /// The reference with one function replaced.
  static func with(
    rowAndColumn: ((Communicator, Int) throws -> (row: Communicator, column: Communicator))? = nil,
    particleDatatype: (() throws -> Datatype)? = nil, columnDatatype: ((Int, Int) throws -> Datatype)? = nil,
    exchangeHalos: ((Tile, CartesianCommunicator, Datatype) throws -> Void)? = nil
  ) -> Learner {
    Learner(
      rowAndColumn: rowAndColumn ?? reference.rowAndColumn,
      particleDatatype: particleDatatype ?? reference.particleDatatype,
      columnDatatype: columnDatatype ?? reference.columnDatatype,
      exchangeHalos: exchangeHalos ?? reference.exchangeHalos)
  }

  static func reversedRows(_ world: Communicator, _ columns: Int) throws -> (row: Communicator, column: Communicator) {
    (
      try world.split(color: world.rank / columns, key: -(world.rank % columns))!,
      try world.split(color: world.rank % columns, key: world.rank / columns)!
    )
  }
}
