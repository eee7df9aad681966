// Demo for chapter 12: `./workbook run 12`, or `./workbook run 12 --ranks 4` for a 2 x 2 grid.
import Chapters

Chapter12.demo()
