// chapter-variants: chapter harnesses run with learner code that is wrong on purpose (see
// `ChapterVariants` in Sources/Chapters/Harness/Variants.swift). Tests/MPITests runs each one
// under the runner and expects the chapter's checks to catch it.
//
//   mpirun -n 2 chapter-variants 09-naive-ring
import Chapters
import Foundation

let name = CommandLine.arguments.dropFirst().first ?? ""
_ = ChapterVariants.run(name)
print("usage: chapter-variants <variant>; variants: \(ChapterVariants.names.joined(separator: ", "))")
exit(2)
