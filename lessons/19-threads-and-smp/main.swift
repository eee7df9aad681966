// Demo for chapter 19: run with `./workbook run 19`.
import Chapters

Chapter19.demo()
