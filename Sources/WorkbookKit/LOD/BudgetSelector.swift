/// One choice for one object: what drawing it at some level costs (seconds, predicted by a cost
/// model) and what it brings (benefit, in the units of the benefit model).
public struct LODOption: Equatable, Sendable {
  /// Predicted seconds to draw the object at this level.
  public var cost: Double
  /// What drawing it at this level is worth; only comparisons between options matter.
  public var benefit: Double

  /// An option from its cost and benefit.
  public init(cost: Double, benefit: Double) {
    self.cost = cost
    self.benefit = benefit
  }
}

/// A linear cost model: a fixed price per object drawn (state changes, a draw call) plus a price
/// per triangle. The workbook's models are stated, not measured: see the chapter for the numbers.
public struct CostModel: Equatable, Sendable {
  /// Seconds per object drawn, whatever its size.
  public var perObject: Double
  /// Seconds per triangle.
  public var perTriangle: Double

  /// A model from its two prices.
  public init(perObject: Double, perTriangle: Double) {
    self.perObject = perObject
    self.perTriangle = perTriangle
  }

  /// Predicted seconds to draw `triangles` triangles as one object.
  public func seconds(triangles: Int) -> Double { perObject + perTriangle * Double(triangles) }
}
