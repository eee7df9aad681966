import Chapters

Chapter18.demo()
