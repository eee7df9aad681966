import VTK

// Chapter 03: vtkLODProp3D and decimation. Read lessons/03-lod-prop3d-and-decimation/README.md.

/// Three simplified versions of `mesh` (a torus of 96 000 triangles), finest first. Each must
/// stay within its budget (share of the input's triangles, largest deviation from the true torus
/// as a share of the tube radius):
///   level 1: at most 30 % of the triangles, deviation at most 0.5 %
///   level 2: at most 5 %,                   deviation at most 1 %
///   level 3: at most 1.25 %,                deviation at most 5 %
func makeLevels(from mesh: Algorithm) -> [Algorithm] {
  // Quadric edge collapse keeps the shape best at 70 % and 95 % reduction; at the coarsest
  // level grid clustering is within budget and about 90 times faster to build.
  let levels: [Algorithm] = [
    QuadricDecimation(targetReduction: 0.70),
    QuadricDecimation(targetReduction: 0.95),
    QuadricClustering(divisions: 10),
  ]
  for level in levels { level.setInput(mesh) }
  return levels
}

/// Adds `mappers` (finest first) to `prop` as LODs with the given time estimates, marks each
/// LOD's quality level (0 for the finest, higher for coarser) and returns the LOD ids, finest
/// first.
func addLevels(to prop: LODProp3D, mappers: [PolyDataMapper], estimatedTimes: [Double]) -> [Int] {
  var ids: [Int] = []
  for (quality, (mapper, time)) in zip(mappers, estimatedTimes).enumerated() {
    let id = prop.addLOD(mapper, estimatedTime: time)
    // Lower is better: among LODs that fit, VTK prefers the lowest level.
    prop.setLevel(Double(quality), forLOD: id)
    ids.append(id)
  }
  return ids
}

/// The time (seconds) to give the renderer so that vtkLODProp3D chooses LOD `index` (0 is the
/// finest), when the LODs' estimated times are `estimatedTimes` (finest first, decreasing).
func allocatedTime(toSelect index: Int, estimatedTimes: [Double]) -> Double {
  // VTK picks the largest estimate strictly below the allocated time, so give this LOD's
  // estimate plus a margin, staying below the next finer LOD's estimate.
  if index == 0 { return estimatedTimes[0] * 2 }
  return (estimatedTimes[index] * estimatedTimes[index - 1]).squareRoot()
}

/// Makes picking test the cheapest LOD (the last of `ids`), whatever LOD is being drawn.
func configurePicking(_ prop: LODProp3D, ids: [Int]) {
  // Automatic pick selection picks with the LOD being drawn; for cheap picks choose one.
  prop.setAutomaticPickSelection(false)
  if let cheapest = ids.last { prop.setSelectedPickLOD(cheapest) }
}
