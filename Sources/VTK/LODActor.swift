import CVTKBridge

/// An actor that draws a cheaper version of itself when the frame has little time.
/// Wraps `vtkLODActor`.
///
/// How it chooses, in VTK 9.1 (`vtkLODActor::Render`): it compares the full mapper's measured
/// `timeToDraw` with the time the renderer allotted it. If the full mapper fits, it draws that.
/// Otherwise it walks its LOD mappers and takes the slowest one that fits, or the fastest when
/// none fits. (VTK takes a mapper whose time is 0 at once, as never drawn, but OpenGL2 mappers
/// start at 0.0001 s, so in VTK 9.1 that shortcut never fires.) If you add no LOD
/// mappers, its first render builds two: a random point cloud of `cloudPointCount` points
/// (`vtkMaskPoints`, medium) and the bounding-box outline (`vtkOutlineFilter`, low).
/// There is no `SetLODResolution` in VTK, whatever some tutorials say.
public final class LODActor: Actor {
  override class var vtkClassName: String { "vtkLODActor" }

  /// An LOD actor with no mapper and no LOD mappers yet.
  /// Wraps `vtkLODActor::New` through `vtkb_lod_actor_new`.
  public convenience init() { self.init(owning: vtkb_lod_actor_new()) }

  /// `AddLODMapper`: another representation to choose from. Adding one stops the actor from
  /// building its own point cloud and outline.
  public func addLODMapper(_ mapper: PolyDataMapper) { must(vtkb_lod_actor_add_lod_mapper(handle, mapper.handle)) }

  /// `SetNumberOfCloudPoints` / `GetNumberOfCloudPoints` (default 150).
  public var cloudPointCount: Int {
    get { Int(must(Int32(0)) { vtkb_lod_actor_cloud_points(handle, $0) }) }
    set { must(vtkb_lod_actor_set_cloud_points(handle, Int32(newValue))) }
  }

  /// `GetLODMappers`: the mappers it may draw instead of the full one. Empty before the first
  /// render unless you added some; afterwards includes the point cloud and outline it built.
  /// Mappers that are not `vtkPolyDataMapper`s are left out.
  public var lodMappers: [PolyDataMapper] {
    (0..<must(Int32(0)) { vtkb_lod_actor_lod_mapper_count(handle, $0) }).compactMap { i in
      PolyDataMapper.wrap(must(nil) { vtkb_lod_actor_lod_mapper(handle, i, $0) })
    }
  }

  /// `SetMediumResFilter`: replaces the point-cloud filter (for example with a decimation).
  public func setMediumResolutionFilter(_ filter: Algorithm) {
    must(vtkb_lod_actor_set_medium_res_filter(handle, filter.handle))
  }

  /// `SetLowResFilter`: replaces the outline filter.
  public func setLowResolutionFilter(_ filter: Algorithm) {
    must(vtkb_lod_actor_set_low_res_filter(handle, filter.handle))
  }

  /// `GetMediumResFilter`, nil until set or built by the first render.
  public var mediumResolutionFilter: Algorithm? {
    Algorithm.wrap(must(nil) { vtkb_lod_actor_medium_res_filter(handle, $0) })
  }
  /// `GetLowResFilter`, nil until set or built by the first render.
  public var lowResolutionFilter: Algorithm? {
    Algorithm.wrap(must(nil) { vtkb_lod_actor_low_res_filter(handle, $0) })
  }
}

/// A prop holding several mappers, each with a time estimate, and choosing one per frame.
/// Wraps `vtkLODProp3D`.
///
/// Selection (VTK 9.1, `vtkLODProp3D::SetAllocatedRenderTime`): with automatic selection on it
/// picks the LOD with the largest estimated time that still fits the allotted time; when none
/// fits it takes the fastest. Then *levels* may overrule it: an LOD no slower than that choice
/// with a strictly lower level replaces it (lower is better quality; every level starts at 0,
/// so this matters only once you set levels). With automatic selection off it draws
/// `selectedLOD`. Picking has its own switch: `setAutomaticPickSelection(_:)`,
/// `setSelectedPickLOD(_:)`.
public final class LODProp3D: Prop3D {
  override class var vtkClassName: String { "vtkLODProp3D" }

  /// An LOD prop with no levels; add them with `addLOD(_:estimatedTime:)`.
  /// Wraps `vtkLODProp3D::New` through `vtkb_lod_prop3d_new`.
  public convenience init() { self.init(owning: vtkb_lod_prop3d_new()) }

  /// `AddLOD(mapper, time)`: adds a level with an initial time estimate in seconds (0 means
  /// "unknown": VTK then measures it the first time it is drawn). Returns the LOD's id.
  @discardableResult
  public func addLOD(_ mapper: PolyDataMapper, estimatedTime: Double) -> Int {
    Int(must(Int32(0)) { vtkb_lod_prop3d_add_lod(handle, mapper.handle, estimatedTime, $0) })
  }

  /// `GetNumberOfLODs`.
  public var lodCount: Int { Int(must(Int32(0)) { vtkb_lod_prop3d_count(handle, $0) }) }

  /// `SetAutomaticLODSelection` / `GetAutomaticLODSelection` (on by default).
  public var automaticSelection: Bool {
    get { must(Int32(0)) { vtkb_lod_prop3d_automatic(handle, $0) } != 0 }
    set { must(vtkb_lod_prop3d_set_automatic(handle, newValue ? 1 : 0)) }
  }

