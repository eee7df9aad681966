import CVTKBridge

/// A viewpoint: position, focal point, up direction, view angle and clipping range.
/// Wraps `vtkCamera`; obtain one from `Renderer.activeCamera`.
public final class Camera: VTKObject {
  override class var vtkClassName: String { "vtkCamera" }

  /// `SetPosition` / `GetPosition`.
  public var position: SIMD3<Double> {
    get { fillVector { vtkb_camera_position(handle, $0) } }
    set { must(vtkb_camera_set_position(handle, newValue.x, newValue.y, newValue.z)) }
  }

  /// `SetFocalPoint` / `GetFocalPoint`.
  public var focalPoint: SIMD3<Double> {
    get { fillVector { vtkb_camera_focal_point(handle, $0) } }
    set { must(vtkb_camera_set_focal_point(handle, newValue.x, newValue.y, newValue.z)) }
  }

  /// `SetViewUp` / `GetViewUp`.
  public var viewUp: SIMD3<Double> {
    get { fillVector { vtkb_camera_view_up(handle, $0) } }
    set { must(vtkb_camera_set_view_up(handle, newValue.x, newValue.y, newValue.z)) }
  }

  /// `SetViewAngle` / `GetViewAngle`: the vertical field of view in degrees (default 30).
  public var viewAngle: Double {
    get { must(0.0) { vtkb_camera_view_angle(handle, $0) } }
    set { must(vtkb_camera_set_view_angle(handle, newValue)) }
  }

  /// `SetClippingRange` / `GetClippingRange`: near and far distances along the view direction.
  public var clippingRange: (near: Double, far: Double) {
    get {
      let r = fillDoubles(2) { vtkb_camera_clipping_range(handle, $0) }
      return (r[0], r[1])
    }
    set { must(vtkb_camera_set_clipping_range(handle, newValue.near, newValue.far)) }
  }

  /// `SetWindowCenter` / `GetWindowCenter`: where the centre of the window lies in the
  /// projection, in units of half the viewport (so (1, 0) puts the window's centre at what
  /// would be the right edge). VTK shifts the projection by it after the perspective divide,
  /// so a narrower view angle plus a window centre shows one tile of the full view: the camera
  /// of a tiled display.
  public var windowCenter: SIMD2<Double> {
    get {
      let c = fillDoubles(2) { vtkb_camera_window_center(handle, $0) }
      return SIMD2(c[0], c[1])
    }
    set { must(vtkb_camera_set_window_center(handle, newValue.x, newValue.y)) }
  }

  /// `SetParallelProjection`.
  public func setParallelProjection(_ on: Bool) { must(vtkb_camera_set_parallel_projection(handle, on ? 1 : 0)) }
  /// `Azimuth`: rotate about the view-up vector through the focal point.
  public func azimuth(_ degrees: Double) { must(vtkb_camera_azimuth(handle, degrees)) }
  /// `Elevation`: rotate about the cross of view-up and direction through the focal point.
  public func elevation(_ degrees: Double) { must(vtkb_camera_elevation(handle, degrees)) }
  /// `Dolly`: move toward the focal point (factor > 1) or away (< 1).
  public func dolly(_ factor: Double) { must(vtkb_camera_dolly(handle, factor)) }
  /// `OrthogonalizeViewUp`.
  public func orthogonalizeViewUp() { must(vtkb_camera_orthogonalize_view_up(handle)) }

  /// `GetFrustumPlanes(aspect, planes)`: six planes (a, b, c, d) with a·x + b·y + c·z + d ≥ 0
  /// inside, in the order left, right, bottom, top, near, far.
  public func frustumPlanes(aspect: Double) -> [SIMD4<Double>] {
    let p = fillDoubles(24) { vtkb_camera_frustum_planes(handle, aspect, $0) }
    return (0..<6).map { SIMD4(p[4 * $0], p[4 * $0 + 1], p[4 * $0 + 2], p[4 * $0 + 3]) }
  }

  /// `GetCompositeProjectionTransformMatrix(aspect, nearz, farz)`: projection × view, as 16
  /// numbers in row-major order. With `nearz = -1, farz = 1` it maps the view frustum to
  /// OpenGL's clip cube.
  public func compositeProjectionMatrix(aspect: Double, nearZ: Double = -1, farZ: Double = 1) -> [Double] {
    fillDoubles(16) { vtkb_camera_composite_projection(handle, aspect, nearZ, farZ, $0) }
  }

  /// `GetViewTransformMatrix`, row-major.
  public func viewMatrix() -> [Double] { fillDoubles(16) { vtkb_camera_view_matrix(handle, $0) } }

  /// `GetProjectionTransformMatrix(aspect, nearz, farz)`, row-major.
  public func projectionMatrix(aspect: Double, nearZ: Double = -1, farZ: Double = 1) -> [Double] {
    fillDoubles(16) { vtkb_camera_projection_matrix(handle, aspect, nearZ, farZ, $0) }
  }
}
