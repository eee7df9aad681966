import VTK

// Chapter 03: vtkLODProp3D and decimation. Read lessons/03-lod-prop3d-and-decimation/README.md.

/// Three simplified versions of `mesh` (a torus of 96 000 triangles), finest first. Each must
/// stay within its budget (share of the input's triangles, largest deviation from the true torus
/// as a share of the tube radius):
///   level 1: at most 30 % of the triangles, deviation at most 0.5 %
///   level 2: at most 5 %,                   deviation at most 1 %
///   level 3: at most 1.25 %,                deviation at most 5 %
func makeLevels(from mesh: Algorithm) -> [Algorithm] {
  // TODO(03): pick a filter and a setting for each level (QuadricDecimation, DecimatePro and
  // QuadricClustering are wrapped in the VTK module) and connect each to `mesh` with setInput.
  let levels = [
    DecimatePro(targetReduction: 0.7), DecimatePro(targetReduction: 0.95), DecimatePro(targetReduction: 0.99),
  ]
  for level in levels { level.setInput(mesh) }
  return levels
}

/// Adds `mappers` (finest first) to `prop` as LODs with the given time estimates, marks each
/// LOD's quality level (0 for the finest, higher for coarser) and returns the LOD ids, finest
/// first.
func addLevels(to prop: LODProp3D, mappers: [PolyDataMapper], estimatedTimes: [Double]) -> [Int] {
  // TODO(03): addLOD returns each LOD's id; setLevel(_:forLOD:) sets its quality level.
  return []
}

/// The time (seconds) to give the renderer so that vtkLODProp3D chooses LOD `index` (0 is the
/// finest), when the LODs' estimated times are `estimatedTimes` (finest first, decreasing).
func allocatedTime(toSelect index: Int, estimatedTimes: [Double]) -> Double {
  // TODO(03): VTK takes the LOD with the largest estimate that is below the allocated time.
  return 1
}

/// Makes picking test the cheapest LOD (the last of `ids`), whatever LOD is being drawn.
func configurePicking(_ prop: LODProp3D, ids: [Int]) {
  // TODO(03): turn off automatic pick selection and choose the pick LOD yourself.
}
