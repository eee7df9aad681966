import CLaunch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

// The Launch module: start programs with argument arrays (never a shell string), limit their
// time, and end them together with everything they started.
//
// Each child runs in a session of its own (POSIX_SPAWN_SETSID). Whatever it starts (mpirun's
// ranks, a compiler's subprocesses) stays in that session even if it changes process group, so
// "end everything this run started" is "signal every process whose session id is the child's
// pid", found in /proc.

/// Where a child's standard output and error go.
public enum OutputDestination: Sendable {
  /// The parent's terminal (or whatever the parent's fds point at).
  case inherit
  /// Discarded.
  case discard
  /// Appended to a file, created if missing.
  case file(String)
}

/// How a process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
  /// It returned or called `exit`, with this exit status (0...255).
  case exited(Int32)
  /// A signal ended it (`SIGSEGV` from a crash, `SIGKILL` from a time-out); see `signalName(_:)`.
  case signaled(Int32)

  /// Whether it exited with status 0. A process ended by a signal never succeeded.
  public var succeeded: Bool { self == .exited(0) }

  /// "exit code 3" or "signal 11 (SIGSEGV)", for messages.
  public var description: String {
    switch self {
    case .exited(let code): return "exit code \(code)"
    case .signaled(let sig): return "signal \(sig) (\(signalName(sig)))"
    }
  }
}

/// The conventional name of a signal number, e.g. "SIGSEGV".
public func signalName(_ sig: Int32) -> String {
  let names: [Int32: String] = [
    SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
    SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
    SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
  ]
  return names[sig] ?? "signal \(sig)"
}

/// An error starting a process.
public struct LaunchError: Error, CustomStringConvertible {
  /// What could not be started and why, e.g. "cannot run mpirun: not found in PATH".
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}

/// Seconds on a monotonic clock: time-outs must not jump when the wall clock is set.
public func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// A running child process, leader of its own session (or, for programs started from inside a
/// supervised run, of its own process group within the caller's session).
public final class ChildProcess {
  /// The child's pid, which is also its session id (or process group id).
  public let pid: pid_t
  /// The command line, for messages.
  public let commandLine: [String]
  /// Whether the child leads a new session (true) or only a new process group (false).
  public let ownsSession: Bool
  private var ended: Termination?

