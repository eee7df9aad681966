import VTK

// Chapter 02: vtkLODActor. Read lessons/02-lod-actor/README.md first.

/// Gives `actor` two cheaper ways to draw `mesh` (about 600 000 triangles) and returns their
/// mappers, medium first:
/// - medium: a simplified surface of 5 000 to 60 000 triangles;
/// - low: at most 2 000 primitives (points, lines or triangles), for the fastest frames.
func buildLODChain(actor: LODActor, mesh: Algorithm) -> [PolyDataMapper] {
  // Vertex clustering on a 40x40x40 grid: fast to build, about 12 000 triangles for a sphere.
  let clustered = QuadricClustering(divisions: 40)
  clustered.setInput(mesh)
  // 1 000 random points of the surface: the cloud vtkLODActor itself would build, but denser.
  let cloud = MaskPoints(maximumPoints: 1_000)
  cloud.setInput(mesh)
  let medium = PolyDataMapper(input: clustered)
  let low = PolyDataMapper(input: cloud)
  // Order matters only for ties: VTK walks the list and keeps the slowest level that fits.
  actor.addLODMapper(medium)
  actor.addLODMapper(low)
  return [medium, low]
}

/// The desired update rate, in frames per second, to give the render window so that VTK draws
/// `level` (0 full, 1 medium, 2 low). `drawTimes[i]` is the measured draw time of level i.
func updateRate(toDraw level: Int, drawTimes: [Double]) -> Double {
  // vtkLODActor draws the slowest level whose draw time is below the allocated time, and the
  // allocated time is 1 / rate here (one renderer, one prop). Aim between this level's time and
  // the next slower level's, geometrically, far from both: the timers are noisy.
  let time: Double
  if level == 0 {
    time = drawTimes[0] * 10
  } else {
    time = (drawTimes[level] * drawTimes[level - 1]).squareRoot()
  }
  return 1 / time
}
