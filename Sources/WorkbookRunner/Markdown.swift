import CCmark
import Foundation

/// Renders Markdown for a terminal from cmark-gfm's syntax tree (CommonMark plus GitHub's pipe
/// tables): headings styled, paragraphs wrapped, lists with their nesting, code blocks kept line
/// for line with their indentation (inside list items too), tables aligned in columns, block
/// quotes behind a bar, links as "text (url)". With `color` off the output is plain text.
struct MarkdownRenderer {
  /// Whether to emit ANSI styles.
  var color: Bool
  /// Columns available for wrapped text at the top level.
  var width: Int

  /// The whole document, lines joined with newlines.
  func render(_ markdown: String) -> String {
    cmark_gfm_core_extensions_ensure_registered()
    guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return markdown }
    defer { cmark_parser_free(parser) }
    if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
    markdown.utf8CString.withUnsafeBufferPointer { buffer in
      // The buffer ends with a NUL that is not part of the text.
      cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
    }
    guard let document = cmark_parser_finish(parser) else { return markdown }
    defer { cmark_node_free(document) }
    var lines = blocks(children(of: document), width: width, tight: false)
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  // MARK: Blocks

  /// Consecutive blocks, separated by a blank line unless `tight` (the paragraphs of a tight list).
  private func blocks(_ nodes: [OpaquePointer], width: Int, tight: Bool) -> [String] {
    var out: [String] = []
    for node in nodes {
      let lines = block(node, width: width)
      if lines.isEmpty { continue }
      if !out.isEmpty && !tight { out.append("") }
      out += lines
    }
    return out
  }

