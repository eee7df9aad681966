// Hands your functions to the chapter's checks. Edit Histogram.swift, not this file.
import Chapters

Chapter19.check(.init(chunks: chunks, histogram: histogram))
