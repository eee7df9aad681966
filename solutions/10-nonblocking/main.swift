// Hands your functions to the chapter's checks. Edit Halo.swift, not this file.
import Chapters

Chapter10.check(.init(startHalo: startHalo, finishHalo: finishHalo))
