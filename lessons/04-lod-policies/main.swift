// Demo for chapter 04: run with `./workbook run 4`.
import Chapters

Chapter04.demo()
