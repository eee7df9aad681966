import CVTKBridge

/// VTK's shared-memory parallel layer, `vtkSMPTools`: the thread pool behind filters that split
/// their loops with `vtkSMPTools::For` (`vtkFlyingEdges3D`, among others).
///
/// Which back ends exist is fixed when VTK is built (Debian's 9.1: Sequential, STDThread and
/// TBB, with TBB the default); the environment variable `VTK_SMP_BACKEND_IN_USE` picks one at
/// start-up, `setBackend(_:)` switches later. The switches are not thread safe: call them
/// between pipeline updates, never from inside one.
///
/// ```swift
/// try SMPTools.setBackend("STDThread")
/// SMPTools.initialize(threads: 2)
/// print(SMPTools.backend, SMPTools.estimatedThreads)  // STDThread 2
/// ```
public enum SMPTools {
  /// The back end in use (`vtkSMPTools::GetBackend`): "Sequential", "STDThread", "TBB" or
  /// "OpenMP".
  public static var backend: String { String(cString: vtkb_smp_backend()) }

  /// Switches the back end (`vtkSMPTools::SetBackend`); throws when VTK says it is not built in.
  public static func setBackend(_ name: String) throws(VTKBridgeError) { try check(vtkb_smp_set_backend(name)) }

  /// Sets how many threads the back end uses (`vtkSMPTools::Initialize`); 0 goes back to the
  /// default (every core, or `VTK_SMP_MAX_THREADS` when set).
  public static func initialize(threads: Int = 0) { vtkb_smp_initialize(Int32(threads)) }

  /// The back end's estimate of the threads it uses (`vtkSMPTools::GetEstimatedNumberOfThreads`).
  public static var estimatedThreads: Int { Int(vtkb_smp_estimated_threads()) }

  /// Whether a `For` inside a `For` may run in parallel too (`vtkSMPTools::SetNestedParallelism`
  /// and `GetNestedParallelism`; VTK's default is true).
  public static var nestedParallelism: Bool {
    get { vtkb_smp_nested() != 0 }
    set { vtkb_smp_set_nested(newValue ? 1 : 0) }
  }

  /// Whether the caller runs inside a `vtkSMPTools::For` (`vtkSMPTools::IsParallelScope`).
  public static var isParallelScope: Bool { vtkb_smp_is_parallel_scope() != 0 }
}

extension Algorithm {
  /// Marks the stage modified (`vtkObject::Modified`), so that the next `update()` runs it again
  /// even though its inputs and settings did not change: how a benchmark repeats a filter.
  public func modified() { must(vtkb_object_modified(handle)) }
}

/// VTK's analytic test volume, the "wavelet" (`vtkRTAnalyticSource`): float scalars on a grid of
/// `(2 halfExtent + 1)³` points, values from about 37 to 277 with the defaults.
public final class WaveletSource: Algorithm {
  override class var vtkClassName: String { "vtkRTAnalyticSource" }

  /// A wavelet over the whole extent [−halfExtent, halfExtent]³ (`SetWholeExtent`); VTK's
  /// default is 10.
  public convenience init(halfExtent: Int = 10) { self.init(owning: vtkb_wavelet_source_new(Int32(halfExtent))!) }
}

/// Iso-surfaces of image data by the flying-edges algorithm (`vtkFlyingEdges3D`), whose passes
/// over the volume run through `vtkSMPTools::For`.
public final class FlyingEdges3D: Algorithm {
  override class var vtkClassName: String { "vtkFlyingEdges3D" }

  /// One iso-surface at `value` (`SetValue(0, value)`), with normals (VTK's default).
  public convenience init(value: Double) { self.init(owning: vtkb_flying_edges3d_new(value)!) }
}
