// Demo for chapter 07: run with `./workbook run 7`; `./workbook bench 7` runs the benchmark.
import Chapters

Chapter07.demo()
