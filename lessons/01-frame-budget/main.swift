// Demo for chapter 01: `./workbook run 1`; the benchmark: `./workbook bench 1`.
import Chapters

Chapter01.demo()
