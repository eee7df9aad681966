import Foundation

/// A perspective camera in pure Swift that produces the same matrices as VTK 9.1's `vtkCamera`
/// (default settings: no window centre shift, no shear, no stereo, vertical view angle, no
/// model transform).
///
/// Chapters use it where VTK is not needed (scripted camera paths, software rasterising), and the
/// chapter demos compare its matrices with VTK's for the same camera, so the two cannot drift
/// apart unnoticed.
///
/// ```swift
/// let cam = PerspectiveCamera(position: SIMD3(0, 0, 10), focalPoint: .zero, near: 1, far: 100)
/// let frustum = Frustum(viewProjection: cam.viewProjection(aspect: 4.0 / 3.0))
/// ```
public struct PerspectiveCamera: Equatable, Sendable {
  /// Where the camera is, in world coordinates.
  public var position: SIMD3<Double>
  /// The point it looks at; with `position` it sets the view direction.
  public var focalPoint: SIMD3<Double>
  /// Which way is up. It need not be perpendicular to the view direction (`viewMatrix()`
  /// straightens it) but must not be parallel to it.
  public var viewUp: SIMD3<Double>
  /// Vertical field of view in degrees (VTK's default is 30).
  public var viewAngle: Double
  /// Clipping range: distances of the near and far planes along the view direction.
  public var near: Double
  /// Distance of the far plane along the view direction.
  public var far: Double

  /// A camera. The view angle and view-up defaults are VTK's; the clipping range defaults
  /// (0.1 to 1000) are this type's own, since VTK derives its range from the scene.
  public init(
    position: SIMD3<Double>, focalPoint: SIMD3<Double>, viewUp: SIMD3<Double> = SIMD3(0, 1, 0),
    viewAngle: Double = 30, near: Double = 0.1, far: Double = 1000
  ) {
    self.position = position
    self.focalPoint = focalPoint
    self.viewUp = viewUp
    self.viewAngle = viewAngle
    self.near = near
    self.far = far
  }

  /// Unit vector from the position toward the focal point.
  public var direction: SIMD3<Double> { (focalPoint - position).normalized }

  /// World → eye coordinates, as `vtkPerspectiveTransform::SetupCamera` builds it: rows are the
  /// camera's right, up and backward axes, then a translation by −position.
  public func viewMatrix() -> Matrix4 {
    let back = (position - focalPoint).normalized
    let right = viewUp.cross(back).normalized
    let up = back.cross(right)
    let t = -position
    return Matrix4(
      rows: SIMD4(right.x, right.y, right.z, right.dot(t)), SIMD4(up.x, up.y, up.z, up.dot(t)),
      SIMD4(back.x, back.y, back.z, back.dot(t)), SIMD4(0, 0, 0, 1))
  }

  /// Eye → clip coordinates, as `vtkCamera::GetProjectionTransformMatrix(aspect, nearz, farz)`:
  /// an OpenGL frustum whose near plane maps to z = `nearZ` and far plane to `farZ` after the
  /// division by w.
  public func projectionMatrix(aspect: Double, nearZ: Double = -1, farZ: Double = 1) -> Matrix4 {
    let halfHeight = near * tan(viewAngle * Double.pi / 360)
    let halfWidth = halfHeight * aspect
    // vtkPerspectiveTransform::Frustum with xmin = -halfWidth ... ymax = halfHeight.
    let f = Matrix4(
      rows: SIMD4(near / halfWidth, 0, 0, 0), SIMD4(0, near / halfHeight, 0, 0),
      SIMD4(0, 0, -(near + far) / (far - near), -2 * near * far / (far - near)), SIMD4(0, 0, -1, 0))
    // vtkPerspectiveTransform::AdjustZBuffer(-1, 1, nearZ, farZ), applied after the frustum.
    let scale = (farZ - nearZ) / 2
    let adjust = Matrix4(
      rows: SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(0, 0, scale, nearZ + scale), SIMD4(0, 0, 0, 1))
    return adjust * f
  }

  /// World → clip coordinates: `projection × view`, like
  /// `vtkCamera::GetCompositeProjectionTransformMatrix(aspect, nearz, farz)`.
  public func viewProjection(aspect: Double, nearZ: Double = -1, farZ: Double = 1) -> Matrix4 {
    projectionMatrix(aspect: aspect, nearZ: nearZ, farZ: farZ) * viewMatrix()
  }

  /// Pixels per world unit for a length facing the camera at distance 1, in a viewport
  /// `viewportHeight` pixels tall: `H / (2 tan(viewAngle / 2))`. Divide by the distance to get
  /// the scale at that distance.
  public func pixelsPerUnit(viewportHeight: Int) -> Double {
    Double(viewportHeight) / (2 * tan(viewAngle * Double.pi / 360))
  }

  /// How far `p` lies in front of the camera, along the view direction (negative behind it).
  public func depth(of p: SIMD3<Double>) -> Double { (p - position).dot(direction) }
}