  /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`.
  /// - Parameters:
  ///   - environment: the complete environment; nil inherits the parent's.
  ///   - stdout, stderr: where output goes. Standard input is /dev/null unless `stdout` is `.inherit`.
  ///   - newSession: start a new session (the default). Pass false for a program started by a
  ///     program that is itself supervised: it then stays in its parent's session, so stopping
  ///     the outer run stops it too, and gets a process group of its own instead.
  /// - Throws: `LaunchError` when the program cannot be started (not found, not executable).
  public init(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    workingDirectory: String? = nil, stdout: OutputDestination = .inherit,
    stderr: OutputDestination = .inherit, newSession: Bool = true
  ) throws {
    commandLine = [executable] + arguments
    ownsSession = newSession
    guard let resolved = ChildProcess.resolve(executable, path: environment?["PATH"]) else {
      throw LaunchError("cannot run \(executable): not found in PATH")
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if case .inherit = stdout {
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    for (fd, destination) in [(Int32(1), stdout), (Int32(2), stderr)] {
      switch destination {
      case .inherit: break
      case .discard: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
      case .file(let path):
        posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
      }
    }
    if let workingDirectory {
      // posix_spawn_file_actions_addchdir_np exists in glibc 2.29+ (Debian 12 has 2.36).
      wb_spawn_addchdir(&actions, workingDirectory)
    }
    // Nothing this process holds open goes to the child: an Xvfb that inherited the fd of a
    // build lock kept the lock after its runner had died.
    wb_spawn_addclosefrom(&actions, 3)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new session, and default signal dispositions (the parent may ignore SIGINT).
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    let grouping = newSession ? wb_spawn_setsid_flag() : Int16(POSIX_SPAWN_SETPGROUP)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, grouping | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv: [UnsafeMutablePointer<CChar>?] = commandLine.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    let envp: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
    defer { envp.forEach { free($0) } }

    var child: pid_t = 0
    let status = posix_spawn(&child, resolved, &actions, &attributes, argv, envp)
    guard status == 0 else {
      throw LaunchError("cannot run \(executable): \(String(cString: strerror(status)))")
    }
    pid = child
    LiveChildren.add(child)
  }

  deinit { LiveChildren.remove(pid) }

  /// Finds an executable: a path containing "/" as is, otherwise the first match in `path`
  /// (default: this process's PATH).
  public static func resolve(_ name: String, path: String? = nil) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    let path = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// Whether the child has ended (reaping it if so).
  public var hasEnded: Bool { poll() != nil }

  private func poll() -> Termination? {
    if let ended { return ended }
    var status: Int32 = 0
    let r = waitpid(pid, &status, WNOHANG)
    guard r == pid else { return nil }
    ended = ChildProcess.decode(status)
    LiveChildren.remove(pid)
    return ended
  }

  private static func decode(_ status: Int32) -> Termination {
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
    let signal = status & 0x7f
    return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
  }

  /// Waits for the child to end, at most `timeout` seconds (nil: no limit). Returns nil on
  /// timeout or when `interrupted()` returns true; the child is then still running.
  public func wait(timeout: Double? = nil, interrupted: () -> Bool = { false }) -> Termination? {
    let deadline = timeout.map { monotonicSeconds() + $0 }
    var pause: useconds_t = 1_000
    while true {
      if let t = poll() { return t }
      if let deadline, monotonicSeconds() >= deadline { return nil }
      if interrupted() { return nil }
      usleep(pause)
      pause = min(pause * 2, 20_000)
    }
  }

  /// Ends the child and every process in its session (or process group): SIGTERM, then after
  /// `grace` seconds SIGKILL for anything still alive. Returns the pids that were signalled.
  @discardableResult
  public func terminateSession(grace: Double = 2) -> [pid_t] {
    var signalled = Set<pid_t>()
    // The child itself only while it is unreaped: a reaped pid may belong to someone else now.
    let me = poll() == nil ? [pid] : []
    for p in members() + me where kill(p, SIGTERM) == 0 { signalled.insert(p) }
    let deadline = monotonicSeconds() + grace
    while monotonicSeconds() < deadline {
      _ = poll()
      if members().isEmpty && ended != nil { break }
      usleep(20_000)
    }
    for p in members() { kill(p, SIGKILL) }
    if ended == nil {
      kill(pid, SIGKILL)
      _ = wait(timeout: 5)
    }
    return Array(signalled)
  }

  /// Live processes started under this child: its session's, or its process group's.
  public func members() -> [pid_t] {
    ownsSession ? ChildProcess.sessionMembers(pid) : ChildProcess.groupMembers(pid)
  }

  /// Processes whose session id is `sid` (excluding zombies), read from /proc/<pid>/stat.
  public static func sessionMembers(_ sid: pid_t) -> [pid_t] { members(field: 3, equal: sid) }

  /// Processes whose process group id is `pgid` (excluding zombies).
  public static func groupMembers(_ pgid: pid_t) -> [pid_t] { members(field: 2, equal: pgid) }

  /// Processes whose /proc/<pid>/stat field (counted after the command name: 0 state, 1 ppid,
  /// 2 pgrp, 3 session) equals `id`.
  private static func members(field: Int, equal id: pid_t) -> [pid_t] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    var members = [pid_t]()
    for entry in entries {
      guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else {
        continue
      }
      // Fields after the parenthesised command name: state ppid pgrp session ...
      guard let close = stat.lastIndex(of: ")") else { continue }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 3, fields[0] != "Z", pid_t(fields[field]) == id else { continue }
      members.append(p)
    }
    return members
  }
}

/// The outcome of `runProcess`.
public struct ProcessResult: Sendable {
  /// How the process ended; nil when it was stopped for running past its time limit.
  public let termination: Termination?
  /// Standard output and error, interleaved as written (when captured).
  public let output: String
  /// Wall-clock seconds from start to end.
  public let seconds: Double
  /// True when the program was stopped for writing more than its output limit.
  public var outputLimitExceeded = false
  /// True when the caller's `watch` stopped the program (a deadlock, too much memory).
  public var stoppedByWatch = false
  /// Whether the time limit ended it (not the output limit, not a watch, not an interruption).
  public var timedOut: Bool { termination == nil && !outputLimitExceeded && !stoppedByWatch }
}

/// How much a program run by `runProcess` may write before it is stopped: a `print` in an
/// endless loop fills the disk and the runner's memory within a minute otherwise.
public let defaultOutputLimit = 64 << 20

/// How much of a long output `runProcess` keeps in memory: its beginning and its end.
let keptOutputEnds = 256 << 10

/// The output in `log`, whole when it is short, otherwise its first and last `keptOutputEnds`
/// bytes with a line saying how much was left out between them.
func readOutput(_ log: String) -> String {
  guard let handle = FileHandle(forReadingAtPath: log) else { return "" }
  defer { try? handle.close() }
  let size = Int((try? handle.seekToEnd()) ?? 0)
  try? handle.seek(toOffset: 0)
  guard size > 2 * keptOutputEnds else { return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self) }
  let head = handle.readData(ofLength: keptOutputEnds)
  try? handle.seek(toOffset: UInt64(size - keptOutputEnds))
  let tail = handle.readDataToEndOfFile()
  return String(decoding: head, as: UTF8.self) + "\n[... \(size - 2 * keptOutputEnds) bytes of output left out ...]\n"
    + String(decoding: tail, as: UTF8.self)
}

/// Runs a program to completion with a time limit, capturing its output (stdout and stderr
/// together), and ends its whole session afterwards so nothing it started keeps running.
///
/// - Parameters:
///   - echo: also copy the output to this process's stdout as it arrives.
///   - interrupted: polled while waiting; returning true stops the program early.
///   - includeStandardError: capture stderr with stdout (true) or discard it (false).
///   - newSession: see `ChildProcess.init`; false for programs started inside a supervised run.
///   - outputLimit: bytes of output after which the program is stopped (`outputLimitExceeded`).
///     Only the beginning and the end of a long output are kept in `output`.
///   - watch: polled while the program runs (every few milliseconds: keep it cheap, or throttle
///     it); returning true stops the program (`stoppedByWatch`). It gets the running child, e.g.
///     to read its session's memory use.
///   - onTimeOut: called when the time limit has passed, before anything is stopped, e.g. to
///     read where the program's processes are.
/// - Throws: `LaunchError` when the program cannot be started; a program that starts and then
///   fails is a `ProcessResult` with its `termination`.
public func runProcess(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
  workingDirectory: String? = nil, timeout: Double, echo: Bool = false,
  includeStandardError: Bool = true, newSession: Bool = true,
  outputLimit: Int = defaultOutputLimit,
  watch: (ChildProcess) -> Bool = { _ in false },
  onTimeOut: (ChildProcess) -> Void = { _ in },
  interrupted: () -> Bool = { false }
) throws -> ProcessResult {
  let log = NSTemporaryDirectory() + "workbook-\(getpid())-\(UUID().uuidString).log"
  _ = FileManager.default.createFile(atPath: log, contents: nil)
  defer { try? FileManager.default.removeItem(atPath: log) }
  let start = monotonicSeconds()
  // What this process printed must come out before the child's output, also into a pipe or a
  // file, where stdout is block-buffered.
  fflush(nil)
  let child = try ChildProcess(
    executable, arguments, environment: environment, workingDirectory: workingDirectory,
    stdout: .file(log), stderr: includeStandardError ? .file(log) : .discard,
    newSession: newSession)
  let reader = FileHandle(forReadingAtPath: log)
  defer { try? reader?.close() }
  func pump() {
    guard echo, let reader else { return }
    let data = reader.availableData
    if !data.isEmpty { FileHandle.standardOutput.write(data) }
  }
  var flooded = false
  var watched = false
  let termination = child.wait(
    timeout: timeout,
    interrupted: {
      pump()
      var info = stat()
      if stat(log, &info) == 0 && Int(info.st_size) > outputLimit { flooded = true }
      if !flooded && watch(child) { watched = true }
      return flooded || watched || interrupted()
    })
  if termination == nil && !flooded && !watched && monotonicSeconds() - start >= timeout { onTimeOut(child) }
  child.terminateSession(grace: termination == nil ? 2 : 0.2)
  pump()
  var result = ProcessResult(termination: termination, output: readOutput(log), seconds: monotonicSeconds() - start)
  result.outputLimitExceeded = flooded && termination == nil
  result.stoppedByWatch = watched && !flooded && termination == nil
  return result
}

/// The children started and not yet reaped, for the last-resort clean-up of a second Ctrl-C:
/// a fixed table that a signal handler can read without locks or allocation.
public enum LiveChildren {
  static let capacity = 64
  // Unchecked: a signal handler reads it without locks by design; entries are single words.
  nonisolated(unsafe) static let slots: UnsafeMutablePointer<pid_t> = {
    let p = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
    p.initialize(repeating: 0, count: capacity)
    return p
  }()
  static let lock = NSLock()
  /// The pipe to the watchdog (`wb_watchdog_start`), started with the first child; -1 before.
  // Unchecked: only read and written under `lock`.
  nonisolated(unsafe) static var watchdog: Int32 = -1

  /// Makes sure the table exists before a signal handler may read it.
  public static func prepare() { _ = slots }

  static func add(_ pid: pid_t) {
    lock.lock()
    defer { lock.unlock() }
    // If this process is killed outright (SIGKILL, the OOM killer, a closed terminal), the
    // watchdog ends every session it was told about: nothing started here outlives it.
    if watchdog < 0 { watchdog = wb_watchdog_start() }
    wb_watchdog_track(watchdog, pid)
    for i in 0..<capacity where slots[i] == 0 {
      slots[i] = pid
      return
    }
  }

  static func remove(_ pid: pid_t) {
    lock.lock()
    defer { lock.unlock() }
    wb_watchdog_track(watchdog, -pid)
    for i in 0..<capacity where slots[i] == pid { slots[i] = 0 }
  }

  /// SIGKILLs every live child and its process group. Safe in a signal handler (only kill(2)).
  public static func killAllNow() {
    for i in 0..<capacity {
      let pid = slots[i]
      if pid > 0 {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
      }
    }
  }
}
