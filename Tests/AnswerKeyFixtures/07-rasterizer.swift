// leaks: ConservativeRasterizer — the small occlusion buffer of chapter 07
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func rasterizer(_ m: Matrix4) -> Any {
  ConservativeRasterizer(viewProjection: m, screenWidth: 640, screenHeight: 480, pixelShift: 2)
}
