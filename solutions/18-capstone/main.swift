// Hands your functions to the chapter's checks. Edit Capstone.swift, not this file.
import Chapters

Chapter18.check(.init(settings: settings, magnify: magnify))
