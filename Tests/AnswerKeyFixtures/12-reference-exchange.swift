// leaks: Chapter12.referenceExchange — exercise 12's exchangeHalos
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func exchangeHalos(_ tile: Chapter12.Tile, grid: CartesianCommunicator, column: Datatype) throws {
  try Chapter12.referenceExchange(tile, grid, column)
}
