import Foundation
import MPI
import WorkbookKit

/// Chapter 12's checks, in three groups.
extension Chapter12 {
  /// Rows and columns of the process grid, from the learner's splits.
  static func communicators(_ world: Communicator, _ learner: Chapter12.Learner, _ report: inout Report) throws {
    let (_, columns) = Chapter12.processGrid(world.size)
    Harness.announce("rowAndColumn: splitting the world into rows and columns")
    let (row, column) = try learner.rowAndColumn(world, columns)
    let myRow = world.rank / columns
    let myColumn = world.rank % columns
    // Who is in the learner's communicators, in their rank order, asked through them.
    let rowMembers = try row.allGather(Int32(world.rank)).map(Int.init)
    let columnMembers = try column.allGather(Int32(world.rank)).map(Int.init)
    let expectedRow = (0..<columns).map { myRow * columns + $0 }
    let expectedColumn = (0..<(world.size / columns)).map { $0 * columns + myColumn }
    report.add(
      Checks.that(
        "row-communicator", rowMembers == expectedRow && row.rank == myColumn,
        expected: "ranks \(expectedRow) in that order, me at position \(myColumn)",
        got: "ranks \(rowMembers), me at position \(row.rank)"))
    report.add(
      Checks.that(
        "column-communicator", columnMembers == expectedColumn && column.rank == myRow,
        expected: "ranks \(expectedColumn) in that order, me at position \(myRow)",
        got: "ranks \(columnMembers), me at position \(column.rank)"))
  }

  /// The particle type and the column type, used for real messages.
  static func datatypes(_ world: Communicator, _ learner: Chapter12.Learner, _ report: inout Report) throws {
    let type = try learner.particleDatatype()
    let extent = try type.extent().extent
    let size = try type.size()
    let stride = MemoryLayout<Chapter12.Particle>.stride
    report.add(
      Checks.that(
        "particle-extent", extent == stride && size == 20,
        expected: "extent \(stride) bytes (the stride of Particle), 20 bytes of data",
        got: "extent \(extent), \(size) bytes of data",
        detail: extent == stride
          ? nil
          : "consecutive particles are \(stride) bytes apart in a Swift array; resize the struct type to that extent"))
    let sample = Chapter12.particles(7)
    var particles =
      world.rank == 0 ? sample : [Chapter12.Particle](repeating: Chapter12.Particle(), count: sample.count)
    if extent == stride && size <= stride {
      try world.broadcast(&particles, count: particles.count, datatype: type, root: 0)
    }
    let bad = sample.indices.first { sample[$0] != particles[$0] }
    report.add(
      Checks.that(
        "particle-type", bad == nil, expected: "rank 0's 7 particles, every field, after a broadcast with your type",
        got: bad.map { "particle \($0): \(particles[$0])" } ?? "all 7 equal",
        detail: bad.map { "rank 0 sent \(sample[$0])" }))

    // A column of a 4 x 6 matrix, sent with the learner's type to the right neighbour, who
    // receives it as 4 contiguous doubles after its own matrix.
    let rows = 4
    let columns = 6
    let j = (world.rank + 1) % columns
    let column = try learner.columnDatatype(rows, columns)
    let right = (world.rank + 1) % world.size
    let left = (world.rank + world.size - 1) % world.size
    func matrix(_ owner: Int) -> [Double] { (0..<rows * columns).map { Double(owner * 100 + $0) } }
    var buffer = matrix(world.rank) + [Double](repeating: .nan, count: rows)
    let leftsColumn = (left + 1) % columns
    try world.sendReceive(
      within: &buffer, sendingFrom: j, count: 1, datatype: column, to: right, sendTag: 5,
      receivingAt: rows * columns, count: rows, datatype: .double, from: left, receiveTag: 5)
    let expected = (0..<rows).map { matrix(left)[$0 * columns + leftsColumn] }
    let got = Array(buffer.suffix(rows))
    report.add(
      Checks.that(
        "column-type", got.elementsEqual(expected) { $0 == $1 },
        expected: "column \(leftsColumn) of rank \(left)'s matrix: \(expected)", got: "\(got)"))
  }

  /// The periodic 2-D grid: one halo exchange, then steps of the stencil.
  static func grid(_ world: Communicator, _ learner: Chapter12.Learner, _ report: inout Report) throws {
    guard let grid = try world.cartesian(dimensions: [0, 0], periodic: [true, true]) else { return }
    let (pr, pc) = (grid.dimensions[0], grid.dimensions[1])
    let rows = Chapter12.tileRows
    let columns = Chapter12.tileColumns
    let globalRows = pr * rows
    let globalColumns = pc * columns
    let (r0, c0) = (grid.coordinates[0] * rows, grid.coordinates[1] * columns)
    let tile = Chapter12.Tile(rows: rows, columns: columns)
    for r in 0..<rows { for c in 0..<columns { tile[r, c] = Chapter12.initial(r0 + r, c0 + c) } }
    let column = try learner.columnDatatype(rows, tile.stride)
    Harness.announce("exchangeHalos on the periodic grid")
    try learner.exchangeHalos(tile, grid, column)
    // Every ghost (corners excepted) holds the neighbouring tile's edge cell.
    var wrong: [String] = []
    func expect(_ r: Int, _ c: Int, _ what: String) {
      let value = Chapter12.initial((r0 + r + globalRows) % globalRows, (c0 + c + globalColumns) % globalColumns)
      if !(tile[r, c] == value) && wrong.count < 4 {
        wrong.append("\(what) ghost (\(r), \(c)) is \(tile[r, c]), expected \(value)")
      }
    }
    for c in 0..<columns {
      expect(-1, c, "top")
      expect(rows, c, "bottom")
    }
    for r in 0..<rows {
      expect(r, -1, "left")
      expect(r, columns, "right")
    }
    report.add(
      Checks.that(
        "halo-2d", wrong.isEmpty,
        expected: "every ghost cell equal to the neighbouring tile's edge (periodic \(pr) x \(pc) grid)",
        got: wrong.isEmpty ? "all \(2 * (rows + columns)) are" : wrong.joined(separator: "; ")))
    // Ten steps: exchange, stencil.
    for _ in 0..<10 {
      Chapter12.step(tile)
      try learner.exchangeHalos(tile, grid, column)
    }
    let serial = Chapter12.serialGrid(rows: globalRows, columns: globalColumns, steps: 10)
    let expected = (0..<rows).flatMap { r in (0..<columns).map { c in serial[r0 + r][c0 + c] } }
    let got = (0..<rows).flatMap { r in (0..<columns).map { c in tile[r, c] } }
    report.add(Checks.allClose("stencil-2d", expected: expected, got: got, absolute: 1e-12))
  }
}
