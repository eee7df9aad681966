import Foundation
import WorkbookContract

#if canImport(Glibc)
  import Glibc
#endif

/// Everything a command needs: the project, its chapters, the learner's progress, and the means
/// to build and run programs.
public final class Workspace {
  /// Where the workbook is.
  public let project: Project
  /// Every chapter, validated at load.
  public let catalog: Catalog
  /// The learner's progress as last read or saved; change it with `updateProgress(_:)`.
  public var progress: Progress
  /// Builds the programs.
  public let builder: Builder
  /// Runs them.
  public let runner: ChapterRunner
  /// The exercises as shipped.
  public let pristine: Pristine
  /// Set when the progress file was missing or unreadable and had to be rebuilt.
  public private(set) var progressNotice: String?

  /// The progress file, `<state>/progress.json`.
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
      progressNotice =
        "the progress file was unreadable (\(reason)); moved it to \(backup) and rebuilding it by checking your exercises"
    }
  }

  /// Changes the progress and saves it. Under a lock on the state folder, the file is read
  /// again first, so that two runners (a `watch` in one terminal, a `check` in another) do not
  /// undo each other's records. While a rebuild of a lost progress file is pending nothing is
  /// saved: an almost empty file would otherwise stand in for the learner's real progress.
  /// A failure to save is reported, never fatal.
  public func updateProgress(_ change: (inout Progress) -> Void) {
    guard progressNotice == nil else {
      change(&progress)
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: project.stateDirectory, withIntermediateDirectories: true)
      let fd = open(project.stateDirectory + "/progress.lock", O_CREAT | O_RDWR, 0o644)
      if fd >= 0 { flock(fd, LOCK_EX) }
      defer {
        if fd >= 0 {
          flock(fd, LOCK_UN)
          close(fd)
        }
      }
      if let current = Progress.read(from: progressPath) { progress = current }
      change(&progress)
      try progress.save(to: progressPath)
    } catch {
      print(Terminal.yellow("warning: could not save progress: \(error)"))
    }
  }

  /// The first chapter not done, in order.
  public var nextPending: ChapterInfo? { catalog.chapters.first { !progress.done.contains($0.folder) } }

  /// Restores a chapter's exercise as shipped (backing up the learner's files first) and forgets
  /// its progress. Returns the backup folder, or nil when the files were already as shipped.
  public func resetExercise(_ c: ChapterInfo) throws -> String? {
    guard pristine.isModified(c) else { return nil }
    let backup = try pristine.reset(c)
    updateProgress {
      $0.done.remove(c.folder)
      $0.rankVerdicts[c.folder] = nil
      $0.last[c.folder] = nil
    }
    return backup
  }

  /// Finds a chapter by number, or throws a message listing the valid numbers.
  public func chapter(_ number: Int) throws -> ChapterInfo {
    guard let c = catalog.chapter(number) else {
      throw RunnerError(
        "there is no chapter \(number); chapters are \(catalog.chapters.map { String($0.number) }.joined(separator: ", "))"
      )
    }
    return c
  }

  /// When the progress file had to be rebuilt: says so, checks every edited exercise quietly,
  /// and records the ones that pass.
  /// - Parameters:
  ///   - build: build each exercise first (false: use the programs already built).
  ///   - skipping: a chapter the caller is about to check anyway (`check N`, `watch N`): running
  ///     it here too would double the wait, to the full time limit when it hangs.
  public func rebuildProgressIfNeeded(build: Bool = true, skipping: ChapterInfo? = nil) {
    guard let notice = progressNotice else { return }
    print(Terminal.yellow(notice))
    progressNotice = nil
    var rebuilt = Progress()
    for c in catalog.chapters where pristine.isModified(c) && c.folder != skipping?.folder {
      let outcome = check(c, quiet: true, build: build)
      if outcome.passed {
        rebuilt.markPassed(c.folder)
      } else {
        rebuilt.markFailed(c.folder, check: outcome.firstFailedCheck)
      }
      print("  \(outcome.passed ? Terminal.pass : Terminal.fail) \(c.folder)")
    }
    rebuilt.shownHints = progress.shownHints
    updateProgress { $0 = rebuilt }
  }

  /// Builds and checks a chapter's exercise (or, with `product`, another of its programs) at
  /// every declared rank count, stopping at the first rank count that does not pass.
  /// - Parameters:
  ///   - ranks: only these rank counts (`check N --ranks K`, while debugging); such a check is
  ///     `partial` and never counts as the chapter's pass.
  ///   - onRun: called after each rank count's run, so results show as they come.
  public func check(
    _ chapter: ChapterInfo, product: String? = nil, quiet: Bool = false, build shouldBuild: Bool = true,
    ranks only: [Int]? = nil, onRun: (RunOutcome) -> Void = { _ in }
  ) -> CheckOutcome {
    let product = product ?? chapter.exerciseProduct
    let build: BuildResult
    do {
      build =
        shouldBuild
        ? try builder.build(product: product) : BuildResult(succeeded: true, errors: [], log: "", seconds: 0)
    } catch {
      return CheckOutcome(chapter: chapter, build: nil, runs: [], problem: "cannot run swift build: \(error)")
    }
    let counts = only ?? chapter.ranks
    guard build.succeeded else {
      return CheckOutcome(chapter: chapter, build: build, runs: [], problem: nil, rankCounts: counts)
    }
    var runs: [RunOutcome] = []
    for n in counts {
      if !quiet && chapter.kind == .mpi { print(Terminal.dim("  running at \(n) rank\(n == 1 ? "" : "s") ...")) }
      let outcome = runner.run(chapter, product: product, ranks: n)
      runs.append(outcome)
      onRun(outcome)
      if !outcome.verdict.passed { break }
    }
    return CheckOutcome(chapter: chapter, build: build, runs: runs, problem: nil, rankCounts: counts)
  }
}

/// A chapter's exercise built and run at its rank counts.
public struct CheckOutcome {
  /// The chapter checked.
  public var chapter: ChapterInfo
  /// The build, nil when `swift build` could not be started.
  public var build: BuildResult?
  /// One run per rank count tried, in order; the first that did not pass is the last.
  public var runs: [RunOutcome]
  /// A problem that kept the check from starting at all.
  public var problem: String?
  /// The rank counts asked for: the chapter's own, or fewer with `check N --ranks K`.
  public var rankCounts: [Int]

  /// A check of `chapter` at the given rank counts (default: the chapter's).
  public init(chapter: ChapterInfo, build: BuildResult?, runs: [RunOutcome], problem: String?, rankCounts: [Int]? = nil)
  {
    self.chapter = chapter
    self.build = build
    self.runs = runs
    self.problem = problem
    self.rankCounts = rankCounts ?? chapter.ranks
  }

  /// True when only some of the chapter's rank counts were asked for: such a check passes or
  /// fails, but progress records only a check at every rank count.
  public var partial: Bool { Set(rankCounts) != Set(chapter.ranks) }

  /// The first check that failed, in the last run (the first rank count that did not pass).
  public var firstFailedCheck: String? { runs.last?.verdict.firstFailure?.name }

  /// Built, ran at every rank count asked for, every check passed.
  public var passed: Bool {
    problem == nil && build?.succeeded == true && runs.count == rankCounts.count && runs.allSatisfy(\.verdict.passed)
  }
}
