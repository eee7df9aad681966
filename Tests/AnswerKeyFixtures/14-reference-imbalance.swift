// leaks: Chapter14.referenceImbalance — exercise 14's imbalance
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func imbalance(_ seconds: Double, world: Communicator) throws -> Double {
  try Chapter14.referenceImbalance(seconds, world)
}
