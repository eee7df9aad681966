// leaks: Chapter18.movingStart — the reference's first settings of a move
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func start() -> Chapter18.FrameSettings { Chapter18.movingStart }
