// Demo for chapter 15: `./workbook run 15` (2 ranks), `--ranks 3` or `--ranks 4`, `--keep-open 10`.
import Chapters

Chapter15.demo()
