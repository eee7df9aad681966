import CVTKBridge

/// A pipeline stage: a source or a filter that produces poly data.
///
/// Wraps `vtkAlgorithm`. Connect stages with `setInput(_:)` (VTK's
/// `SetInputConnection(upstream->GetOutputPort())`); nothing runs until something downstream
/// asks, either a mapper at render time or an explicit `update()`.
///
/// ```swift
/// let sphere = SphereSource(radius: 1, thetaResolution: 64, phiResolution: 64)
/// let coarse = QuadricClustering(divisions: 16)
/// coarse.setInput(sphere)
/// coarse.update()
/// print(coarse.output!.polygonCount)
/// ```
open class Algorithm: VTKObject {
  override class var vtkClassName: String { "vtkAlgorithm" }

  /// Connects `upstream`'s output port 0 to this stage's input 0.
  /// Wraps `vtkAlgorithm::SetInputConnection` through `vtkb_algorithm_set_input`.
  public func setInput(_ upstream: Algorithm) { must(vtkb_algorithm_set_input(handle, upstream.handle)) }

  /// Runs the pipeline up to and including this stage. Wraps `vtkAlgorithm::Update`.
  public func update() { must(vtkb_algorithm_update(handle)) }

  /// The stage's output 0 as poly data (after `update()`), nil when it is not poly data.
  /// Wraps `vtkAlgorithm::GetOutputDataObject(0)`.
  public var output: PolyData? { PolyData.wrap(must(nil) { vtkb_algorithm_output_polydata(handle, $0) }) }
}

/// A sphere of triangles. Wraps `vtkSphereSource`.
///
/// It makes `2 * theta * (phi - 2)` triangles, so `theta = phi = 1000` gives about 2 M triangles,
/// enough to make one frame slow on a software rasteriser.
public final class SphereSource: Algorithm {
  override class var vtkClassName: String { "vtkSphereSource" }

  /// A sphere source; the defaults are VTK's.
  /// - Parameters:
  ///   - radius: the sphere's radius.
  ///   - center: the sphere's centre.
  ///   - thetaResolution: points around the equator (longitude).
  ///   - phiResolution: points from pole to pole (latitude), poles included.
  ///
  /// Wraps `vtkSphereSource::SetRadius`, `SetCenter`, `SetThetaResolution` and
  /// `SetPhiResolution` through `vtkb_sphere_source_new`.
  public convenience init(
    radius: Double = 0.5, center: SIMD3<Double> = .zero, thetaResolution: Int = 8,
    phiResolution: Int = 8
  ) {
    self.init(
      owning: vtkb_sphere_source_new(
        radius, center.x, center.y, center.z, Int32(thetaResolution),
        Int32(phiResolution)))
  }
}

/// A cone: a polygonal base and `resolution` side triangles. Wraps `vtkConeSource`.
public final class ConeSource: Algorithm {
  override class var vtkClassName: String { "vtkConeSource" }

  /// A cone source; the defaults are VTK's.
  /// - Parameters:
  ///   - height: length along the axis.
  ///   - radius: radius of the base.
  ///   - resolution: number of side triangles.
  ///   - center: centre of the cone's bounding box (half-way along its axis).
  ///   - direction: the axis, from base to apex.
  ///
  /// Wraps `vtkConeSource::SetHeight`, `SetRadius`, `SetResolution`, `SetCenter` and
  /// `SetDirection` through `vtkb_cone_source_new`.
  public convenience init(
    height: Double = 1, radius: Double = 0.5, resolution: Int = 6,
    center: SIMD3<Double> = .zero, direction: SIMD3<Double> = SIMD3(1, 0, 0)
  ) {
    let h = withVector(center) { c in
      withVector(direction) { d in vtkb_cone_source_new(height, radius, Int32(resolution), c, d) }
    }
    self.init(owning: h!)
  }
}

/// An axis-aligned box of six quads. Wraps `vtkCubeSource`.
public final class CubeSource: Algorithm {
  override class var vtkClassName: String { "vtkCubeSource" }

