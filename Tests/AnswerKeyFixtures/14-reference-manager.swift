// leaks: Chapter14.referenceManager — exercise 14's manager
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func manager(_ queue: Chapter14.TaskQueue) throws { try Chapter14.referenceManager(queue) }
