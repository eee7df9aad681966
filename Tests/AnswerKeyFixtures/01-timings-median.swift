// leaks: Timings.median and .interquartileRange — exercise 01's summarize
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func summarize(_ samples: [Double]) -> Chapter01.FrameStats {
  let t = Timings(samples: samples)
  return Chapter01.FrameStats(median: t.median, spread: t.interquartileRange)
}
