// leaks: Benchmark.measure — warm-up and timed runs, exercise 01's timeFrames
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func timeFrames(_ count: Int, warmup: Int, render: () -> Void) -> [Double] {
  Benchmark.measure(runs: count, warmup: warmup) { render() }.samples
}
