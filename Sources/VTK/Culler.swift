import CVTKBridge

/// Removes props from a frame before they are drawn. Wraps `vtkCuller`.
open class Culler: VTKObject {
  /// Runs the culler once on `props`, as the renderer would (`vtkCuller::Cull`), and reports
  /// which survive (indices into `props`, in the culler's output order) and how long the call took.
  ///
  /// Useful to time the culler alone; a real frame calls it from `Renderer.render`.
  public func cull(_ props: [Prop], in renderer: Renderer) -> (kept: [Int], seconds: Double) {
    var kept = [Int32](repeating: -1, count: props.count)
    var seconds = 0.0
    let handles: [OpaquePointer?] = props.map { $0.handle }
    let n = handles.withUnsafeBufferPointer { h in
      kept.withUnsafeMutableBufferPointer { k in
        vtkb_culler_cull(handle, renderer.handle, h.baseAddress, Int32(props.count), k.baseAddress, &seconds)
      }
    }
    return (kept.prefix(Int(n)).map(Int.init), seconds)
  }
}

/// How `FrustumCoverageCuller` orders the props it keeps. Wraps `VTK_CULLER_SORT_*`.
public enum CullerSorting: Int32, Sendable {
  /// `VTK_CULLER_SORT_NONE` (the order props were added), `VTK_CULLER_SORT_FRONT_TO_BACK` and
  /// `VTK_CULLER_SORT_BACK_TO_FRONT`, by distance in front of the camera's near plane.
  case none = 0, frontToBack = 1, backToFront = 2
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
  /// A culler with VTK's defaults, the same as a new renderer's.
  /// Wraps `vtkFrustumCoverageCuller::New` through `vtkb_frustum_coverage_culler_new`.
  public convenience init() { self.init(owning: vtkb_frustum_coverage_culler_new()) }

  /// `SetMinimumCoverage` / `GetMinimumCoverage` (default 0: cull only outside the frustum).
  public var minimumCoverage: Double {
    get { vtkb_coverage_culler_min(handle) }
    set { vtkb_coverage_culler_set_min(handle, newValue) }
  }

  /// `SetMaximumCoverage` / `GetMaximumCoverage` (default 1).
  public var maximumCoverage: Double {
    get { vtkb_coverage_culler_max(handle) }
    set { vtkb_coverage_culler_set_max(handle, newValue) }
  }

  /// `SetSortingStyle` / `GetSortingStyle` (default none).
  public var sorting: CullerSorting {
    get { CullerSorting(rawValue: vtkb_coverage_culler_sorting(handle)) ?? .none }
    set { vtkb_coverage_culler_set_sorting(handle, newValue.rawValue) }
  }
}
