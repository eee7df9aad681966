// leaks: Chapter17.referenceSchedule — exercise 17's schedule
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func schedule(_ rank: Int, _ factors: [Int]) -> [Chapter17.Round] { Chapter17.referenceSchedule(rank, factors) }
