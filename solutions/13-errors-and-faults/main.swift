// Hands your functions to the chapter's checks. Edit Faults.swift, not this file.
import Chapters

Chapter13.check(
  .init(
    classify: classify, anyRankFailed: anyRankFailed, writeCheckpoint: writeCheckpoint,
    restartStep: restartStep))
