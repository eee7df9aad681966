// leaks: Chapter13.referenceRestartStep — exercise 13's restartStep
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func restartStep(directory: String, world: Communicator) throws -> Int? {
  try Chapter13.referenceRestartStep(directory, world)
}
