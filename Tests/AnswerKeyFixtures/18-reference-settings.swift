// leaks: Chapter18.referenceSettings — exercise 18's policy
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func settings(_ motion: Chapter18.Motion) -> Chapter18.FrameSettings { Chapter18.referenceSettings(motion) }
