// leaks: Chapter11.referenceBroadcast — exercise 11's treeBroadcast
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func treeBroadcast(_ values: inout [Double], root: Int, net: Chapter11.Messenger) throws {
  try Chapter11.referenceBroadcast(&values, root: root, net)
}
