import CVTKBridge

/// Draws a set of props into a viewport of a render window with one camera.
/// Wraps `vtkRenderer` (made as `vtkOpenGLRenderer` by the factory).
///
/// A new renderer already holds one culler, a `vtkFrustumCoverageCuller`; `cullers` lists it.
public final class Renderer: VTKObject {
  override class var vtkClassName: String { "vtkRenderer" }

  /// An empty renderer with its default culler; its camera is made on first use.
  /// Wraps `vtkRenderer::New` through `vtkb_renderer_new`.
  public convenience init() { self.init(owning: vtkb_renderer_new()) }

  /// `AddViewProp`. VTK checks for duplicates, so adding n props costs O(n²): keep scenes to
  /// thousands of props, not millions.
  public func add(_ prop: Prop) { must(vtkb_renderer_add_prop(handle, prop.handle)) }
  /// `RemoveViewProp`.
  public func remove(_ prop: Prop) { must(vtkb_renderer_remove_prop(handle, prop.handle)) }
  /// `RemoveAllViewProps`.
  public func removeAllProps() { must(vtkb_renderer_remove_all_props(handle)) }
  /// `GetViewProps()->GetNumberOfItems()`.
  public var propCount: Int { Int(must(Int32(0)) { vtkb_renderer_prop_count(handle, $0) }) }

  /// `SetBackground`, components in 0...1.
  public func setBackground(_ r: Double, _ g: Double, _ b: Double) {
    must(vtkb_renderer_set_background(handle, r, g, b))
  }

  /// `SetLayer` / `GetLayer`: layer 0 is drawn first; higher layers draw over it without
  /// clearing colour. The window needs `layerCount` above the highest layer used.
  public var layer: Int {
    get { Int(must(Int32(0)) { vtkb_renderer_layer(handle, $0) }) }
    set { must(vtkb_renderer_set_layer(handle, Int32(newValue))) }
  }

  /// `SetViewport(xmin, ymin, xmax, ymax)` in normalised window coordinates.
  public func setViewport(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
    must(vtkb_renderer_set_viewport(handle, x0, y0, x1, y1))
  }

  /// `SetErase`: whether the renderer clears its viewport before drawing.
  public func setErase(_ on: Bool) { must(vtkb_renderer_set_erase(handle, on ? 1 : 0)) }
  /// `SetInteractive`.
  public func setInteractive(_ on: Bool) { must(vtkb_renderer_set_interactive(handle, on ? 1 : 0)) }

  /// `ResetCamera`: aims the camera at all visible props.
  public func resetCamera() { must(vtkb_renderer_reset_camera(handle)) }
  /// `ResetCameraClippingRange`.
  public func resetCameraClippingRange() { must(vtkb_renderer_reset_camera_clipping_range(handle)) }
  /// `GetActiveCamera` (created on first use).
  public var activeCamera: Camera {
    // GetActiveCamera makes a camera when there is none, so the handle is never null.
    Camera(owning: must(nil) { vtkb_renderer_active_camera(handle, $0) }!)
  }

  /// `AddCuller`.
  public func addCuller(_ c: Culler) { must(vtkb_renderer_add_culler(handle, c.handle)) }
  /// `RemoveCuller`.
  public func removeCuller(_ c: Culler) { must(vtkb_renderer_remove_culler(handle, c.handle)) }
  /// `GetCullers`: the cullers in the order they run, each a `FrustumCoverageCuller` when it is one.
  public var cullers: [Culler] {
    (0..<must(Int32(0)) { vtkb_renderer_culler_count(handle, $0) }).compactMap { i -> Culler? in
      // The bridge hands out only vtkCullers; the subclass is a down-cast.
      let h = must(nil) { vtkb_renderer_culler(handle, i, $0) }
      if vtkb_is_a(h, FrustumCoverageCuller.vtkClassName) != 0 { return FrustumCoverageCuller.wrap(h) }
      return Culler.wrap(h)
    }
  }
  /// Removes every culler (`RemoveCuller` for each), so that every prop is drawn.
  public func removeAllCullers() {
    for c in cullers { removeCuller(c) }
  }

  /// `GetNumberOfPropsRendered`: props drawn in the last frame, counted once per render pass
  /// that drew them (a prop drawn in two passes counts twice); culled props do not count.
  public var propsRendered: Int { Int(must(Int32(0)) { vtkb_renderer_props_rendered(handle, $0) }) }
  /// `GetLastRenderTimeInSeconds`: wall-clock seconds the renderer's last `Render` call took,
  /// on the CPU side (the GPU may still be busy when it returns).
  public var lastRenderTime: Double { must(0.0) { vtkb_renderer_last_render_time(handle, $0) } }

  /// `SetAllocatedRenderTime` / `GetAllocatedRenderTime`: the renderer's time budget in seconds.
  /// The render window overwrites it with `1 / (desiredUpdateRate × renderers)` when that rate
  /// changes and whenever a renderer is added to it.
  public var allocatedRenderTime: Double {
    get { must(0.0) { vtkb_renderer_allocated_render_time(handle, $0) } }
    set { must(vtkb_renderer_set_allocated_render_time(handle, newValue)) }
  }
}