  /// A box of the given edge lengths around `center`.
  /// Wraps `vtkCubeSource::SetXLength`, `SetYLength`, `SetZLength` and `SetCenter` through
  /// `vtkb_cube_source_new`.
  public convenience init(size: SIMD3<Double> = SIMD3(1, 1, 1), center: SIMD3<Double> = .zero) {
    self.init(owning: vtkb_cube_source_new(size.x, size.y, size.z, center.x, center.y, center.z))
  }
}

/// A torus sampled on a `u` by `v` grid (about `2 * u * v` triangles).
/// Wraps `vtkParametricFunctionSource` over `vtkParametricTorus`.
///
/// Its surface is known exactly: a point p lies on it when
/// `(sqrt(p.x² + p.y²) - ringRadius)² + p.z² = crossSectionRadius²`, which lets a lesson
/// measure how far a simplified mesh strays from the true shape.
public final class TorusSource: Algorithm {
  override class var vtkClassName: String { "vtkParametricFunctionSource" }

  /// Distance from the torus's centre to the middle of its tube, as given to `init`. Kept on the
  /// Swift side so that lessons can test points against the exact surface.
  public private(set) var ringRadius: Double = 1
  /// Radius of the tube, as given to `init`.
  public private(set) var crossSectionRadius: Double = 0.5

  /// A torus source; the defaults are VTK's.
  /// - Parameters:
  ///   - ringRadius: distance from the centre to the middle of the tube.
  ///   - crossSectionRadius: radius of the tube.
  ///   - uResolution: samples around the ring.
  ///   - vResolution: samples around the tube.
  ///
  /// Wraps `vtkParametricTorus::SetRingRadius` / `SetCrossSectionRadius` and
  /// `vtkParametricFunctionSource::SetUResolution` / `SetVResolution` through
  /// `vtkb_torus_source_new`.
  public convenience init(
    ringRadius: Double = 1, crossSectionRadius: Double = 0.5, uResolution: Int = 50,
    vResolution: Int = 50
  ) {
    self.init(owning: vtkb_torus_source_new(ringRadius, crossSectionRadius, Int32(uResolution), Int32(vResolution)))
    self.ringRadius = ringRadius
    self.crossSectionRadius = crossSectionRadius
  }
}

/// Poly data built from arrays: points and triangles as index triples.
/// Wraps a `vtkPolyData` held by a `vtkTrivialProducer`, so it can feed a pipeline.
public final class TriangleMeshSource: Algorithm {
  override class var vtkClassName: String { "vtkTrivialProducer" }

  /// Poly data with `points` and one triangle per index triple, copied into VTK at once.
  /// - Precondition: every index is a valid point index.
  public convenience init(points: [SIMD3<Double>], triangles: [SIMD3<Int>]) {
    precondition(
      triangles.allSatisfy { t in (0..<3).allSatisfy { t[$0] >= 0 && t[$0] < points.count } },
      "triangle index out of range")
    let xyz = points.flatMap { [$0.x, $0.y, $0.z] }
    let ids = triangles.flatMap { [Int64($0.x), Int64($0.y), Int64($0.z)] }
    self.init(owning: vtkb_triangle_mesh_producer_new(xyz, Int64(points.count), ids, Int64(triangles.count)))
  }
}

/// Turns polygons and strips into triangles. Wraps `vtkTriangleFilter`.
public final class TriangleFilter: Algorithm {
  override class var vtkClassName: String { "vtkTriangleFilter" }

  /// A triangle filter with VTK's defaults; connect its input with `setInput(_:)`.
  /// Wraps `vtkTriangleFilter::New` through `vtkb_triangle_filter_new`.
  public convenience init() { self.init(owning: vtkb_triangle_filter_new()) }
}

/// Edge-collapse simplification guided by quadric error metrics (Garland and Heckbert).
/// Wraps `vtkQuadricDecimation`. Needs triangles; slow to build on millions of triangles but
/// keeps the shape well.
public final class QuadricDecimation: Algorithm {
  override class var vtkClassName: String { "vtkQuadricDecimation" }

