// leaks: Chapter09.referenceShiftRight — exercise 09's shiftRight
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func shiftRight(_ mine: [Double], world: Communicator) throws -> [Double] {
  try Chapter09.referenceShiftRight(mine, world)
}
