// leaks: Chapter17.referenceDecodeRuns — exercise 17's decodeRuns
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func decodeRuns(_ runs: [UInt32]) -> [Bool] { Chapter17.referenceDecodeRuns(runs) }
