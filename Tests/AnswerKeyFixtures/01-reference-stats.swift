// leaks: Chapter01.referenceStats — exercise 01's summarize
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func summarize(_ samples: [Double]) -> Chapter01.FrameStats { Chapter01.referenceStats(samples) }
