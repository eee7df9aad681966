// leaks: Frustum.classify — exercise 06's sphere and box tests
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func classifyBox(_ b: AABB, _ planes: [Plane]) -> Containment { Frustum(planes: planes).classify(b) }
