// leaks: Chapter17.referenceOver — exercise 17's over
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func over(_ front: Chapter17.Premultiplied, _ back: Chapter17.Premultiplied) -> Chapter17.Premultiplied {
  Chapter17.referenceOver(front, back)
}
