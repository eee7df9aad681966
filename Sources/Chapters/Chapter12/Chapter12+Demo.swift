import Foundation
import Imaging
import MPI
import WorkbookKit

/// Chapter 12's demo.
extension Chapter12 {
  /// The demo: splits and groups, the Cartesian grid, the derived types, and a 2-D heat
  /// simulation on the grid written as a picture.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try run(world, &report)
    }
  }

  static func run(_ world: Communicator, _ report: inout Report) throws {
    let n = world.size
    let r = world.rank
    let (prows, pcols) = Chapter12.processGrid(n)

    // 1. Rows and columns by MPI_Comm_split.
    let (row, column) = try referenceRowAndColumn(world, pcols)
    let rowSum = try row.allReduce(r, op: .sum)
    let columnSum = try column.allReduce(r, op: .sum)
    let table = try world.gather([
      Int32(r / pcols), Int32(r % pcols), Int32(row.rank), Int32(column.rank), Int32(rowSum), Int32(columnSum),
    ])
    if let table {
      print(
        "1. \(n) ranks as a \(prows) x \(pcols) grid, split into rows (colour rank / \(pcols)) and columns (colour rank % \(pcols)):"
      )
      print("   rank  row col  rank-in-row rank-in-column  sum of world ranks in my row / column")
      for k in 0..<n {
        let t = Array(table[(6 * k)..<(6 * k + 6)])
        print(
          "   \(k)".padding(toLength: 8, withPad: " ", startingAt: 0)
            + "\(t[0])   \(t[1])    \(t[2])           \(t[3])              \(t[4]) / \(t[5])")
      }
    }

    // 2. Groups: the even ranks, a communicator for them, and where they sit in it.
    let evens = try world.group().including(Array(stride(from: 0, to: n, by: 2)))
    let evenComm = try world.create(group: evens)
    let translated = try evens.translate(Array(0..<(try evens.size())), to: try world.group())
    if r == 0 {
      print(
        "\n2. The group of even ranks has \(try evens.size()) members; its ranks 0, 1, ... are world ranks \(translated.map { $0.map(String.init) ?? "-" }.joined(separator: ", "))."
      )
      print("   MPI_Comm_create gives them a communicator (size \(evenComm?.size ?? 0)); odd ranks get none.")
    }

    // 3. A periodic Cartesian grid and the neighbours MPI_Cart_shift finds.
    let grid = try world.cartesian(dimensions: [0, 0], periodic: [true, true])!
    let up = try grid.shift(axis: 0)
    let side = try grid.shift(axis: 1)
    let neighbours = try world.gather([
      Int32(grid.coordinates[0]), Int32(grid.coordinates[1]), Int32(up.source), Int32(up.destination),
      Int32(side.source), Int32(side.destination),
    ])
    if let neighbours {
      print(
        "\n3. MPI_Cart_create, \(grid.dimensions[0]) x \(grid.dimensions[1]), periodic; MPI_Cart_shift along each axis:"
      )
      print("   rank  coords   above below  left right")
      for k in 0..<n {
        let t = Array(neighbours[(6 * k)..<(6 * k + 6)])
        print("   \(k)     (\(t[0]), \(t[1]))   \(t[2])     \(t[3])      \(t[4])    \(t[5])")
      }
    }

    // 4. Derived types.
    let particle = try referenceParticleDatatype()
    let columnType = try referenceColumnDatatype(Chapter12.tileRows, Chapter12.tileColumns + 2)
    if r == 0 {
      print(
        "\n4. Particle: \(try particle.size()) bytes of data, extent \(try particle.extent().extent) (Swift: size \(MemoryLayout<Chapter12.Particle>.size), stride \(MemoryLayout<Chapter12.Particle>.stride))."
      )
      print(
        "   A tile column: \(try columnType.size()) bytes of data spread over \(try columnType.extent().extent) bytes (MPI_Type_vector)."
      )
    }

    // 5. Heat on the periodic grid of tiles, 60 steps, as a picture.
    let rows = 24
    let columns = 32
    let tile = Chapter12.Tile(rows: rows, columns: columns)
    let (r0, c0) = (grid.coordinates[0] * rows, grid.coordinates[1] * columns)
    for i in 0..<rows {
      for j in 0..<columns {
        tile[i, j] = hotSpot(r0 + i, c0 + j, grid.dimensions[0] * rows, grid.dimensions[1] * columns)
      }
    }
    let tileColumn = try referenceColumnDatatype(rows, tile.stride)
    for _ in 0..<60 {
      try referenceExchange(tile, grid, tileColumn)
      Chapter12.step(tile)
    }
    let interior = (0..<rows).flatMap { i in (0..<columns).map { j in tile[i, j] } }
    let tiles = try grid.gather(interior + [Double(grid.coordinates[0]), Double(grid.coordinates[1])])
    report.metric("grid-rows", Double(grid.dimensions[0]), unit: "processes")
    guard let tiles else { return }
    let (gh, gw) = (grid.dimensions[0] * rows, grid.dimensions[1] * columns)
    var image = RGBAImage(width: gw * 4, height: gh * 4, fill: RGBA(0, 0, 0))
    let per = rows * columns + 2
    for k in 0..<n {
      let t = Array(tiles[(k * per)..<((k + 1) * per)])
      let (tr, tc) = (Int(t[per - 2]), Int(t[per - 1]))
      for i in 0..<rows {
        for j in 0..<columns {
          let v = min(1, max(0, t[i * columns + j] / 30))
          var color = RGBA(UInt8(255 * v), UInt8(90 * (1 - v)), UInt8(255 * (1 - v)))
          if i == 0 || j == 0 { color = RGBA(230, 230, 230) }  // tile borders
          for y in 0..<4 { for x in 0..<4 { image[(tc * columns + j) * 4 + x, (tr * rows + i) * 4 + y] = color } }
        }
      }
    }
    // The same 60 steps on the whole grid in one process must give the same numbers.
    let serial = Chapter12.serialGrid(rows: gh, columns: gw, steps: 60) { hotSpot($0, $1, gh, gw) }
    var worst = 0.0
    for k in 0..<n {
      let t = Array(tiles[(k * per)..<((k + 1) * per)])
      let (tr, tc) = (Int(t[per - 2]), Int(t[per - 1]))
      for i in 0..<rows {
        for j in 0..<columns { worst = max(worst, abs(t[i * columns + j] - serial[tr * rows + i][tc * columns + j])) }
      }
    }
    report.add(
      Checks.atMost(
        "demo-heat-matches-serial", 1e-12, got: worst, detail: "largest difference from the serial computation"))
    let path = Harness.outputDirectory(chapter: Chapter12.name) + "/heat.png"
    try image.writePNG(to: path)
    print(
      "\n5. Heat spreading on the periodic grid, 60 steps, one \(rows) x \(columns) tile per rank (grey lines: tile borders): \(path)"
    )
  }

  /// Two hot spots, one near a corner so that heat wraps around both axes.
  static func hotSpot(_ r: Int, _ c: Int, _ h: Int, _ w: Int) -> Double {
    func bump(_ cr: Double, _ cc: Double) -> Double {
      let dr = min(abs(Double(r) - cr), Double(h) - abs(Double(r) - cr))
      let dc = min(abs(Double(c) - cc), Double(w) - abs(Double(c) - cc))
      return 100 * exp(-(dr * dr + dc * dc) / 18)
    }
    return bump(1, 1) + bump(Double(h) * 0.6, Double(w) * 0.55)
  }
}
