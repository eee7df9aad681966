// Demo for chapter 08: `./workbook run 8`, or `./workbook run 8 --ranks 4`.
import Chapters

Chapter08.demo()
