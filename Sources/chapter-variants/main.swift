// chapter-variants: chapter harnesses run with learner code that is wrong on purpose, the way a
// learner is likely to get it wrong. Tests/MPITests/ChapterVariantTests.swift runs each one
// under the runner and expects the chapter's checks to catch it (a failing check, or for a
// deadlock the runner's time-out verdict).
//
//   mpirun -n 2 chapter-variants 09-naive-ring
import Chapters
import Foundation

let variants: [String: () -> Never] = [Variants09.all, Variants10.all, Variants11.all, Variants12.all, Variants13.all].reduce(into: [:]) { all, more in
  all.merge(more) { a, _ in a }
}

guard let name = CommandLine.arguments.dropFirst().first, let run = variants[name] else {
  print("usage: chapter-variants <variant>; variants: \(variants.keys.sorted().joined(separator: ", "))")
  exit(2)
}
run()
