// leaks: Chapter16.referenceComposite — exercise 16's z-test
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func composite(_ incoming: Chapter16.Pixels, into mine: inout Chapter16.Pixels, at offset: Int, incomingWinsTies: Bool)
{
  Chapter16.referenceComposite(
    incoming, count: incoming.count, into: &mine, at: offset, incomingWinsTies: incomingWinsTies)
}
