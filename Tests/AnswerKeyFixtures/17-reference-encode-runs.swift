// leaks: Chapter17.referenceEncodeRuns — exercise 17's encodeRuns
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func encodeRuns(_ covered: [Bool]) -> [UInt32] { Chapter17.referenceEncodeRuns(covered) }
