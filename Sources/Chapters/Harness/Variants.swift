/// Chapter programs fed learner code that is wrong on purpose, the way learners get it wrong,
/// so that tests can see each mistake caught by the check written for it (or, for a deadlock,
/// by the runner's time-out). Each chapter lists its own in `ChapterNN+Variants.swift`, next to
/// the reference code the correct parts come from.
///
/// ```
/// mpirun -n 2 chapter-variants 09-naive-ring
/// ```
///
/// Running a variant only runs a chapter's checks: it hands no answer to the caller.
public enum ChapterVariants {
  /// Every variant, by name (`NN-what-goes-wrong`).
  static var all: [String: () -> Never] {
    [
      Chapter02.variants, Chapter09.variants, Chapter09.faults, Chapter10.variants, Chapter11.variants,
      Chapter12.variants,
      Chapter13.variants,
      Chapter14.variants,
      Chapter15.variants, Chapter16.variants, Chapter17.variants, Chapter18.variants,
      Chapter19.variants,
    ].reduce(into: [:]) { all, more in all.merge(more) { a, _ in a } }
  }

  /// The names of every variant, sorted.
  public static var names: [String] { all.keys.sorted() }

  /// Runs the chapter harness with variant `name`; the process ends with the harness's exit
  /// status. Returns nil for an unknown name.
  public static func run(_ name: String) -> Never? {
    guard let body = all[name] else { return nil }
    body()
  }
}
