import Chapters

Chapter17.demo()
