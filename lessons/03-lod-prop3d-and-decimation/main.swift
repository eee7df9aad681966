// Demo for chapter 03: `./workbook run 3`.
import Chapters

Chapter03.demo()
