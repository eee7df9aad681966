import CVTKBridge

/// Removes props from a frame before they are drawn. Wraps `vtkCuller`.
open class Culler: VTKObject {
  override class var vtkClassName: String { "vtkCuller" }

  /// Runs the culler once on `props`, as the renderer would (`vtkCuller::Cull`), and reports
  /// which survive (indices into `props`, in the culler's output order) and how long the call took.
  ///
  /// Useful to time the culler alone; a real frame calls it from `Renderer.render`. `seconds` is
  /// the monotonic-clock time of the bridge call, which is `Cull` plus the bridge checking that
  /// each handle is a `vtkProp` (one `IsA` per prop) and copying the list.
  /// Wraps `vtkCuller::Cull` through `vtkb_culler_cull`.
  public func cull(_ props: [Prop], in renderer: Renderer) -> (kept: [Int], seconds: Double) {
    precondition(props.count <= Int(Int32.max), "vtkCuller::Cull counts in an int: \(props.count) props are too many")
    var list: [OpaquePointer?] = props.map { $0.handle }
    var count = Int32(props.count)
    let start = monotonicSeconds()
    let status = list.withUnsafeMutableBufferPointer {
      vtkb_culler_cull(handle, renderer.handle, $0.baseAddress, &count)
    }
    let seconds = monotonicSeconds() - start
    must(status)
    // Cull compacts the list and may reorder it (sorting styles): find each survivor's index. A
    // prop listed twice maps to its last position, as both copies are the same VTK object.
    var position = [OpaquePointer: Int](minimumCapacity: props.count)
    for (i, prop) in props.enumerated() { position[prop.handle] = i }
    return (list.prefix(Int(count)).map { position[$0!]! }, seconds)
  }
}

/// How `FrustumCoverageCuller` orders the props it keeps. Wraps `VTK_CULLER_SORT_*`.
public enum CullerSorting: Int32, Sendable {
  /// `VTK_CULLER_SORT_NONE` (the order props were added), `VTK_CULLER_SORT_FRONT_TO_BACK` and
  /// `VTK_CULLER_SORT_BACK_TO_FRONT`, by distance in front of the camera's near plane.
  case none = 0
  case frontToBack = 1
  case backToFront = 2
}

/// VTK's frustum culler, which every `vtkRenderer` installs by default.
/// Wraps `vtkFrustumCoverageCuller`.
///
/// For each prop it tests the bounding *sphere* of the prop's bounds against the six frustum
/// planes, then estimates the prop's screen coverage (projected sphere size as a fraction of
/// the viewport). Props with coverage below `minimumCoverage` are culled too; coverage above
/// `maximumCoverage` counts as 1, and coverage in between becomes (coverage - minimum) /
/// maximum (VTK divides by the maximum, not the range). Coverage also scales each prop's share
/// of the frame time.
/// The names `vtkFrustumCuller` and `vtkVisibilityCuller` do not exist in VTK.
public final class FrustumCoverageCuller: Culler {
  override class var vtkClassName: String { "vtkFrustumCoverageCuller" }

  /// A culler with VTK's defaults, the same as a new renderer's.
  /// Wraps `vtkFrustumCoverageCuller::New` through `vtkb_frustum_coverage_culler_new`.
  public convenience init() { self.init(owning: vtkb_frustum_coverage_culler_new()) }

  /// `SetMinimumCoverage` / `GetMinimumCoverage` (default 0: cull only outside the frustum).
  public var minimumCoverage: Double {
    get { must(0.0) { vtkb_coverage_culler_min(handle, $0) } }
    set { must(vtkb_coverage_culler_set_min(handle, newValue)) }
  }

  /// `SetMaximumCoverage` / `GetMaximumCoverage` (default 1).
  public var maximumCoverage: Double {
    get { must(0.0) { vtkb_coverage_culler_max(handle, $0) } }
    set { must(vtkb_coverage_culler_set_max(handle, newValue)) }
  }

  /// `SetSortingStyle` / `GetSortingStyle` (default none).
  public var sorting: CullerSorting {
    get { CullerSorting(rawValue: must(Int32(0)) { vtkb_coverage_culler_sorting(handle, $0) }) ?? .none }
    set { must(vtkb_coverage_culler_set_sorting(handle, newValue.rawValue)) }
  }
}
