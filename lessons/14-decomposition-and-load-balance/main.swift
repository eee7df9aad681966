// Demo for chapter 14: `./workbook run 14`.
import Chapters

Chapter14.demo()
