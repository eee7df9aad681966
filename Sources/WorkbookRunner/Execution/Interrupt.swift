#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C handling: the first SIGINT sets a flag that running steps poll, so that the runner can
/// stop its child processes (which live in their own sessions and do not see the terminal's
/// SIGINT) and report, instead of dying and leaving them running.
public enum Interrupt {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  /// Whether Ctrl-C was pressed since `install()`.
  public static var requested: Bool { flag != 0 }

  /// Installs the handler. A second Ctrl-C exits at once.
  public static func install() {
    signal(SIGINT) { _ in
      if Interrupt.flag != 0 { _exit(130) }
      Interrupt.flag = 1
    }
  }

  public static func reset() { flag = 0 }
}
