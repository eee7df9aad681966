// Demo for chapter 09: `./workbook run 9` (the tour), `./workbook bench 9` (the benchmark).
import Chapters

Chapter09.demo()
