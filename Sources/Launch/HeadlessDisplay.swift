import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An X display for programs that need one (VTK's render windows and GLFW both do, even
/// offscreen): the user's own when `DISPLAY` or `WAYLAND_DISPLAY` is set, otherwise an Xvfb
/// server this process starts on a free display number and stops when done.
///
/// Only the Xvfb this object started is ever stopped.
///
/// ```swift
/// let display = try HeadlessDisplay.start()    // no-op when a display exists
/// defer { display.stop() }
/// var env = ProcessInfo.processInfo.environment
/// env["DISPLAY"] = display.name
/// ```
public final class HeadlessDisplay {
  /// The value for `DISPLAY`, e.g. ":99"; nil when using a Wayland display.
  public let name: String?
  /// The Xvfb we started, nil when the user's display is used.
  private var server: ChildProcess?

  /// Whether this object started its own Xvfb.
  public var isOwnServer: Bool { server != nil }

  private init(name: String?, server: ChildProcess?) {
    self.name = name
    self.server = server
  }

  deinit { stop() }

  /// The display to use: the environment's, or a new Xvfb.
  /// - Throws: `LaunchError` naming the package to install when Xvfb is missing, or Xvfb's own
  ///   message when it cannot start (for instance no free display number).
  public static func start(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    timeout: Double = 15
  ) throws -> HeadlessDisplay {
    if let display = environment["DISPLAY"], !display.isEmpty { return HeadlessDisplay(name: display, server: nil) }
    if let wayland = environment["WAYLAND_DISPLAY"], !wayland.isEmpty { return HeadlessDisplay(name: nil, server: nil) }
    return try startXvfb(timeout: timeout, path: environment["PATH"])
  }

  /// Starts Xvfb regardless of the environment, found in `path` (default: this process's PATH).
  public static func startXvfb(timeout: Double = 15, path: String? = nil) throws -> HeadlessDisplay {
    guard let xvfb = ChildProcess.resolve("Xvfb", path: path) else {
      throw LaunchError(
        "no display and Xvfb is not installed: install the `xvfb` package (sudo apt-get install xvfb), or set DISPLAY")
    }
    // Xvfb could pick a free number itself (-displayfd alone), but it sees only the X sockets
    // of its own network namespace: started inside an MPI job's namespace it takes :0 again,
    // replaces the socket file /tmp/.X11-unix/X0 of the real :0 and unlinks it on exit. So the
    // number is chosen here, from the socket and lock files every namespace shares, under a
    // file lock held by every workbook process that starts an Xvfb until its server answers;
    // -displayfd then only says when it does.
    let serialized = XvfbStartLock()
    defer { serialized.release() }
    let dir = NSTemporaryDirectory() + "workbook-xvfb-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let deadline = Date().addingTimeInterval(timeout)
    var lastLines = ""
    var candidate = 0
    for _ in 0..<8 {
      guard let number = freeDisplayNumber(from: candidate) else { break }
      candidate = number + 1
      let numberFile = dir + "/display-\(number)"
      let logFile = dir + "/log-\(number)"
      let server = try ChildProcess(
        xvfb, [":\(number)", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
        stdout: .file(numberFile), stderr: .file(logFile))
      while Date() < deadline {
        if let text = try? String(contentsOfFile: numberFile, encoding: .utf8),
          Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) == number
        {
          return HeadlessDisplay(name: ":\(number)", server: server)
        }
        if server.hasEnded { break }
        usleep(20_000)
      }
      server.terminateSession(grace: 1)
      let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
      lastLines = log.split(separator: "\n").suffix(3).joined(separator: " / ")
      // Another X server of this namespace holds the number without a file: try the next.
      if Date() >= deadline { break }
    }
    throw LaunchError(
      "Xvfb did not start (no free display number, or the X server failed): \(lastLines.isEmpty ? "no output" : lastLines)"
    )
  }

  /// The first display number from `start` on that no X server of this machine claims: no
  /// socket file in /tmp/.X11-unix and no lock file in /tmp.
  static func freeDisplayNumber(from start: Int) -> Int? {
    (start..<1000).first { n in
      !FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(n)")
        && !FileManager.default.fileExists(atPath: "/tmp/.X\(n)-lock")
    }
  }

  /// Stops the Xvfb this object started; does nothing for a user's display.
  public func stop() {
    server?.terminateSession(grace: 1)
    server = nil
  }

  /// `environment` with `DISPLAY` pointing at this display.
  public func environment(_ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
    var env = base
    if let name { env["DISPLAY"] = name }
    return env
  }

  // Unchecked: set once, before the process starts VTK or GLFW, from its main thread.
  nonisolated(unsafe) private static var processDisplay: HeadlessDisplay?

  /// Makes sure this process has a display, starting Xvfb and setting `DISPLAY` if needed.
  /// The Xvfb is stopped when the process exits. Chapter programs call this before creating a
  /// VTK render window or a GLFW window, so they also work when launched by hand.
  public static func ensureForThisProcess() throws {
    if processDisplay != nil { return }
    let display = try start()
    processDisplay = display
    if display.isOwnServer, let name = display.name {
      setenv("DISPLAY", name, 1)
      atexit { HeadlessDisplay.processDisplay?.stop() }
    }
  }
}

/// An exclusive lock on /tmp/workbook-xvfb.lock, held while an Xvfb is chosen a number and
/// started. A file lock, so that it works across network namespaces (they share the file
/// system) and is released if the process dies. When the file cannot be opened, starts go
/// unserialized, as they did before.
private struct XvfbStartLock {
  private let fd: Int32

  init() {
    let path = "/tmp/workbook-xvfb.lock"
    var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
    if fd >= 0 {
      fchmod(fd, 0o666)  // another user's workbook needs to open it too (umask narrows the mode)
    } else {
      fd = open(path, O_RDONLY | O_CLOEXEC)
    }
    if fd >= 0 { flock(fd, LOCK_EX) }
    self.fd = fd
  }

  func release() {
    if fd >= 0 { close(fd) }
  }
}
