import VTK

/// Chapter 02's answer key, for the variants (the solution is the learner's own file).
extension Chapter02 {
  /// Both functions done right.
  static var reference: Learner { Learner(buildLODChain: referenceChain, updateRate: referenceRate) }

  /// Vertex clustering for the medium level, a point cloud for the low one, added medium first.
  static func referenceChain(_ actor: LODActor, _ mesh: Algorithm) -> [PolyDataMapper] {
    let clustered = QuadricClustering(divisions: 40)
    clustered.setInput(mesh)
    let cloud = MaskPoints(maximumPoints: 1_000)
    cloud.setInput(mesh)
    let mappers = [PolyDataMapper(input: clustered), PolyDataMapper(input: cloud)]
    mappers.forEach(actor.addLODMapper)
    return mappers
  }

  /// A time between this level's draw time and the next slower level's (geometric mean), ten
  /// times the full level's for level 0: far from both boundaries.
  static func referenceRate(_ level: Int, _ drawTimes: [Double]) -> Double {
    1 / (level == 0 ? drawTimes[0] * 10 : (drawTimes[level] * drawTimes[level - 1]).squareRoot())
  }
}
