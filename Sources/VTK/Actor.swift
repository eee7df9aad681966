import CVTKBridge

/// Anything a renderer can draw. Wraps `vtkProp`.
///
/// The renderer gives each visible prop a slice of the frame's time budget
/// (`allocatedRenderTime`); props that can adapt (the LOD props) use it to choose how much
/// detail to draw, and report what they expect to cost (`estimatedRenderTime`).
open class Prop: VTKObject {
  override class var vtkClassName: String { "vtkProp" }

  /// `SetVisibility` / `GetVisibility`.
  public var isVisible: Bool {
    get { must(Int32(0)) { vtkb_prop_visibility(handle, $0) } != 0 }
    set { must(vtkb_prop_set_visibility(handle, newValue ? 1 : 0)) }
  }

  /// `GetAllocatedRenderTime`: seconds the renderer gave this prop for its last frame.
  public var allocatedRenderTime: Double { must(0.0) { vtkb_prop_allocated_render_time(handle, $0) } }

  /// `GetEstimatedRenderTime`: what the prop expects its next frame to cost, in seconds.
  public var estimatedRenderTime: Double { must(0.0) { vtkb_prop_estimated_render_time(handle, $0) } }

  /// `GetRenderTimeMultiplier`: the culler's share for this prop (its screen coverage), which
  /// scales the prop's allocated time.
  public var renderTimeMultiplier: Double { must(0.0) { vtkb_prop_render_time_multiplier(handle, $0) } }
}

/// A prop with a position in space. Wraps `vtkProp3D`.
open class Prop3D: Prop {
  override class var vtkClassName: String { "vtkProp3D" }

  /// `SetPosition`.
  public func setPosition(_ p: SIMD3<Double>) { must(vtkb_prop3d_set_position(handle, p.x, p.y, p.z)) }
  /// `SetScale` with the same factor on every axis.
  public func setScale(_ s: Double) { must(vtkb_prop3d_set_scale(handle, s)) }
  /// `GetBounds` in world coordinates. For an actor this asks the mapper, which may run the
  /// pipeline unless the mapper is static.
  public var bounds: Bounds { fillBounds { vtkb_prop3d_bounds(handle, $0) } }
}

/// Surface representation of an actor's property. Wraps `vtkProperty::SetRepresentation`.
public enum Representation: Int32, Sendable {
  /// `VTK_POINTS` (only the points), `VTK_WIREFRAME` (only the edges), `VTK_SURFACE` (filled
  /// polygons, VTK's default).
  case points = 0
  case wireframe = 1
  case surface = 2
}

/// Geometry (through a mapper) with a property (colour, opacity) and a transform.
/// Wraps `vtkActor` (made as `vtkOpenGLActor` by the factory).
open class Actor: Prop3D {
  override class var vtkClassName: String { "vtkActor" }

  /// An actor with no mapper yet, so it draws nothing until `setMapper(_:)`.
  /// Wraps `vtkActor::New` through `vtkb_actor_new`.
  public convenience init() { self.init(owning: vtkb_actor_new()) }

  /// An actor drawing `mapper`.
  public convenience init(mapper: PolyDataMapper) {
    self.init()
    setMapper(mapper)
  }

  /// `SetMapper`.
  public func setMapper(_ mapper: PolyDataMapper) { must(vtkb_actor_set_mapper(handle, mapper.handle)) }
  /// `GetMapper`, nil when none is set or when it is not a `vtkPolyDataMapper`.
  public var mapper: PolyDataMapper? { PolyDataMapper.wrap(must(nil) { vtkb_actor_mapper(handle, $0) }) }
  /// `GetProperty()->SetColor`, components in 0...1.
  public func setColor(_ r: Double, _ g: Double, _ b: Double) { must(vtkb_actor_set_color(handle, r, g, b)) }
  /// `GetProperty()->SetOpacity`.
  public func setOpacity(_ a: Double) { must(vtkb_actor_set_opacity(handle, a)) }
  /// `GetProperty()->SetLighting`: off draws the flat colour, which makes pixel checks exact.
  public func setLighting(_ on: Bool) { must(vtkb_actor_set_lighting(handle, on ? 1 : 0)) }
  /// `GetProperty()->SetRepresentation`.
  public func setRepresentation(_ r: Representation) { must(vtkb_actor_set_representation(handle, r.rawValue)) }
  /// `GetProperty()->SetPointSize`.
  public func setPointSize(_ size: Double) { must(vtkb_actor_set_point_size(handle, size)) }
}
