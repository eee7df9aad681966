import CVTKBridge

/// Draws a set of props into a viewport of a render window with one camera.
/// Wraps `vtkRenderer` (made as `vtkOpenGLRenderer` by the factory).
///
/// A new renderer already holds one culler, a `vtkFrustumCoverageCuller`; `cullers` lists it.
public final class Renderer: VTKObject {
  /// An empty renderer with its default culler; its camera is made on first use.
  /// Wraps `vtkRenderer::New` through `vtkb_renderer_new`.
  public convenience init() { self.init(owning: vtkb_renderer_new()) }

  /// `AddViewProp`. VTK checks for duplicates, so adding n props costs O(n²): keep scenes to
  /// thousands of props, not millions.
  public func add(_ prop: Prop) { vtkb_renderer_add_prop(handle, prop.handle) }
  /// `RemoveViewProp`.
  public func remove(_ prop: Prop) { vtkb_renderer_remove_prop(handle, prop.handle) }
  /// `RemoveAllViewProps`.
  public func removeAllProps() { vtkb_renderer_remove_all_props(handle) }
  /// `GetViewProps()->GetNumberOfItems()`.
  public var propCount: Int { Int(vtkb_renderer_prop_count(handle)) }

  /// `SetBackground`, components in 0...1.
  public func setBackground(_ r: Double, _ g: Double, _ b: Double) { vtkb_renderer_set_background(handle, r, g, b) }

  /// `SetLayer` / `GetLayer`: layer 0 is drawn first; higher layers draw over it without
  /// clearing colour. The window needs `layerCount` above the highest layer used.
  public var layer: Int {
    get { Int(vtkb_renderer_layer(handle)) }
    set { vtkb_renderer_set_layer(handle, Int32(newValue)) }
  }

  /// `SetViewport(xmin, ymin, xmax, ymax)` in normalised window coordinates.
  public func setViewport(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
    vtkb_renderer_set_viewport(handle, x0, y0, x1, y1)
  }

  /// `SetErase`: whether the renderer clears its viewport before drawing.
  public func setErase(_ on: Bool) { vtkb_renderer_set_erase(handle, on ? 1 : 0) }
  /// `SetInteractive`.
  public func setInteractive(_ on: Bool) { vtkb_renderer_set_interactive(handle, on ? 1 : 0) }

  /// `ResetCamera`: aims the camera at all visible props.
  public func resetCamera() { vtkb_renderer_reset_camera(handle) }
  /// `ResetCameraClippingRange`.
  public func resetCameraClippingRange() { vtkb_renderer_reset_camera_clipping_range(handle) }
  /// `GetActiveCamera` (created on first use).
  public var activeCamera: Camera { Camera(owning: vtkb_renderer_active_camera(handle)) }

  /// `AddCuller`.
  public func addCuller(_ c: Culler) { vtkb_renderer_add_culler(handle, c.handle) }
  /// `RemoveCuller`.
  public func removeCuller(_ c: Culler) { vtkb_renderer_remove_culler(handle, c.handle) }
  /// `GetCullers`: the cullers in the order they run.
  public var cullers: [Culler] {
    (0..<Int(vtkb_renderer_culler_count(handle))).compactMap { i -> Culler? in
      guard let h = vtkb_renderer_culler(handle, Int32(i)) else { return nil }
      return vtkb_is_a(h, "vtkFrustumCoverageCuller") != 0 ? FrustumCoverageCuller(owning: h) : Culler(owning: h)
    }
  }
  /// Removes every culler (`RemoveCuller` for each), so that every prop is drawn.
  public func removeAllCullers() {
    for c in cullers { removeCuller(c) }
  }

  /// `GetNumberOfPropsRendered`: props drawn in the last frame, counted once per render pass
  /// that drew them (a prop drawn in two passes counts twice); culled props do not count.
  public var propsRendered: Int { Int(vtkb_renderer_props_rendered(handle)) }
  /// `GetLastRenderTimeInSeconds`: wall-clock seconds the renderer's last `Render` call took,
  /// on the CPU side (the GPU may still be busy when it returns).
  public var lastRenderTime: Double { vtkb_renderer_last_render_time(handle) }

  /// `SetAllocatedRenderTime` / `GetAllocatedRenderTime`: the renderer's time budget in seconds.
  /// The render window overwrites it with `1 / (desiredUpdateRate × renderers)` when that rate
  /// changes and whenever a renderer is added to it.
  public var allocatedRenderTime: Double {
    get { vtkb_renderer_allocated_render_time(handle) }
    set { vtkb_renderer_set_allocated_render_time(handle, newValue) }
  }
}
