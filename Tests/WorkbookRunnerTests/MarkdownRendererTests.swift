import Foundation
import Testing
import WorkbookTestSupport

@testable import WorkbookRunner

/// `workbook lesson`'s Markdown rendering (cmark-gfm's tree, drawn for a terminal), on every
/// shipped lesson and on small cases.
@Suite struct MarkdownRendererTests {
  /// Every lessons/*/README.md, by folder name.
  static let lessons: [(name: String, text: String)] = {
    let dir = TestSupport.root + "/lessons"
    let folders = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    return folders.compactMap { folder in
      (try? String(contentsOfFile: "\(dir)/\(folder)/README.md", encoding: .utf8)).map { (folder, $0) }
    }
  }()

  func plain(_ markdown: String, width: Int = 100) -> [String] {
    Terminal.renderMarkdown(markdown, width: width, color: false).components(separatedBy: "\n")
  }

  /// The fenced code blocks of a Markdown text, each line without the fence's own indentation
  /// (so a block inside a list item reads as it would at the top level).
  static func fencedBlocks(_ markdown: String) -> [[String]] {
    var blocks: [[String]] = []
    var current: [String]? = nil
    var indent = 0
    for line in markdown.components(separatedBy: "\n") {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("```") {
        if let block = current {
          blocks.append(block)
          current = nil
        } else {
          current = []
          indent = line.count - trimmed.count
        }
      } else if current != nil {
        let spaces = line.prefix { $0 == " " }.count
        current!.append(String(line.dropFirst(min(spaces, indent))))
      }
    }
    return blocks
  }

  /// The index of the output line where `block` starts, when the output holds its lines one
  /// after another, each behind the same run of spaces.
  static func place(of block: [String], in output: [String]) -> Int? {
    guard let first = block.first(where: { !$0.isEmpty }), let offset = block.firstIndex(of: first) else { return 0 }
    for (i, line) in output.enumerated() where line.hasSuffix(first) && i >= offset {
      let prefix = String(line.dropLast(first.count))
      guard prefix.allSatisfy({ $0 == " " }), i - offset + block.count <= output.count else { continue }
      let start = i - offset
      if block.indices.allSatisfy({
        output[start + $0] == prefix + block[$0] || (block[$0].isEmpty && output[start + $0].isEmpty)
      }) {
        return start
      }
    }
    return nil
  }

