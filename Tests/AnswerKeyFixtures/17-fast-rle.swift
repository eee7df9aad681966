// leaks: Chapter17.fastRLE — the encoder of the checks' radix-k, which does encodeRuns' work
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

let encoder = Chapter17.fastRLE
