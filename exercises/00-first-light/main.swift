// Hands your functions to the chapter's checks. Edit FirstLight.swift, not this file.
import Chapters

Chapter00.check(.init(coveredPixels: coveredPixels, totalCovered: totalCovered))
