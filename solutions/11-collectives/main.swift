// Hands your functions to the chapter's checks. Edit Collectives.swift, not this file.
import Chapters

Chapter11.check(.init(treeBroadcast: treeBroadcast, distributeTasks: distributeTasks, summarize: summarize))
