// leaks: ScreenRect.of — exercise 07's screenRect
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func screenRect(_ box: AABB, _ viewProjection: Matrix4, _ width: Int, _ height: Int) -> ScreenRect {
  ScreenRect.of(box, viewProjection: viewProjection, width: width, height: height)
}
