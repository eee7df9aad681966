import Chapters

Chapter16.demo()
