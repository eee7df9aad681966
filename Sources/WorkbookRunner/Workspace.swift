import Foundation
import WorkbookKit

/// Everything a command needs: the project, its chapters, the learner's progress, and the means
/// to build and run programs.
public final class Workspace {
  public let project: Project
  public let catalog: Catalog
  public var progress: Progress
  public let builder: Builder
  public let runner: ChapterRunner
  public let pristine: Pristine
  /// Set when the progress file was missing or unreadable and had to be rebuilt.
  public private(set) var progressNotice: String?

  public var progressPath: String { project.stateDirectory + "/progress.json" }

  /// Loads the project from the current directory (or `WORKBOOK_ROOT`).
  /// - Throws: `RunnerError` / `CatalogErrors` when the project or its metadata is broken.
  public init(project: Project? = nil) throws {
    self.project = try project ?? Project.locate()
    catalog = try Catalog.load(self.project)
    builder = Builder(project: self.project)
    runner = ChapterRunner(project: self.project)
    pristine = Pristine(project: self.project)
    progress = Progress()
    for c in catalog.chapters { try? pristine.ensureSnapshot(c) }
    switch Progress.load(from: progressPath) {
    case .loaded(let p):
      progress = p
    case .fresh(let p):
      progress = p
      if catalog.chapters.contains(where: pristine.isModified) {
        progressNotice = "no progress file: rebuilding it by checking the exercises you have edited"
      }
    case .corrupt(let reason, let backup):
      progressNotice = "the progress file was unreadable (\(reason)); moved it to \(backup) and rebuilding it by checking your exercises"
    }
  }

  /// Saves progress; a failure to save is reported, never fatal.
  public func saveProgress() {
    do { try progress.save(to: progressPath) } catch {
      print(Terminal.yellow("warning: could not save progress: \(error)"))
    }
  }

  /// The first chapter not done, in order.
  public var nextPending: ChapterInfo? { catalog.chapters.first { !progress.done.contains($0.folder) } }

  /// Finds a chapter by number, or throws a message listing the valid numbers.
  public func chapter(_ number: Int) throws -> ChapterInfo {
    guard let c = catalog.chapter(number) else {
      throw RunnerError("there is no chapter \(number); chapters are \(catalog.chapters.map { String($0.number) }.joined(separator: ", "))")
    }
    return c
  }

  /// When the progress file had to be rebuilt: says so, checks every edited exercise quietly,
  /// and records the ones that pass.
  /// - Parameter build: build each exercise first (false: use the programs already built).
  public func rebuildProgressIfNeeded(build: Bool = true) {
    guard let notice = progressNotice else { return }
    print(Terminal.yellow(notice))
    progressNotice = nil
    for c in catalog.chapters where pristine.isModified(c) {
      let outcome = check(c, quiet: true, build: build)
      if outcome.passed { progress.markPassed(c.folder) } else { progress.markFailed(c.folder) }
      print("  \(outcome.passed ? Terminal.pass : Terminal.fail) \(c.folder)")
    }
    saveProgress()
  }

  /// Builds and checks a chapter's exercise (or, with `product`, another of its programs) at
  /// every declared rank count, stopping at the first rank count that does not pass.
  /// - Parameter onRun: called after each rank count's run, so results show as they come.
  public func check(_ chapter: ChapterInfo, product: String? = nil, quiet: Bool = false, build shouldBuild: Bool = true,
                    onRun: (RunOutcome) -> Void = { _ in }) -> CheckOutcome {
    let product = product ?? chapter.exerciseProduct
    let build: BuildResult
    do {
      build = shouldBuild ? try builder.build(product: product) : BuildResult(succeeded: true, errors: [], log: "", seconds: 0)
    } catch {
      return CheckOutcome(chapter: chapter, build: nil, runs: [], problem: "cannot run swift build: \(error)")
    }
    guard build.succeeded else { return CheckOutcome(chapter: chapter, build: build, runs: [], problem: nil) }
    var runs: [RunOutcome] = []
    for n in chapter.ranks {
      if !quiet && chapter.kind == .mpi { print(Terminal.dim("  running at \(n) rank\(n == 1 ? "" : "s") ...")) }
      let outcome = runner.run(chapter, product: product, ranks: n)
      runs.append(outcome)
      onRun(outcome)
      if !outcome.verdict.passed { break }
    }
    return CheckOutcome(chapter: chapter, build: build, runs: runs, problem: nil)
  }
}

/// A chapter's exercise built and run at its rank counts.
public struct CheckOutcome {
  public var chapter: ChapterInfo
  public var build: BuildResult?
  public var runs: [RunOutcome]
  /// A problem that kept the check from starting at all.
  public var problem: String?

  /// Built, ran at every declared rank count, every check passed.
  public var passed: Bool {
    problem == nil && build?.succeeded == true && runs.count == chapter.ranks.count && runs.allSatisfy(\.verdict.passed)
  }
}
