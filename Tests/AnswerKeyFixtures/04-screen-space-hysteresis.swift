// leaks: ScreenSpaceError.selectWithHysteresis — exercise 04's selectWithHysteresis
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func selectWithHysteresis(
  errors: [Double], distance: Double, pixelsPerUnit: Double, threshold: Double,
  band: Double, previous: Int
) -> Int {
  ScreenSpaceError.selectWithHysteresis(
    errors: errors, distance: distance, pixelsPerUnit: pixelsPerUnit,
    threshold: threshold, band: band, previous: previous)
}