  private func block(_ node: OpaquePointer, width: Int) -> [String] {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_HEADING:
      let level = Int(cmark_node_get_heading_level(node))
      let title = inlines(children(of: node), styles: [])
      let plain = Terminal.stripStyles(title)
      if level == 1 {
        let upper = inlines(children(of: node), styles: [], uppercase: true)
        return [paint(upper, "1;36"), paint(String(repeating: "═", count: min(plain.count, width)), "2")]
      }
      if level == 2 { return [paint(title, "1"), paint(String(repeating: "─", count: min(plain.count, width)), "2")] }
      return [paint(title, "1")]
    case CMARK_NODE_PARAGRAPH:
      return paragraph(node, width: width)
    case CMARK_NODE_CODE_BLOCK:
      return codeLines(literal(of: node)).map { "    " + paint($0, "2") }
    case CMARK_NODE_LIST:
      return list(node, width: width)
    case CMARK_NODE_BLOCK_QUOTE:
      return blocks(children(of: node), width: max(width - 2, 20), tight: false).map { paint("│", "2") + " " + $0 }
    case CMARK_NODE_THEMATIC_BREAK:
      return [paint(String(repeating: "─", count: width), "2")]
    case CMARK_NODE_HTML_BLOCK:
      // Comments (such as the API section's markers) are for the generator, not the reader.
      let html = literal(of: node).trimmingCharacters(in: .whitespacesAndNewlines)
      if html.hasPrefix("<!--") && html.hasSuffix("-->") { return [] }
      return codeLines(html).map { paint($0, "2") }
    default:
      if typeName(node) == "table" { return table(node) }
      return blocks(children(of: node), width: width, tight: false)
    }
  }

  private func paragraph(_ node: OpaquePointer, width: Int) -> [String] {
    // A hard line break ends a line; each line between breaks wraps on its own.
    inlines(children(of: node), styles: []).components(separatedBy: "\n").flatMap {
      Terminal.wrap($0, width: width)
    }
  }

  /// A code block's lines as written: the trailing newline cmark keeps is not a line.
  private func codeLines(_ text: String) -> [String] {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  private func list(_ node: OpaquePointer, width: Int) -> [String] {
    let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
    let tight = cmark_node_get_list_tight(node) != 0
    let items = children(of: node)
    let start = Int(cmark_node_get_list_start(node))
    let last = start + items.count - 1
    var out: [String] = []
    for (i, item) in items.enumerated() {
      // Ordered markers are right-aligned so that items 9 and 10 start their text in one column.
      let marker =
        ordered
        ? String(repeating: " ", count: String(last).count - String(start + i).count) + "\(start + i). " : "- "
      let hang = String(repeating: " ", count: marker.count)
      let body = blocks(children(of: item), width: max(width - marker.count, 20), tight: tight)
      if !tight && i > 0 { out.append("") }
      for (j, line) in body.enumerated() {
        out.append(j == 0 ? marker + line : (line.isEmpty ? "" : hang + line))
      }
      if body.isEmpty { out.append(marker.trimmingCharacters(in: .whitespaces)) }
    }
    return out
  }

  /// A pipe table as aligned columns: the header in bold over a rule, cells padded to the widest
  /// cell of their column, right-aligned where the table says so. Rows are never wrapped, so a
  /// table wider than the terminal stays a table.
  private func table(_ node: OpaquePointer) -> [String] {
    let rows = children(of: node)
    let cells = rows.map { row in children(of: row).map { inlines(children(of: $0), styles: []) } }
    let columns = cells.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in cells {
      for (c, cell) in row.enumerated() { widths[c] = max(widths[c], Terminal.visibleLength(cell)) }
    }
    var alignments = Array(repeating: UInt8(0), count: columns)
    if let raw = cmark_gfm_extensions_get_table_alignments(node) {
      let count = min(Int(cmark_gfm_extensions_get_table_columns(node)), columns)
      for c in 0..<count { alignments[c] = raw[c] }
    }
    var out: [String] = []
    for (r, row) in cells.enumerated() {
      var parts: [String] = []
      for c in 0..<columns {
        let cell = c < row.count ? row[c] : ""
        let pad = String(repeating: " ", count: widths[c] - Terminal.visibleLength(cell))
        switch Character(UnicodeScalar(alignments[c])) {
        case "r": parts.append(pad + cell)
        case "c":
          let left = String(pad.prefix(pad.count / 2))
          parts.append(left + cell + String(pad.dropFirst(left.count)))
        default: parts.append(cell + pad)
        }
      }
      let header = cmark_gfm_extensions_get_table_row_is_header(rows[r]) != 0
      let line = parts.joined(separator: "  ")
      // Padding after the last column is invisible; trailing spaces only confuse copy and paste.
      let trimmed = String(line.reversed().drop { $0 == " " }.reversed())
      out.append(header ? paint(trimmed, "1") : trimmed)
      if header { out.append(paint(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), "2")) }
    }
    return out
  }

  // MARK: Inlines

  /// Inline content as one string with ANSI styles. `styles` are the codes already open around
  /// it, re-opened after each inner style ends (a reset ends them all).
  private func inlines(_ nodes: [OpaquePointer], styles: [String], uppercase: Bool = false) -> String {
    var out = ""
    for node in nodes {
      switch cmark_node_get_type(node) {
      case CMARK_NODE_TEXT:
        let text = literal(of: node)
        out += uppercase ? text.uppercased() : text
      case CMARK_NODE_SOFTBREAK: out += " "
      case CMARK_NODE_LINEBREAK: out += "\n"
      case CMARK_NODE_CODE: out += styled(literal(of: node), "36", outer: styles)
      case CMARK_NODE_HTML_INLINE: out += literal(of: node)
      case CMARK_NODE_EMPH:
        out += styled(inlines(children(of: node), styles: styles + ["3"], uppercase: uppercase), "3", outer: styles)
      case CMARK_NODE_STRONG:
        out += styled(inlines(children(of: node), styles: styles + ["1"], uppercase: uppercase), "1", outer: styles)
      case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
        let text = inlines(children(of: node), styles: styles, uppercase: uppercase)
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let image = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        let label = image ? "image: " + text : text
        // An autolink's text is its URL already.
        out += url.isEmpty || Terminal.stripStyles(text) == url ? label : label + " (" + url + ")"
      default:
        out += inlines(children(of: node), styles: styles, uppercase: uppercase)
      }
    }
    return out
  }

  private func styled(_ s: String, _ code: String, outer: [String]) -> String {
    guard color else { return s }
    return "\u{1B}[\(code)m" + s + "\u{1B}[0m" + outer.map { "\u{1B}[\($0)m" }.joined()
  }

  private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

  // MARK: Tree access

  private func children(of node: OpaquePointer) -> [OpaquePointer] {
    var out: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let c = child {
      out.append(c)
      child = cmark_node_next(c)
    }
    return out
  }

  private func literal(of node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  private func typeName(_ node: OpaquePointer) -> String {
    cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
  }
}
