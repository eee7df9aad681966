// leaks: BVH.cull — exercise 06's cullHierarchy
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func cullHierarchy(_ bvh: BVH, planes: [Plane]) -> [Int] {
  var stats = CullStats()
  return bvh.cull(Frustum(planes: planes), stats: &stats)
}
