// leaks: Chapter19.partialsHistogram — exercise 19's histogram
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func histogram(_ values: [Float], _ bins: Int, _ threads: Int) -> [Int] {
  Chapter19.partialsHistogram(values, bins: bins, threads: threads)
}
