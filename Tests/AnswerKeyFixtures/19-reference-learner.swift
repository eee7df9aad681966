// leaks: Chapter19.reference — both of exercise 19's functions at once
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

let learner = Chapter19.reference
