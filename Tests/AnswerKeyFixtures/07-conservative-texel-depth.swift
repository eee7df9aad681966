// leaks: ScreenTriangle.conservativeTexelDepth — exercise 07's texelDepth
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func texelDepth(_ triangle: ScreenTriangle, _ x: Int, _ y: Int) -> Double? { triangle.conservativeTexelDepth(x, y) }
