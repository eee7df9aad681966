// leaks: Chapter16.referenceBinarySwap — exercise 16's binarySwap
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func binarySwap(_ mine: Chapter16.Pixels, link: Chapter16.Link) throws -> Chapter16.Piece {
  try Chapter16.referenceBinarySwap(mine, link)
}
