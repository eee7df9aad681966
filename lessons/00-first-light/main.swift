// Demo for chapter 00: run with `./workbook run 0` (2 ranks) or `./workbook run 0 --ranks 3`.
import Chapters

Chapter00.demo()
