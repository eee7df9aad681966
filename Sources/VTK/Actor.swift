import CVTKBridge

/// Anything a renderer can draw. Wraps `vtkProp`.
///
/// The renderer gives each visible prop a slice of the frame's time budget
/// (`allocatedRenderTime`); props that can adapt (the LOD props) use it to choose how much
/// detail to draw, and report what they expect to cost (`estimatedRenderTime`).
open class Prop: VTKObject {
  /// `SetVisibility` / `GetVisibility`.
  public var isVisible: Bool {
    get { vtkb_prop_visibility(handle) != 0 }
    set { vtkb_prop_set_visibility(handle, newValue ? 1 : 0) }
  }

  /// `GetAllocatedRenderTime`: seconds the renderer gave this prop for its last frame.
  public var allocatedRenderTime: Double { vtkb_prop_allocated_render_time(handle) }

  /// `GetEstimatedRenderTime`: what the prop expects its next frame to cost, in seconds.
  public var estimatedRenderTime: Double { vtkb_prop_estimated_render_time(handle) }

  /// `GetRenderTimeMultiplier`: the culler's share for this prop (its screen coverage), which
  /// scales the prop's allocated time.
  public var renderTimeMultiplier: Double { vtkb_prop_render_time_multiplier(handle) }
}

/// A prop with a position in space. Wraps `vtkProp3D`.
open class Prop3D: Prop {
  /// `SetPosition`.
  public func setPosition(_ p: SIMD3<Double>) { vtkb_prop3d_set_position(handle, p.x, p.y, p.z) }
  /// `SetScale` with the same factor on every axis.
  public func setScale(_ s: Double) { vtkb_prop3d_set_scale(handle, s) }
  /// `GetBounds` in world coordinates. For an actor this asks the mapper, which may run the
  /// pipeline unless the mapper is static.
  public var bounds: Bounds { fillBounds { vtkb_prop3d_bounds(handle, $0) } }
}

/// Surface representation of an actor's property. Wraps `vtkProperty::SetRepresentation`.
public enum Representation: Int32, Sendable {
  /// `VTK_POINTS` (only the points), `VTK_WIREFRAME` (only the edges), `VTK_SURFACE` (filled
  /// polygons, VTK's default).
  case points = 0, wireframe = 1, surface = 2
}

/// Geometry (through a mapper) with a property (colour, opacity) and a transform.
/// Wraps `vtkActor` (made as `vtkOpenGLActor` by the factory).
open class Actor: Prop3D {
  /// An actor with no mapper yet, so it draws nothing until `setMapper(_:)`.
  /// Wraps `vtkActor::New` through `vtkb_actor_new`.
  public convenience init() { self.init(owning: vtkb_actor_new()) }

  /// An actor drawing `mapper`.
  public convenience init(mapper: PolyDataMapper) {
    self.init()
    setMapper(mapper)
  }

  /// `SetMapper`.
  public func setMapper(_ mapper: PolyDataMapper) { vtkb_actor_set_mapper(handle, mapper.handle) }
  /// `GetMapper`, nil when none is set.
  public var mapper: PolyDataMapper? { PolyDataMapper.wrap(vtkb_actor_mapper(handle)) }
  /// `GetProperty()->SetColor`, components in 0...1.
  public func setColor(_ r: Double, _ g: Double, _ b: Double) { vtkb_actor_set_color(handle, r, g, b) }
  /// `GetProperty()->SetOpacity`.
  public func setOpacity(_ a: Double) { vtkb_actor_set_opacity(handle, a) }
  /// `GetProperty()->SetLighting`: off draws the flat colour, which makes pixel checks exact.
  public func setLighting(_ on: Bool) { vtkb_actor_set_lighting(handle, on ? 1 : 0) }
  /// `GetProperty()->SetRepresentation`.
  public func setRepresentation(_ r: Representation) { vtkb_actor_set_representation(handle, r.rawValue) }
  /// `GetProperty()->SetPointSize`.
  public func setPointSize(_ size: Double) { vtkb_actor_set_point_size(handle, size) }
}
