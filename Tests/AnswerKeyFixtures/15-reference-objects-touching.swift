// leaks: Chapter15.referenceObjectsTouching — exercise 15's objectsTouching
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func objectsTouching(
  _ tile: Chapter15.TileRect, items: [Chapter15.Item], camera: PerspectiveCamera, width: Int,
  height: Int
) -> [Int] {
  Chapter15.referenceObjectsTouching(tile, items, camera, width, height)
}
