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
    // -displayfd makes Xvfb pick a free display number itself and write it to fd 1 once it
    // accepts connections: no race between choosing a number and claiming it.
    let dir = NSTemporaryDirectory() + "workbook-xvfb-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let numberFile = dir + "/display"
    let logFile = dir + "/log"
    let server = try ChildProcess(
      xvfb, ["-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
      stdout: .file(numberFile), stderr: .file(logFile))
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: numberFile, encoding: .utf8),
        let number = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return HeadlessDisplay(name: ":\(number)", server: server)
      }
      if server.hasEnded { break }
      usleep(20_000)
    }
    server.terminateSession(grace: 1)
    let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    let lastLines = log.split(separator: "\n").suffix(3).joined(separator: " / ")
    throw LaunchError(
      "Xvfb did not start (no free display number, or the X server failed): \(lastLines.isEmpty ? "no output" : lastLines)"
    )
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
