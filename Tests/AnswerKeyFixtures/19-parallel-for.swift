// leaks: Chapter19.parallelFor — the threading half of exercise 19's histogram
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func run(_ n: Int) { Chapter19.parallelFor(n) { _ in } }
