import VTK

/// Chapter 03's answer key, used by the checks.
extension Chapter03 {
  /// Reference levels for the prop checks (independent of the learner's own levels).
  static func referenceMappers(_ torus: TorusSource) -> [PolyDataMapper] {
    let l1 = QuadricDecimation(targetReduction: 0.7)
    let l2 = QuadricDecimation(targetReduction: 0.95)
    let l3 = QuadricClustering(divisions: 10)
    for f in [l1, l2, l3] as [Algorithm] { f.setInput(torus) }
    return [
      PolyDataMapper(input: torus), PolyDataMapper(input: l1), PolyDataMapper(input: l2), PolyDataMapper(input: l3),
    ]
  }
}
