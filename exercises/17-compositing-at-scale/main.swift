// Hands your functions to the chapter's checks. Edit Scale.swift, not this file.
import Chapters

Chapter17.check(.init(encodeRuns: encodeRuns, decodeRuns: decodeRuns, schedule: schedule, over: over))
