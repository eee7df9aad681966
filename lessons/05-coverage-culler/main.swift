// Demo for chapter 05: `./workbook run 5`; the benchmark: `./workbook bench 5`.
import Chapters

Chapter05.demo()
