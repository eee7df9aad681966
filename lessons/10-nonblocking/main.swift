// Demo for chapter 10: `./workbook run 10`.
import Chapters

Chapter10.demo()
