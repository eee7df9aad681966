// leaks: Chapter03.referenceMappers — the levels exercise 03 asks for
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func levels(_ torus: TorusSource) -> [PolyDataMapper] { Chapter03.referenceMappers(torus) }
