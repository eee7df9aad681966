import VTK

// Chapter 05: vtkFrustumCoverageCuller. Read lessons/05-coverage-culler/README.md first.

/// The screen coverage vtkFrustumCoverageCuller estimates for a prop with these bounds, with its
/// minimum coverage 0 and maximum 1. `planes` are the camera's frustum planes in VTK's order
/// (left, right, bottom, top, near, far), each (a, b, c, d) with a unit normal pointing inside:
/// a point p is inside a plane when a·x + b·y + c·z + d >= 0, and that value is its distance.
func coverage(of bounds: Bounds, planes: [SIMD4<Double>]) -> Double {
  // TODO(05): put a sphere around the box (centre = box centre, radius = half the diagonal);
  // return 0 if it lies entirely outside any plane. Otherwise compare the sphere's width and
  // height with the frustum's at the sphere's distance (the lesson gives the formula), and
  // return covered width x covered height / (frustum width x frustum height).
  return 1
}

/// The MinimumCoverage that makes the culler keep exactly `count` props: the `count` props with
/// the largest coverage. `coverages` holds every prop's coverage (0 for props already culled).
func minimumCoverage(toKeep count: Int, coverages: [Double]) -> Double {
  // TODO(05): vtkFrustumCoverageCuller culls a prop whose coverage is at or below the minimum.
  return 0
}
