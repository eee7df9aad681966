// leaks: Chapter15.footprint — the projected rectangle exercise 15's objectsTouching computes
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
  let vp = camera.viewProjection(aspect: Double(width) / Double(height))
  return items.filter { item in
    if case .rect = Chapter15.footprint(item.bounds, viewProjection: vp, width: width, height: height) { return true }
    return false
  }.map(\.id)
}
