import VTK

// Chapter 02: vtkLODActor. Read lessons/02-lod-actor/README.md first.

/// Gives `actor` two cheaper ways to draw `mesh` (about 600 000 triangles) and returns their
/// mappers, medium first:
/// - medium: a simplified surface of 5 000 to 60 000 triangles;
/// - low: at most 2 000 primitives (points, lines or triangles), for the fastest frames.
func buildLODChain(actor: LODActor, mesh: Algorithm) -> [PolyDataMapper] {
  // TODO(02): make a filter for each level (QuadricClustering, MaskPoints and OutlineFilter are
  // wrapped in the VTK module), connect each to `mesh` with setInput, give each a
  // PolyDataMapper, add the mappers to the actor with addLODMapper, and return them.
  return []
}

/// The desired update rate, in frames per second, to give the render window so that VTK draws
/// `level` (0 full, 1 medium, 2 low). `drawTimes[i]` is the measured draw time of level i.
func updateRate(toDraw level: Int, drawTimes: [Double]) -> Double {
  // TODO(02): the window gives its only renderer 1 / rate seconds, and the renderer gives its
  // only prop all of it. Pick a time the chosen level fits in and the slower levels do not.
  return 1
}
