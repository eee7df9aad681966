import Foundation

/// One level of detail of an object: how many triangles it draws and how far, at most, its
/// surface strays from the true shape (its geometric error, in world units).
public struct LODLevel: Equatable, Sendable {
  /// Triangles drawn at this level.
  public var triangles: Int
  /// The largest distance between this level's surface and the true shape, in world units.
  public var geometricError: Double

  /// A level from its triangle count and error.
  public init(triangles: Int, geometricError: Double) {
    self.triangles = triangles
    self.geometricError = geometricError
  }
}

/// An object's levels of detail, finest first (level 0), each coarser one with fewer triangles
/// and a larger error.
///
/// `sphere(radius:segments:)` builds the chain of a UV sphere: `n` segments around and `n / 2`
/// rings, `2 n (n/2 − 1)` triangles, and a chord error `r (1 − cos(π / n))`, the gap between the
/// middle of an edge and the true sphere (a facet's centre lies about twice as far). Real
/// numbers for a real mesh, so the policies have something honest to trade.
///
/// ```swift
/// let chain = LODChain.sphere(radius: 2, segments: [128, 64, 32, 16, 8])
/// chain.levels[4]   // 48 triangles, error ≈ 0.152
/// ```
public struct LODChain: Equatable, Sendable {
  /// The levels, finest (level 0) first.
  public var levels: [LODLevel]

  /// A chain from its levels, finest first; nothing checks the order.
  /// - Precondition: at least one level.
  public init(levels: [LODLevel]) {
    precondition(!levels.isEmpty, "an object needs at least one level")
    self.levels = levels
  }

  /// A UV sphere at each resolution in `segments` (give them finest first).
  public static func sphere(radius: Double, segments: [Int]) -> LODChain {
    LODChain(
      levels: segments.map { n in
        LODLevel(triangles: 2 * n * (n / 2 - 1), geometricError: radius * (1 - cos(Double.pi / Double(n))))
      })
  }

  /// The geometric errors, finest first.
  public var errors: [Double] { levels.map(\.geometricError) }
}
