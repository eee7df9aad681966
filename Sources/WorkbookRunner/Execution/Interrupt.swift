import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C handling: the first SIGINT (or SIGTERM, or SIGHUP when the terminal closes) sets a
/// flag that running steps poll, so that the runner can stop its child processes (which live in
/// their own sessions and do not see the terminal's signals) and report, instead of dying and
/// leaving them running. A second signal kills every child outright and exits.
public enum Interrupt {
  // Unchecked: set by a signal handler and polled; sig_atomic_t is what C makes safe for that.
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  /// Whether Ctrl-C (or SIGTERM, or SIGHUP) arrived since `install()` or the last `reset()`.
  public static var requested: Bool { flag != 0 }

  /// Installs the handler for SIGINT, SIGTERM and SIGHUP.
  public static func install() {
    LiveChildren.prepare()
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { _ in
        if Interrupt.flag != 0 {
          LiveChildren.killAllNow()
          _exit(130)
        }
        Interrupt.flag = 1
      }
    }
  }

  /// Clears the flag: the next signal counts as a first one again, stopping steps rather than
  /// killing every child.
  public static func reset() { flag = 0 }
}
