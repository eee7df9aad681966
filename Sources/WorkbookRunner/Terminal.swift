import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Colours, symbols and layout for the terminal. Colour only on a terminal and when `NO_COLOR`
/// is unset (https://no-color.org).
public enum Terminal {
  /// Whether output gets ANSI colours: standard output is a terminal, `NO_COLOR` is unset and
  /// `TERM` is not "dumb". Decided once, at first use.
  public static let colorEnabled: Bool = {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }()

  static func paint(_ s: String, _ code: String) -> String { colorEnabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
  /// `s` in bold when colour is enabled, unchanged otherwise; the same for the five below.
  public static func bold(_ s: String) -> String { paint(s, "1") }
  /// `s` dimmed (see `bold(_:)`).
  public static func dim(_ s: String) -> String { paint(s, "2") }
  /// `s` in green (see `bold(_:)`).
  public static func green(_ s: String) -> String { paint(s, "32") }
  /// `s` in red (see `bold(_:)`).
  public static func red(_ s: String) -> String { paint(s, "31") }
  /// `s` in yellow (see `bold(_:)`).
  public static func yellow(_ s: String) -> String { paint(s, "33") }
  /// `s` in cyan (see `bold(_:)`).
  public static func cyan(_ s: String) -> String { paint(s, "36") }

  /// A green tick, for a passed check.
  public static var pass: String { green("✓") }
  /// A red cross, for a failed check.
  public static var fail: String { red("✗") }

  /// Terminal width, 100 when unknown.
  public static var width: Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
    return 100
  }

  /// `[#########-----------] 3/14`
  public static func progressBar(done: Int, total: Int, width: Int = 40) -> String {
    let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
    return "[" + green(String(repeating: "#", count: filled)) + String(repeating: "-", count: width - filled)
      + "] \(done)/\(total)"
  }

  /// Wraps `text` to `width` columns, keeping `indent` before each continuation line.
  public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if !current.isEmpty && visibleLength(current) + 1 + visibleLength(String(word)) > width {
        lines.append(current)
        current = indent + word
      } else {
        current += (current.isEmpty ? "" : " ") + word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  static func visibleLength(_ s: String) -> Int { stripStyles(s).count }

  /// `s` without its ANSI style sequences.
  static func stripStyles(_ s: String) -> String {
    guard s.contains("\u{1B}") else { return s }
    var out = ""
    var inSequence = false
    for ch in s {
      if inSequence {
        // A style sequence is ESC [ digits-and-semicolons m.
        if ch == "m" || !(ch == "[" || ch == ";" || ch.isASCII && ch.isNumber) { inSequence = false }
        continue
      }
      if ch == "\u{1B}" { inSequence = true } else { out.append(ch) }
    }
    return out
  }

  /// Renders a lesson's Markdown for the terminal with a CommonMark parser (see
  /// `MarkdownRenderer`): styled when `color` is on, plain text otherwise.
  public static func renderMarkdown(
    _ markdown: String, width: Int = min(Terminal.width, 100), color: Bool = Terminal.colorEnabled
  ) -> String {
    MarkdownRenderer(color: color, width: width).render(markdown)
  }
}
