/// Where a bounding volume lies relative to a plane or a frustum.
public enum Containment: UInt8, Sendable, CaseIterable {
  /// Entirely on the outer side: it cannot be seen, cull it.
  case outside
  /// Partly inside: keep it (a hierarchy must look at its children).
  case intersecting
  /// Entirely inside: keep it (a hierarchy can accept everything below without more tests).
  case inside
}
