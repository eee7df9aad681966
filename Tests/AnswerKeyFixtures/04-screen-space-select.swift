// leaks: ScreenSpaceError.select — exercise 04's selectLevel
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func selectLevel(errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double) -> Int {
  ScreenSpaceError.select(errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit, threshold: threshold)
}