  /// `SetSelectedLODID` / `GetSelectedLODID`: the LOD drawn when selection is not automatic.
  public var selectedLOD: Int {
    get { Int(must(Int32(0)) { vtkb_lod_prop3d_selected(handle, $0) }) }
    set { must(vtkb_lod_prop3d_set_selected(handle, Int32(newValue))) }
  }

  /// `GetLastRenderedLODID`: which LOD the last frame drew (-1 before any).
  public var lastRenderedLOD: Int { Int(must(Int32(0)) { vtkb_lod_prop3d_last_rendered(handle, $0) }) }

  /// `SetLODLevel`: a quality rank (lower is better, default 0). After the time-based choice, an
  /// LOD that is no slower and has a strictly lower level is drawn instead.
  public func setLevel(_ level: Double, forLOD id: Int) { must(vtkb_lod_prop3d_set_level(handle, Int32(id), level)) }
  /// `GetLODLevel`.
  public func level(ofLOD id: Int) -> Double { must(0.0) { vtkb_lod_prop3d_level(handle, Int32(id), $0) } }

  /// `GetLODEstimatedRenderTime`: the current estimate for one LOD, in seconds. After each frame
  /// VTK blends the drawn LOD's measured time into its estimate (0.25 × old + 0.75 × new), so
  /// the value from `addLOD` fades rather than being replaced.
  public func estimatedTime(ofLOD id: Int) -> Double {
    must(0.0) { vtkb_lod_prop3d_estimated_time(handle, Int32(id), $0) }
  }

  /// `EnableLOD` / `DisableLOD`: a disabled LOD is never chosen.
  public func setEnabled(_ on: Bool, lod id: Int) { must(vtkb_lod_prop3d_enable(handle, Int32(id), on ? 1 : 0)) }

  /// `SetAutomaticPickLODSelection`: on (the default), a picker tests the LOD last chosen for
  /// drawing, or the fastest before any frame; off, the one given to `setSelectedPickLOD(_:)`.
  public func setAutomaticPickSelection(_ on: Bool) {
    must(vtkb_lod_prop3d_set_automatic_pick(handle, on ? 1 : 0))
  }
  /// `SetSelectedPickLODID`.
  public func setSelectedPickLOD(_ id: Int) { must(vtkb_lod_prop3d_set_selected_pick(handle, Int32(id))) }
  /// `GetPickLODID`: the LOD a picker would test.
  public var pickLOD: Int { Int(must(Int32(0)) { vtkb_lod_prop3d_pick_lod(handle, $0) }) }

  /// The colour of one LOD (`SetLODProperty` with a property of that colour).
  public func setColor(_ r: Double, _ g: Double, _ b: Double, forLOD id: Int) {
    must(vtkb_lod_prop3d_set_color(handle, Int32(id), r, g, b))
  }
}

/// An actor with one automatic interactive level: a `vtkQuadricClustering` of its input, drawn
/// when the actor's allotted time is at most 1.1 / the interactor's desired update rate (the
/// rate clamped to 1...75 frames per second). The allotted time comes from the renderer's
/// budget (`Renderer.allocatedRenderTime`, which the window's desired update rate sets), not
/// from whether anyone is interacting.
/// Wraps `vtkQuadricLODActor`.
///
/// `vtkQuadricLODActor::Render` reads the render window's interactor without checking for null:
/// create an `Interactor` for the window even when rendering offscreen.
public final class QuadricLODActor: Actor {
  override class var vtkClassName: String { "vtkQuadricLODActor" }

  /// A quadric LOD actor with VTK's defaults; give it a mapper as for any `Actor`.
  /// Wraps `vtkQuadricLODActor::New` through `vtkb_quadric_lod_actor_new`.
  public convenience init() { self.init(owning: vtkb_quadric_lod_actor_new()) }

  /// `SetDeferLODConstruction`: build the clustered level at the first interactive frame
  /// instead of the first render.
  public func setDeferLODConstruction(_ on: Bool) { must(vtkb_quadric_lod_actor_set_defer(handle, on ? 1 : 0)) }
  /// `SetStatic`.
  public func setStatic(_ on: Bool) { must(vtkb_quadric_lod_actor_set_static(handle, on ? 1 : 0)) }
  /// `SetCollapseDimensionRatio` / `GetCollapseDimensionRatio`: axes shorter than this fraction
  /// of the longest get one division (flat data stays flat).
  public var collapseDimensionRatio: Double {
    get { must(0.0) { vtkb_quadric_lod_actor_collapse_ratio(handle, $0) } }
    set { must(vtkb_quadric_lod_actor_set_collapse_ratio(handle, newValue)) }
  }

  /// `SetDataConfiguration`: hints the data's shape (0 unknown ... 7 xyz volume).
  public func setDataConfiguration(_ c: Int) {
    must(vtkb_quadric_lod_actor_set_data_configuration(handle, Int32(c)))
  }

  /// `GetLODFilter`: the clustering filter that makes the interactive level.
  public var lodFilter: Algorithm? { Algorithm.wrap(must(nil) { vtkb_quadric_lod_actor_lod_filter(handle, $0) }) }
}
