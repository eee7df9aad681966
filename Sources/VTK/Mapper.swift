import CVTKBridge
import Synchronization

/// Renders counted per observed mapper, keyed by its handle. The count belongs to the VTK object,
/// not to a wrapper: `Actor.mapper` and `LODActor.lodMappers` make a new wrapper at each call.
/// VTK's StartEvent observers update it; a DeleteEvent observer forgets the mapper, so a new one
/// made at the same address starts unobserved.
private let renderCounts = Mutex<[Int: Int]>([:])

/// The table's key for a VTK object: its address, a plain integer (a Sendable value, unlike the
/// pointer itself, so it may cross into the lock).
private func countKey(_ object: OpaquePointer?) -> Int { Int(bitPattern: object) }

/// Turns poly data into OpenGL draw calls. Wraps `vtkPolyDataMapper` (the factory makes a
/// `vtkOpenGLPolyDataMapper`).
///
/// A mapper measures its own draw time (`timeToDraw`), which is the number `vtkLODActor`
/// compares with the time it was allotted. Because that number comes from GPU timer queries
/// that are read back a few frames late, the workbook also counts renders directly:
/// `observeRenders()` then `renderCount` says, without timing, which mapper drew.
public final class PolyDataMapper: VTKObject {
  override class var vtkClassName: String { "vtkPolyDataMapper" }

  /// A mapper with no input yet.
  /// Wraps `vtkPolyDataMapper::New` through `vtkb_polydata_mapper_new`.
  public convenience init() { self.init(owning: vtkb_polydata_mapper_new()) }

  /// A mapper already fed by `source`.
  public convenience init(input source: Algorithm) {
    self.init()
    setInput(source)
  }

  /// `SetInputConnection(source->GetOutputPort())`.
  public func setInput(_ source: Algorithm) { must(vtkb_mapper_set_input(handle, source.handle)) }

  /// `SetStatic`: when true the mapper skips asking its pipeline for updates at render time,
  /// which also makes `GetBounds` cheap (the coverage culler calls it for every prop). A static
  /// mapper ignores `update()` too: run the pipeline first, then make it static.
  public func setStatic(_ on: Bool) { must(vtkb_mapper_set_static(handle, on ? 1 : 0)) }

  /// `SetScalarVisibility`.
  public func setScalarVisibility(_ on: Bool) { must(vtkb_mapper_set_scalar_visibility(handle, on ? 1 : 0)) }

  /// `GetTimeToDraw`: seconds the last measured draw took (GPU timer; may lag by frames).
  public var timeToDraw: Double { must(0.0) { vtkb_mapper_time_to_draw(handle, $0) } }

  /// Sets the draw time the mapper reports (`TimeToDraw`), which its GPU timer normally measures
  /// and will overwrite at its next measurement. The workbook's checks use it to make VTK's level
  /// choice repeatable; real applications never need it.
  public func setTimeToDraw(_ seconds: Double) { must(vtkb_mapper_set_time_to_draw(handle, seconds)) }

  /// Starts counting this mapper's renders: an observer on `vtkCommand::StartEvent`, which
  /// `vtkOpenGLPolyDataMapper` invokes each time it renders. Observing twice changes nothing.
  /// Wraps `vtkObject::AddObserver` through `vtkb_object_add_observer`.
  public func observeRenders() {
    let key = countKey(handle)
    let isNew = renderCounts.withLock { counts in
      guard counts[key] == nil else { return false }
      counts[key] = 0
      return true
    }
    guard isNew else { return }
    // C callbacks capture nothing: they find the count through the caller's handle.
    must(
      vtkb_object_add_observer(
        handle, "StartEvent",
        { caller, _ in
          let key = countKey(caller)
          renderCounts.withLock { $0[key, default: 0] += 1 }
        }, nil))
    must(
      vtkb_object_add_observer(
        handle, "DeleteEvent",
        { caller, _ in
          let key = countKey(caller)
          _ = renderCounts.withLock { $0.removeValue(forKey: key) }
        }, nil))
  }

  /// Renders since `observeRenders()`, or nil when not observed.
  public var renderCount: Int? {
    let key = countKey(handle)
    return renderCounts.withLock { $0[key] }
  }

  /// Runs the pipeline feeding this mapper (`vtkAlgorithm::Update`), so that `input` is current
  /// without rendering. It fires the mapper's StartEvent once: call it before `observeRenders()`.
  public func update() { must(vtkb_mapper_update(handle)) }

  /// Whether two wrappers hold the same VTK mapper.
  public func isSame(as other: PolyDataMapper) -> Bool { handle == other.handle }

  /// The poly data the mapper draws (its input after the pipeline ran), nil when unconnected.
  public var input: PolyData? { PolyData.wrap(must(nil) { vtkb_mapper_input_polydata(handle, $0) }) }
}
