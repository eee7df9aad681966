// leaks: BruteForceCuller — the exact box test
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func visible(_ boxes: [AABB], _ planes: [Plane]) -> [Int] {
  BruteForceCuller.visibleBoxes(boxes, Frustum(planes: planes))
}
