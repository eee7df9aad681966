// leaks: Frustum(viewProjection:) — exercise 06's frustumPlanes
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func frustumPlanes(viewProjection m: Matrix4) -> [Plane] { Frustum(viewProjection: m).planes }
