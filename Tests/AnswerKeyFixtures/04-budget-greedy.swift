// leaks: BudgetSelector.greedy — exercise 04's chooseLevels
// Every module an exercise target depends on (Package.swift, chapterTargets).
import Chapters
import Imaging
import MPI
import VTK
import Window
import WorkbookKit

func chooseLevels(_ options: [[LODOption]], budget: Double) -> [Int] { BudgetSelector.greedy(options, budget: budget) }
