// leaks: KDSplit — exercise 14's kdParts (the shared k-d split of the parallel chapters)
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func kdParts(_ items: [Chapter14.Item], parts: Int) -> [[Int]] {
  KDSplit(points: items.map(\.center), parts: parts).parts.map { $0.map { items[$0].id } }
}
