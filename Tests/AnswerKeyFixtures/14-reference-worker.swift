// leaks: Chapter14.referenceWorker — exercise 14's worker
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func worker(_ queue: Chapter14.TaskQueue) throws { try Chapter14.referenceWorker(queue) }