  /// A decimation aiming to remove `targetReduction` of the triangles. Other polygons make VTK
  /// report an error and give an empty output: put a `TriangleFilter` in front.
  /// - Parameters:
  ///   - targetReduction: fraction of triangles to remove, 0...1 (0.9 keeps 10 %).
  ///   - volumePreservation: keep the enclosed volume while collapsing edges.
  ///
  /// Wraps `vtkQuadricDecimation::SetTargetReduction` and `SetVolumePreservation` through
  /// `vtkb_quadric_decimation_new`.
  public convenience init(targetReduction: Double, volumePreservation: Bool = false) {
    self.init(owning: vtkb_quadric_decimation_new(targetReduction, volumePreservation ? 1 : 0))
  }
}

/// Vertex-removal simplification (Schroeder et al.). Wraps `vtkDecimatePro`. With topology
/// preserved it may stop short of the target reduction.
public final class DecimatePro: Algorithm {
  override class var vtkClassName: String { "vtkDecimatePro" }

  /// A decimation aiming to remove `targetReduction` of the triangles. It needs triangles: given
  /// other polygons it reports a VTK error and leaves them as they are.
  /// - Parameters:
  ///   - targetReduction: fraction of triangles to remove, 0...1 (0.9 keeps 10 %).
  ///   - preserveTopology: no mesh splitting and no closing of holes, which may stop the
  ///     reduction short of the target.
  ///   - featureAngle: angle in degrees above which an edge counts as a feature edge (VTK's
  ///     default 15).
  ///
  /// Wraps `vtkDecimatePro::SetTargetReduction`, `SetPreserveTopology` and `SetFeatureAngle`
  /// through `vtkb_decimate_pro_new`.
  public convenience init(targetReduction: Double, preserveTopology: Bool = false, featureAngle: Double = 15) {
    self.init(owning: vtkb_decimate_pro_new(targetReduction, preserveTopology ? 1 : 0, featureAngle))
  }
}

/// Vertex clustering on a regular grid (Lindstrom's out-of-core method): fast, coarse.
/// Wraps `vtkQuadricClustering` with `SetNumberOfDivisions`.
public final class QuadricClustering: Algorithm {
  override class var vtkClassName: String { "vtkQuadricClustering" }

  /// Clustering on a grid of `divisions.x × divisions.y × divisions.z` cells: one output point
  /// per occupied cell, so the grid, not a target, decides the output size.
  /// Wraps `vtkQuadricClustering::SetNumberOfDivisions` through `vtkb_quadric_clustering_new`.
  public convenience init(divisions: SIMD3<Int>) {
    self.init(owning: vtkb_quadric_clustering_new(Int32(divisions.x), Int32(divisions.y), Int32(divisions.z)))
  }

  /// The same number of divisions along every axis.
  public convenience init(divisions: Int) { self.init(divisions: SIMD3(repeating: divisions)) }
}

/// A random subset of the input points as vertices: a point cloud.
/// Wraps `vtkMaskPoints` (random mode, generate vertices), what `vtkLODActor` uses for its
/// medium level. Seed `VTKLibrary.seedRandom` for repeatable clouds.
public final class MaskPoints: Algorithm {
  override class var vtkClassName: String { "vtkMaskPoints" }

  /// A point cloud of about `maximumPoints` points. Random mode steps through the input with
  /// random strides, so the count is only roughly the maximum (it can exceed it by one), and an
  /// input of fewer than twice that many points gives about half of them (VTK's `OnRatio` of 2).
  /// Unlike `vtkLODActor`'s own filter, this one makes one vertex cell per point
  /// (`SingleVertexPerCellOn`).
  /// Wraps `vtkMaskPoints::SetMaximumNumberOfPoints` through `vtkb_mask_points_new`.
  public convenience init(maximumPoints: Int) { self.init(owning: vtkb_mask_points_new(Int32(maximumPoints))) }
}

/// The twelve edges of the input's bounding box. Wraps `vtkOutlineFilter`, `vtkLODActor`'s
/// lowest level.
public final class OutlineFilter: Algorithm {
  override class var vtkClassName: String { "vtkOutlineFilter" }

  /// An outline filter; connect its input with `setInput(_:)`.
  /// Wraps `vtkOutlineFilter::New` through `vtkb_outline_filter_new`.
  public convenience init() { self.init(owning: vtkb_outline_filter_new()) }
}