  @Test func everyLessonRendersWithEveryCodeLineKeptInPlace() throws {
    #expect(Self.lessons.count >= 17)
    for lesson in Self.lessons {
      let output = plain(lesson.text)
      #expect(output.count > 20, "\(lesson.name) rendered to almost nothing")
      for block in Self.fencedBlocks(lesson.text) {
        #expect(
          Self.place(of: block, in: output) != nil,
          "\(lesson.name): code block not kept line for line:\n\(block.joined(separator: "\n"))")
      }
      // Styled, the same text: no crash, and the styles come off again to the plain text.
      let styled = Terminal.renderMarkdown(lesson.text, width: 100, color: true)
      #expect(Terminal.stripStyles(styled) == output.joined(separator: "\n"), "\(lesson.name)")
      #expect(!output.joined().contains("\u{1B}"), "\(lesson.name): escape codes with colour off")
    }
  }

  /// The known bug: lesson 09's fenced table inside a list item was flattened into one line.
  @Test func chapter09sCodeInsideAListItemKeepsItsLinesAndIndentation() throws {
    let text = try #require(Self.lessons.first { $0.name.hasPrefix("09-") }?.text)
    let block = try #require(Self.fencedBlocks(text).first { $0.contains { $0.contains("8243") } })
    let output = plain(text)
    let start = try #require(Self.place(of: block, in: output))
    // Deeper than the list item's text, which is deeper than the top level.
    #expect(output[start].hasPrefix("      "))
    #expect(block.count >= 5)
  }

  @Test func noTableRowIsMergedOrSplit() throws {
    var rows = 0
    for lesson in Self.lessons {
      let output = plain(lesson.text)
      var used = Set<Int>()
      var inFence = false
      for line in lesson.text.components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("```") { inFence.toggle() }
        guard !inFence, trimmed.hasPrefix("|"),
          trimmed.range(of: #"^\|[\s:|-]+\|$"#, options: .regularExpression) == nil
        else { continue }
        let cells = Self.cells(trimmed).filter { !$0.isEmpty }
        // One output line holds every cell of the row, in order, and no other row's cells.
        let match = output.indices.first { i in
          guard !used.contains(i) else { return false }
          var rest = Substring(output[i])
          for cell in cells {
            guard let r = rest.range(of: cell) else { return false }
            rest = rest[r.upperBound...]
          }
          return true
        }
        #expect(match != nil, "\(lesson.name): row not on one line: \(trimmed)")
        if let match { used.insert(match) }
        rows += 1
      }
    }
    #expect(rows > 100)
  }

  /// A source table row's cells as the plain rendering shows them.
  static func cells(_ row: String) -> [String] {
    let unescaped = row.replacingOccurrences(of: #"\|"#, with: "\u{0}")
    return unescaped.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map {
      $0.replacingOccurrences(of: "\u{0}", with: "|").replacingOccurrences(of: "**", with: "")
        .replacingOccurrences(of: "`", with: "")
        .replacingOccurrences(of: #"\[([^\]]+)\]\(([^)]+)\)"#, with: "$1 ($2)", options: .regularExpression)
        .trimmingCharacters(in: .whitespaces)
    }
  }

  @Test func tableColumnsAreAligned() {
    let output = plain(
      """
      | size | time | note |
      |---|---:|---|
      | 8 B | 1.5 µs | `small` |
      | 1 MiB | 198.289 µs | **large** |
      """)
    #expect(output.count == 4)
    // Every column starts at the same place on every row; the second is right-aligned.
    let second = output.map { $0.range(of: "µs")?.upperBound.utf16Offset(in: $0) }
    #expect(Set(second.dropFirst(2)).count == 1)
    #expect(output[1].allSatisfy { $0 == "─" || $0 == " " })
    #expect(output[3] == "1 MiB  198.289 µs  large")
    #expect(output[2] == "8 B        1.5 µs  small")
  }

  @Test func listsNestAndKeepTheirCode() {
    let output = plain(
      """
      1. First, with a nested list:
         - inner one
         - inner two
      2. Second, with a fence:

         ```
         let a = 1
           let b = 2
         ```

      > quoted *text* with a [link](https://example.org)
      """, width: 60)
    #expect(output.contains("1. First, with a nested list:"))
    #expect(output.contains("   - inner one"))
    #expect(output.contains("       let a = 1"))
    #expect(output.contains("         let b = 2"))
    #expect(output.contains("│ quoted text with a link (https://example.org)"))
  }

  @Test func paragraphsWrapAndStylesFollowTheColourSetting() {
    let words = Array(repeating: "word", count: 40).joined(separator: " ")
    let output = plain("Some **bold**, *emphasis* and `code`. " + words, width: 40)
    #expect(output.count > 3)
    #expect(output.allSatisfy { $0.count <= 40 })
    #expect(output[0].hasPrefix("Some bold, emphasis and code."))
    let styled = Terminal.renderMarkdown("**bold** *em* `code`", width: 40, color: true)
    #expect(styled.contains("\u{1B}[1mbold"))
    #expect(styled.contains("\u{1B}[3mem"))
    #expect(styled.contains("\u{1B}[36mcode"))
    // A heading is styled and underlined; the API markers are not shown.
    let heading = plain("## Title\n\n<!-- api:begin -->\ntext\n<!-- api:end -->")
    #expect(heading == ["Title", "─────", "", "text"])
  }
}
