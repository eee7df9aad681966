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
    LODChain(levels: segments.map { n in
      LODLevel(triangles: 2 * n * (n / 2 - 1), geometricError: radius * (1 - cos(Double.pi / Double(n))))
    })
  }

  /// The geometric errors, finest first.
  public var errors: [Double] { levels.map(\.geometricError) }
}

/// Screen-space error: a geometric error seen from the camera, in pixels.
///
/// A length `e` facing the camera at distance `d` covers `e · ppu / d` pixels, where `ppu`
/// (`PerspectiveCamera.pixelsPerUnit`) is `H / (2 tan(viewAngle / 2))` for a viewport `H` pixels
/// tall. A level whose error projects to at most `threshold` pixels looks the same as the full
/// mesh, so the cheapest such level is the one to draw.
public enum ScreenSpaceError {
  /// `error · pixelsPerUnit / distance`: the error in pixels. Distances below 1e-9 count as 1e-9.
  public static func pixels(error: Double, distance: Double, pixelsPerUnit: Double) -> Double {
    error * pixelsPerUnit / max(distance, 1e-9)
  }

  /// The coarsest level whose projected error is at most `threshold` pixels (level 0 when none is).
  public static func select(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double) -> Int {
    var best = 0
    for k in errors.indices where pixels(error: errors[k], distance: distance, pixelsPerUnit: pixelsPerUnit) <= threshold {
      best = k
    }
    return best
  }

  /// The same choice with hysteresis, so that an object near a threshold does not flip every
  /// frame ("popping").
  ///
  /// Refining is immediate: when the `previous` level's error exceeds `threshold`, the result is
  /// `select` (a finer level). Coarsening must clear a stricter bar: the result is the coarsest
  /// level at or above `previous` whose error is at most `threshold · (1 − band)`; if no coarser
  /// level does, the object stays at `previous`. With `band = 0` this is `select` again (for
  /// errors that grow with the level).
  public static func selectWithHysteresis(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double,
                                          band: Double, previous: Int) -> Int {
    let px = { (k: Int) in pixels(error: errors[k], distance: distance, pixelsPerUnit: pixelsPerUnit) }
    guard errors.indices.contains(previous), px(previous) <= threshold else {
      return select(errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit, threshold: threshold)
    }
    var best = previous
    for k in previous..<errors.count where px(k) <= threshold * (1 - band) { best = k }
    return best
  }

  /// How many times consecutive entries differ: level switches along a sequence.
  public static func switches(_ levels: [Int]) -> Int {
    zip(levels, levels.dropFirst()).filter { $0 != $1 }.count
  }
}
