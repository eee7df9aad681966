// leaks: Chapter10.referenceStart — exercise 10's startHalo
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func startHalo(_ slab: Chapter10.Slab, world: Communicator) throws -> Chapter10.PendingHalo {
  try Chapter10.referenceStart(slab, world)
}
