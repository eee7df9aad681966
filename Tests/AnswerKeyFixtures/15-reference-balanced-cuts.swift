// leaks: Chapter15.referenceBalancedCuts — exercise 15's balancedCuts
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func balancedCuts(positions: [Double], costs: [Int], parts: Int, length: Int) -> [Int] {
  Chapter15.referenceBalancedCuts(positions, costs, parts, length)
}
