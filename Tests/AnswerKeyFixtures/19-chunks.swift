// leaks: Chapter19.chunks — exercise 19's chunks
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func chunks(_ count: Int, _ parts: Int) -> [Range<Int>] { Chapter19.chunks(count: count, parts: parts) }
