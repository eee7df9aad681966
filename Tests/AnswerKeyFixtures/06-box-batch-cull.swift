// leaks: BoxBatch.cull — exercise 06's cullBatch
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func cullBatch(_ batch: BoxBatch, _ planes: [SIMD4<Float>]) -> [Int32] { batch.cull(planes) }
