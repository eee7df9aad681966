import CVTKBridge

/// Points and cells: vertices, lines, polygons, strips. Wraps `vtkPolyData`.
///
/// Obtain one from `Algorithm.output` after `update()`; the counts are what a mapper would
/// hand to OpenGL.
public final class PolyData: VTKObject {
  override class var vtkClassName: String { "vtkPolyData" }

  /// `GetNumberOfPoints`.
  public var pointCount: Int { Int(must(Int64(0)) { vtkb_polydata_points(handle, $0) }) }
  /// `GetNumberOfCells`: vertices + lines + polygons + strips.
  public var cellCount: Int { Int(must(Int64(0)) { vtkb_polydata_cells(handle, $0) }) }
  /// `GetNumberOfPolys`.
  public var polygonCount: Int { Int(must(Int64(0)) { vtkb_polydata_polys(handle, $0) }) }
  /// `GetNumberOfVerts`.
  public var vertexCellCount: Int { Int(must(Int64(0)) { vtkb_polydata_verts(handle, $0) }) }
  /// `GetNumberOfLines`.
  public var lineCount: Int { Int(must(Int64(0)) { vtkb_polydata_lines(handle, $0) }) }
  /// `GetNumberOfStrips`.
  public var stripCount: Int { Int(must(Int64(0)) { vtkb_polydata_strips(handle, $0) }) }
  /// Points drawn as vertices: the point ids of all vertex cells (`GetVerts()` connectivity).
  /// A point cloud stored as one poly-vertex cell is one cell but many points.
  public var vertexPointCount: Int { Int(must(Int64(0)) { vtkb_polydata_vertex_points(handle, $0) }) }

  /// What OpenGL draws: vertex points + lines + polygons + strips.
  public var primitiveCount: Int { vertexPointCount + lineCount + polygonCount + stripCount }

  /// Memory the data takes by VTK's own accounting, in KiB: what its points, cells and
  /// attribute arrays have allocated, each array rounded up to a whole KiB (the C++ objects
  /// around them are not counted). Wraps `vtkDataObject::GetActualMemorySize` through
  /// `vtkb_data_object_memory_kib`.
  public var memoryKiB: Int { Int(must(Int64(0)) { vtkb_data_object_memory_kib(handle, $0) }) }

  /// `GetBounds`.
  public var bounds: Bounds { fillBounds { vtkb_polydata_bounds(handle, $0) } }

  /// Every point's coordinates.
  public func points() -> [SIMD3<Double>] {
    let flat = fillDoubles(3 * pointCount) { vtkb_polydata_copy_points(handle, $0) }
    return stride(from: 0, to: flat.count, by: 3).map { SIMD3(flat[$0], flat[$0 + 1], flat[$0 + 2]) }
  }

  /// The polygons that are triangles, as point-index triples (other polygons are skipped).
  public func triangles() -> [SIMD3<Int>] {
    var flat = [Int64](repeating: 0, count: 3 * polygonCount)
    let n = must(Int64(0)) { written in
      flat.withUnsafeMutableBufferPointer { vtkb_polydata_copy_triangles(handle, $0.baseAddress!, written) }
    }
    return (0..<Int(n)).map { SIMD3(Int(flat[3 * $0]), Int(flat[3 * $0 + 1]), Int(flat[3 * $0 + 2])) }
  }
}
