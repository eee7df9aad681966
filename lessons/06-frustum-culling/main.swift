// Demo for chapter 06: run with `./workbook run 6`; `./workbook bench 6` runs the benchmark.
import Chapters

Chapter06.demo()
