import Foundation
import MPI
import WorkbookKit

/// Chapter 12, communicators and topologies: rows and columns of processes by splitting,
/// derived datatypes for a struct and a matrix column, and a periodic 2-D grid of tiles whose
/// halos are exchanged with the column type.
public enum Chapter12 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "12-communicators-and-topologies"

  /// A particle as a simulation might keep it: a SIMD3<Float> (12 bytes of data in 16), a
  /// Float and an Int32. Aligned to 16, its stride is 32 bytes for 20 bytes of data.
  public struct Particle: Equatable, CustomStringConvertible {
    /// Where the particle is.
    public var position: SIMD3<Float>
    /// Its mass.
    public var mass: Float
    /// Its identifier.
    public var id: Int32

    /// A particle from its fields (all zero by default, e.g. for a receive buffer).
    public init(position: SIMD3<Float> = .zero, mass: Float = 0, id: Int32 = 0) {
      self.position = position
      self.mass = mass
      self.id = id
    }

    /// `Particle(id <id>, mass <m>, at <x>, <y>, <z>)`.
    public var description: String {
      "Particle(id \(id), mass \(mass), at \(position.x), \(position.y), \(position.z))"
    }
  }

  /// One process's tile of the global grid, with a ring of ghost cells: `(rows + 2) x
  /// (columns + 2)` values, row-major. Interior cells are rows 0..<rows, columns 0..<columns;
  /// ghosts are row -1 and row `rows`, column -1 and column `columns`.
  public final class Tile {
    /// Interior rows of the tile.
    public let rows: Int
    /// Interior columns of the tile.
    public let columns: Int
    /// Values per stored row: `columns + 2`.
    public var stride: Int { columns + 2 }
    /// All `(rows + 2) × stride` values, ghosts included, row-major from ghost row -1.
    public var values: [Double]

    /// A tile of `rows` × `columns` interior cells, every value (ghosts too) NaN, so a ghost
    /// nobody filled shows.
    public init(rows: Int, columns: Int) {
      self.rows = rows
      self.columns = columns
      values = [Double](repeating: .nan, count: (rows + 2) * (columns + 2))
    }

    /// Where cell (row, column) is in `values`; row and column may be -1 or one past the end
    /// (the ghosts).
    public func index(row: Int, column: Int) -> Int { (row + 1) * stride + (column + 1) }

    /// Cell (row, column); -1 and one past the end reach the ghosts (see `index(row:column:)`).
    public subscript(row: Int, column: Int) -> Double {
      get { values[index(row: row, column: column)] }
      set { values[index(row: row, column: column)] = newValue }
    }
  }

  /// The learner's four functions.
  public struct Learner {
    /// (world, columns) → this process's row communicator, ordered by column, and its column
    /// communicator, ordered by row, for rank r at row r / columns, column r % columns.
    public var rowAndColumn: (Communicator, Int) throws -> (row: Communicator, column: Communicator)
    /// A datatype describing one `Particle` in memory, extent included, so that arrays of
    /// particles can be sent as they are.
    public var particleDatatype: () throws -> Datatype
    /// (rows, values per row) → one column of a row-major matrix of doubles: sent with count 1
    /// from element j, it carries column j.
    public var columnDatatype: (Int, Int) throws -> Datatype
    /// Fills the tile's ghost ring with the edge cells of its four neighbours on the periodic
    /// grid; the datatype is the learner's column type for this tile (`stride` values per row).
    public var exchangeHalos: (Tile, CartesianCommunicator, Datatype) throws -> Void

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      rowAndColumn: @escaping (Communicator, Int) throws -> (row: Communicator, column: Communicator),
      particleDatatype: @escaping () throws -> Datatype,
      columnDatatype: @escaping (Int, Int) throws -> Datatype,
      exchangeHalos: @escaping (Tile, CartesianCommunicator, Datatype) throws -> Void
    ) {
      self.rowAndColumn = rowAndColumn
      self.particleDatatype = particleDatatype
      self.columnDatatype = columnDatatype
      self.exchangeHalos = exchangeHalos
    }
  }

  /// Rows and columns of processes: as square as possible, more rows than columns.
  static func processGrid(_ n: Int) -> (rows: Int, columns: Int) {
    let columns = (1...n).filter { n % $0 == 0 && $0 * $0 <= n }.max()!
    return (n / columns, columns)
  }

  /// Tile size per process, and the global grid's initial values (a smooth bump plus a
  /// pattern that tells cells apart).
  static let tileRows = 6, tileColumns = 5
  static func initial(_ gr: Int, _ gc: Int) -> Double {
    Double((gr * 7 + gc * 3) % 11) + (gr == 2 && gc == 3 ? 50 : 0)
  }

  /// One 5-point stencil step of a cell; the serial reference and the tiles use this same
  /// expression, so their results are identical.
  @inline(__always)
  static func stencil(_ c: Double, up: Double, down: Double, left: Double, right: Double) -> Double {
    c + 0.1 * (up + down + left + right - 4 * c)
  }

  /// The serial reference: `steps` steps on the whole periodic grid.
  static func serialGrid(rows: Int, columns: Int, steps: Int, initial: (Int, Int) -> Double = Chapter12.initial)
    -> [[Double]]
  {
    var g = (0..<rows).map { r in (0..<columns).map { c in initial(r, c) } }
    for _ in 0..<steps {
      g = (0..<rows).map { r in
        (0..<columns).map { c in
          stencil(
            g[r][c], up: g[(r + rows - 1) % rows][c], down: g[(r + 1) % rows][c],
            left: g[r][(c + columns - 1) % columns],
            right: g[r][(c + 1) % columns])
        }
      }
    }
    return g
  }

  /// One step on a tile after its halos were exchanged.
  static func step(_ tile: Tile) {
    var next = tile.values
    for r in 0..<tile.rows {
      for c in 0..<tile.columns {
        next[tile.index(row: r, column: c)] = stencil(
          tile[r, c], up: tile[r - 1, c], down: tile[r + 1, c], left: tile[r, c - 1],
          right: tile[r, c + 1])
      }
    }
    tile.values = next
  }

  /// Sample particles: every field different.
  static func particles(_ count: Int) -> [Particle] {
    (0..<count).map { (i: Int) -> Particle in
      let x = Float(i)
      return Particle(position: SIMD3<Float>(x, x * 0.5, -x), mass: 1 + x * 0.25, id: Int32(1000 + i))
    }
  }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try communicators(world, learner, &report)
      try datatypes(world, learner, &report)
      try grid(world, learner, &report)
    }
  }
}
