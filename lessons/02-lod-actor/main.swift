// Demo for chapter 02: `./workbook run 2`.
import Chapters

Chapter02.demo()
