// leaks: Chapter13.referenceWriteCheckpoint — exercise 13's writeCheckpoint
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func writeCheckpoint(_ state: Chapter13.State, directory: String, rank: Int) throws {
  try Chapter13.referenceWriteCheckpoint(state, directory, rank)
}
