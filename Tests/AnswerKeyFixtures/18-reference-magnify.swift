// leaks: Chapter18.referenceMagnify — exercise 18's nearest magnification
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func magnify(_ reduced: Chapter18.Image, _ factor: Int, _ fullWidth: Int, _ fullHeight: Int) -> [UInt32] {
  Chapter18.referenceMagnify(reduced, factor, fullWidth, fullHeight)
}
