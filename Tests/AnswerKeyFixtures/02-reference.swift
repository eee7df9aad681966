// leaks: Chapter02.reference — both functions of exercise 02
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func buildLODChain(actor: LODActor, mesh: Algorithm) -> [PolyDataMapper] {
  Chapter02.reference.buildLODChain(actor, mesh)
}
