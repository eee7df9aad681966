import VTK

// Chapter 05: vtkFrustumCoverageCuller. Read lessons/05-coverage-culler/README.md first.

/// The screen coverage vtkFrustumCoverageCuller estimates for a prop with these bounds, with its
/// minimum coverage 0 and maximum 1. `planes` are the camera's frustum planes in VTK's order
/// (left, right, bottom, top, near, far), each (a, b, c, d) with a unit normal pointing inside:
/// a point p is inside a plane when a·x + b·y + c·z + d >= 0, and that value is its distance.
func coverage(of bounds: Bounds, planes: [SIMD4<Double>]) -> Double {
  let centre = bounds.center
  let size = bounds.size
  let radius = 0.5 * (size * size).sum().squareRoot()
  // Distance from each side plane to the sphere's near edge; negative when the sphere crosses it.
  var gap = [Double](repeating: 0, count: 4)
  for (i, plane) in planes.enumerated() {
    let distance = plane.x * centre.x + plane.y * centre.y + plane.z * centre.z + plane.w
    if distance < -radius { return 0 }  // wholly outside this plane: culled
    if i < 4 { gap[i] = distance - radius }
  }
  // VTK's stand-in for the frustum's width and height at the sphere: sums of perpendicular
  // distances to the slanted side planes (a little less than the true width), and how much of
  // each the sphere spans.
  let fullWidth = gap[0] + gap[1] + 2 * radius
  let fullHeight = gap[2] + gap[3] + 2 * radius
  let coveredWidth = fullWidth - max(gap[0], 0) - max(gap[1], 0)
  let coveredHeight = fullHeight - max(gap[2], 0) - max(gap[3], 0)
  let area = fullWidth * fullHeight
  let share = area != 0 ? coveredWidth * coveredHeight / area : 0
  // With MinimumCoverage 0 (as in this check) VTK keeps a degenerate prop with a token
  // coverage rather than culling it.
  return (area == 0 || share <= 0) ? 0.0001 : share
}

/// The MinimumCoverage that makes the culler keep exactly `count` props: the `count` props with
/// the largest coverage. `coverages` holds every prop's coverage (0 for props already culled).
func minimumCoverage(toKeep count: Int, coverages: [Double]) -> Double {
  let sorted = coverages.sorted(by: >)
  guard count > 0 else { return sorted.first.map { $0 * 2 } ?? 1 }
  guard count < sorted.count else { return 0 }
  // A prop is culled when its coverage is at or below the minimum: sit strictly between the
  // last prop to keep and the first to drop.
  return (sorted[count - 1] + sorted[count]) / 2
}
