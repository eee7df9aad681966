// leaks: Chapter14.blockRange — exercise 14's blockOwned
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func blockOwned(rank: Int, ranks: Int, count: Int) -> [Int] {
  Array(Chapter14.blockRange(rank: rank, ranks: ranks, count: count))
}
