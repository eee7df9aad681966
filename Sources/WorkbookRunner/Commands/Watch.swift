import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `workbook watch`: check the current exercise every time it is saved.
struct Watch: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Re-check the current exercise whenever you save it; moves on when it passes (stays on a chapter you name).",
    discussion: "Keys: h hint, l list, c check now, r reset the exercise, q quit.")

  @Argument(help: "Chapter to watch (default: the next pending chapter, then the one after it as each passes).")
  var chapter: Int?

  @Flag(help: "Poll file modification times instead of using inotify.")
  var poll = false

  @OptionGroup var mpiOptions: MPIOptions

  func run() throws {
    let ws = try openWorkspace()
    mpiOptions.apply(to: ws.runner)
    let asked = try chapter.map(ws.chapter)
    ws.rebuildProgressIfNeeded(skipping: asked)
    guard var current = asked ?? ws.nextPending else {
      print(Terminal.green("Every chapter is done."))
      return
    }
    let keys = KeyReader()
    defer { keys.restore() }
    var watcher = FileWatcher(folders: [ws.project.folder(.exercises, current)], forcePolling: poll)
    Watch.banner(current, keys: keys.active, watcher: watcher)
    var passed = Check.checkAndRecord(ws, current)

    // A chapter asked for by number stays watched when it passes (a finished one too): the
    // learner came back to it, for its "going further" ideas or to try another way.
    let stay = chapter != nil
    while !Interrupt.requested {
      if passed && stay {
        Watch.done(ws, current)
        passed = false
      }
      if passed {
        guard let next = ws.nextPending else {
          print(Terminal.green("Every chapter is done. Well done!"))
          return
        }
        current = next
        watcher = FileWatcher(folders: [ws.project.folder(.exercises, current)], forcePolling: poll)
        print()
        Watch.banner(current, keys: keys.active, watcher: watcher)
        passed = false
      }
      // Wait for a save or a key.
      var fds = [pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)]
      if keys.active { fds.append(pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)) }
      _ = Glibc.poll(&fds, nfds_t(fds.count), 250)
      if let key = keys.read() {
        switch key {
        case "q", "Q":
          return
        case "h", "H":
          if let (_, i) = nextHint(ws, current, advance: true) { Hint.show(current, i) }
        case "l", "L":
          ListChapters.printTable(ws)
        case "c", "C":
          passed = Check.checkAndRecord(ws, current)
        case "r", "R":
          guard ws.pristine.isModified(current) else {
            print("exercises/\(current.folder) is unchanged; nothing to reset.")
            continue
          }
          print("Reset exercises/\(current.folder) to the original (your files are backed up)? [y/N] ")
          if keys.waitForKey() == "y" {
            do {
              if let backup = try ws.resetExercise(current) {
                print("Restored; your files are in \(Printer(project: ws.project).relative(backup))/")
              }
            } catch { print(Terminal.red("reset failed: \(error)")) }
            _ = watcher.changed()
          } else {
            print("Nothing changed.")
          }
        default:
          break
        }
        continue
      }
      if watcher.changed() {
        watcher.settle()
        print(Terminal.dim("\n— saved, checking again —"))
        passed = Check.checkAndRecord(ws, current)
      }
    }
  }

  /// Says the chapter is done and prints the lesson's "Going further" ideas, then how to move on.
  static func done(_ ws: Workspace, _ c: ChapterInfo) {
    let ideas = goingFurther(ws.project, c)
    print(Terminal.green("Chapter \(c.number) done") + (ideas.isEmpty ? "." : "; going further (from the lesson):"))
    for line in ideas { print("  " + line) }
    let next = ws.nextPending.map { "; `./workbook watch` goes on with chapter \($0.number)" } ?? ""
    print(Terminal.dim("Still watching exercises/\(c.folder)/\(next)."))
  }

  /// The lines of the lesson's "## Going further" section, without blank lines.
  static func goingFurther(_ project: Project, _ c: ChapterInfo) -> [String] {
    guard let text = try? String(contentsOfFile: project.path("lessons", c.folder, "README.md"), encoding: .utf8)
    else { return [] }
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("## Going further") }) else { return [] }
    return Array(
      lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
  }

  static func banner(_ c: ChapterInfo, keys: Bool, watcher: FileWatcher) {
    print(
      Terminal.bold("Watching exercises/\(c.folder)/") + Terminal.dim(watcher.usesInotify ? " (inotify)" : " (polling)")
    )
    if keys { print(Terminal.dim("keys: h hint · l list · c check now · r reset · q quit")) }
  }
}

/// Single key presses from the terminal (raw mode), restored on exit. Inactive when stdin is not
/// a terminal: watch then runs on file changes alone.
final class KeyReader {
  private var saved = termios()
  let active: Bool

  init() {
    guard isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, &saved) == 0 else {
      active = false
      return
    }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 0
      cc[Int(VTIME)] = 0
    }
    active = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0
  }

  /// A key if one is waiting, without blocking.
  func read() -> Character? {
    guard active else { return nil }
    var byte: UInt8 = 0
    return Glibc.read(STDIN_FILENO, &byte, 1) == 1 ? Character(UnicodeScalar(byte)) : nil
  }

  /// Blocks until a key (up to 30 s).
  func waitForKey() -> Character? {
    guard active else { return nil }
    for _ in 0..<600 {
      if let k = read() { return k }
      usleep(50_000)
    }
    return nil
  }

  func restore() {
    if active { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
  }
}
