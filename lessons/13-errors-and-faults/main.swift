// Demo for chapter 13: `./workbook run 13`. The failures run as child jobs of their own.
import Chapters

Chapter13.demo()
