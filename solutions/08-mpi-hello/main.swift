// Hands your functions to the chapter's checks. Edit Hello.swift, not this file.
import Chapters

Chapter08.check(
  .init(
    whoAmI: whoAmI, greetingsInOrder: greetingsInOrder, vtkRankAndSize: vtkRankAndSize,
    vtkTotal: vtkTotal))
