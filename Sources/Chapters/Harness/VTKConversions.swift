import VTK
import WorkbookKit

// The one place where the workbook's own geometry types meet VTK's.

extension AABB {
  /// The same box as VTK's bounds (`vtkProp3D::GetBounds`, reordered to min and max corners).
  public init(_ bounds: Bounds) { self.init(min: bounds.min, max: bounds.max) }
}

extension Camera {
  /// Gives this VTK camera the parameters of a WorkbookKit `PerspectiveCamera` (position, focal
  /// point, view-up, view angle, clipping range), so both produce the same matrices.
  func configure(from c: PerspectiveCamera) {
    position = c.position
    focalPoint = c.focalPoint
    viewUp = c.viewUp
    viewAngle = c.viewAngle
    clippingRange = (c.near, c.far)
  }
}
