// leaks: Chapter15.referenceTileRect — exercise 15's tileRect
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func tileRect(rank: Int, ranks: Int, width: Int, height: Int) -> Chapter15.TileRect {
  Chapter15.referenceTileRect(rank, ranks, width, height)
}
