// Demo for chapter 11: `./workbook run 11`.
import Chapters

Chapter11.demo()
