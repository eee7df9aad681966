/// Where an object lands on screen, for an occlusion test: the pixels whose centres its
/// projection may cover, and the smallest window depth any of its points can have.
///
/// Both are conservative: every pixel the object covers is in the rectangle (it is rounded
/// outward), and no point of the object is nearer than `minDepth` (the nearest corner: depth is
/// monotonic along the view direction, and a box's nearest point is a corner).
public struct ScreenRect: Equatable, Sendable {
  /// Inclusive pixel ranges; empty (`x0 > x1` or `y0 > y1`) when no pixel centre is covered.
  public var x0: Int, x1: Int, y0: Int, y1: Int
  /// Nearest window depth of the object, in [0, 1].
  public var minDepth: Double
  /// The object reaches behind the near plane: it cannot be projected, so it is never culled.
  public var crossesNear: Bool

  /// A rectangle from its parts.
  public init(x0: Int, x1: Int, y0: Int, y1: Int, minDepth: Double, crossesNear: Bool = false) {
    self.x0 = x0
    self.x1 = x1
    self.y0 = y0
    self.y1 = y1
    self.minDepth = minDepth
    self.crossesNear = crossesNear
  }

  /// An object that reaches behind the near plane.
  public static let nearCrossing = ScreenRect(x0: 0, x1: -1, y0: 0, y1: -1, minDepth: 0, crossesNear: true)

  /// No pixel centre inside.
  public var isEmpty: Bool { x0 > x1 || y0 > y1 }
}
