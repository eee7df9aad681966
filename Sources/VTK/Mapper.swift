import CVTKBridge

/// Turns poly data into OpenGL draw calls. Wraps `vtkPolyDataMapper` (the factory makes a
/// `vtkOpenGLPolyDataMapper`).
///
/// A mapper measures its own draw time (`timeToDraw`), which is the number `vtkLODActor`
/// compares with the time it was allotted. Because that number comes from GPU timer queries
/// that are read back a few frames late, the workbook also counts renders directly:
/// `observeRenders()` then `renderCount` says, without timing, which mapper drew.
public final class PolyDataMapper: VTKObject {
  /// A mapper with no input yet.
  /// Wraps `vtkPolyDataMapper::New` through `vtkb_polydata_mapper_new`.
  public convenience init() { self.init(owning: vtkb_polydata_mapper_new()) }

  /// A mapper already fed by `source`.
  public convenience init(input source: Algorithm) {
    self.init()
    setInput(source)
  }

  /// `SetInputConnection(source->GetOutputPort())`.
  public func setInput(_ source: Algorithm) { vtkb_mapper_set_input(handle, source.handle) }

  /// `SetStatic`: when true the mapper skips asking its pipeline for updates at render time,
  /// which also makes `GetBounds` cheap (the coverage culler calls it for every prop). A static
  /// mapper ignores `update()` too: run the pipeline first, then make it static.
  public func setStatic(_ on: Bool) { vtkb_mapper_set_static(handle, on ? 1 : 0) }

  /// `SetScalarVisibility`.
  public func setScalarVisibility(_ on: Bool) { vtkb_mapper_set_scalar_visibility(handle, on ? 1 : 0) }

  /// `GetTimeToDraw`: seconds the last measured draw took (GPU timer; may lag by frames).
  public var timeToDraw: Double { vtkb_mapper_time_to_draw(handle) }

  /// Sets the draw time the mapper reports (`TimeToDraw`), which its GPU timer normally measures
  /// and will overwrite at its next measurement. The workbook's checks use it to make VTK's level
  /// choice repeatable; real applications never need it.
  public func setTimeToDraw(_ seconds: Double) { vtkb_mapper_set_time_to_draw(handle, seconds) }

  /// Starts counting this mapper's renders (an observer on `vtkCommand::StartEvent`).
  public func observeRenders() { vtkb_mapper_observe(handle) }

  /// Renders since `observeRenders()`, or nil when not observed.
  public var renderCount: Int? {
    let n = vtkb_mapper_render_count(handle)
    return n < 0 ? nil : Int(n)
  }

  /// Runs the pipeline feeding this mapper (`vtkAlgorithm::Update`), so that `input` is current
  /// without rendering. It fires the mapper's StartEvent once: call it before `observeRenders()`.
  public func update() { vtkb_mapper_update(handle) }

  /// Whether two wrappers hold the same VTK mapper.
  public func isSame(as other: PolyDataMapper) -> Bool { handle == other.handle }

  /// The poly data the mapper draws (its input after the pipeline ran), nil when unconnected.
  public var input: PolyData? { PolyData.wrap(vtkb_mapper_input_polydata(handle)) }
}
