// leaks: Chapter15.referenceTileView — exercise 15's tileView
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func tileView(for tile: Chapter15.TileRect, width: Int, height: Int, viewAngle: Double) -> Chapter15.TileView {
  Chapter15.referenceTileView(tile, width, height, viewAngle)
}
