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
      if !current.isEmpty && visibleLength(current) + 1 + word.count > width {
        lines.append(current)
        current = indent + word
      } else {
        current += (current.isEmpty ? "" : " ") + word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  static func visibleLength(_ s: String) -> Int {
    s.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression).count
  }

  /// Renders a lesson's Markdown for the terminal: headings styled, paragraphs and list items
  /// wrapped to the terminal, code blocks indented and kept as they are, inline `code` in cyan.
  public static func renderMarkdown(_ markdown: String, width: Int = min(Terminal.width, 100)) -> String {
    var out: [String] = []
    var paragraph: [String] = []
    var inCode = false
    func flush() {
      guard !paragraph.isEmpty else { return }
      let text = paragraph.joined(separator: " ")
      paragraph = []
      // A list item or quote keeps its marker and hangs its continuation lines.
      if let m = text.range(of: #"^(\s*([-*]|\d+\.)\s+|>\s?)"#, options: .regularExpression) {
        let marker = String(text[m])
        let body = String(text[m.upperBound...])
        let hang = String(repeating: " ", count: marker.count)
        let wrapped = wrap(inline(body), width: width - marker.count, indent: "")
        for (i, line) in wrapped.enumerated() { out.append((i == 0 ? marker : hang) + line) }
      } else {
        out += wrap(inline(text), width: width)
      }
    }
    for raw in markdown.components(separatedBy: "\n") {
      if raw.hasPrefix("```") {
        flush()
        inCode.toggle()
        continue
      }
      if inCode {
        out.append("    " + dim(raw))
        continue
      }
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        flush()
        if out.last != "" { out.append("") }
      } else if line.hasPrefix("#") {
        flush()
        let level = line.prefix { $0 == "#" }.count
        let title = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
        out.append(level == 1 ? bold(cyan(title.uppercased())) : bold(title))
        if level <= 2 { out.append(dim(String(repeating: level == 1 ? "═" : "─", count: min(title.count, width)))) }
      } else if line.hasPrefix("|") {
        flush()
        out.append(inline(raw))
      } else if line.range(of: #"^([-*]|\d+\.)\s+"#, options: .regularExpression) != nil {
        flush()
        paragraph = [raw]
      } else {
        paragraph.append(line)
      }
    }
    flush()
    return out.joined(separator: "\n")
  }

  /// Inline Markdown: `code` in cyan, **bold** in bold, links shown as "text (url)".
  static func inline(_ s: String) -> String {
    var t = s.replacingOccurrences(of: #"\[([^\]]+)\]\(([^)]+)\)"#, with: "$1 ($2)", options: .regularExpression)
    if colorEnabled {
      t = t.replacingOccurrences(of: #"`([^`]+)`"#, with: "\u{1B}[36m$1\u{1B}[0m", options: .regularExpression)
      t = t.replacingOccurrences(of: #"\*\*([^*]+)\*\*"#, with: "\u{1B}[1m$1\u{1B}[0m", options: .regularExpression)
    } else {
      t = t.replacingOccurrences(of: #"\*\*([^*]+)\*\*"#, with: "$1", options: .regularExpression)
    }
    return t
  }
}
