// leaks: HiZ.pyramid — exercise 07's buildPyramid
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func buildPyramid(_ base: DepthImage) -> [DepthImage] { HiZ.pyramid(base) }
