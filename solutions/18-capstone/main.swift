// Placeholder (head start): chapter 18 has no checks yet, so this runs the demo. See STATUS-ch18.md.
import Chapters

Chapter18.demo()
