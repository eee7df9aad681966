// Hands your functions to the chapter's checks. Edit Levels.swift, not this file.
import Chapters

Chapter03.check(
  .init(
    makeLevels: makeLevels, addLevels: addLevels, allocatedTime: allocatedTime,
    configurePicking: configurePicking))
