// Hands your functions to the chapter's checks. Edit Coverage.swift, not this file.
import Chapters

Chapter05.check(.init(coverage: coverage, minimumCoverage: minimumCoverage))
