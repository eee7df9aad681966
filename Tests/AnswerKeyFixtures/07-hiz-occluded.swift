// leaks: HiZ.isOccluded — exercise 07's isOccluded
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func isOccluded(_ rect: ScreenRect, _ pyramid: [DepthImage], _ shift: Int) -> Bool {
  HiZ(pyramid[0], pixelShift: shift).isOccluded(rect)
}
