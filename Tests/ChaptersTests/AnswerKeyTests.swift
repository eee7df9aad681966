import Foundation
import Launch
import Testing
import WorkbookTestSupport

/// The answer key is out of an exercise's reach: exercise-shaped files that call the reference
/// code (Tests/AnswerKeyFixtures, one file per leaked symbol) must not compile against the
/// modules an exercise target sees, while the shipped exercises do.
///
/// Each fixture is type-checked with the flags SwiftPM gives an exercise target: the built
/// Swift modules, the C module maps, Swift 5 mode, and a plain `import` (exercise targets are
/// built without testable imports, so `internal` stays internal).
@Suite(.serialized) struct AnswerKeyTests {
  static let fixtures = TestSupport.root + "/Tests/AnswerKeyFixtures"

  /// Arguments for `swiftc -typecheck` as an exercise target is compiled.
  static func typecheckArguments(_ files: [String]) throws -> [String] {
    let bin = TestSupport.binDirectory
    var args = [
      "-typecheck", "-swift-version", "5", "-I", bin + "/Modules", "-module-cache-path", bin + "/ModuleCache",
    ]
    let fm = FileManager.default
    for c in try fm.contentsOfDirectory(atPath: TestSupport.root + "/Sources").filter({ $0.hasPrefix("C") }).sorted() {
      let own = TestSupport.root + "/Sources/\(c)/module.modulemap"
      let generated = bin + "/\(c).build/module.modulemap"
      if fm.fileExists(atPath: own) {
        args += ["-Xcc", "-fmodule-map-file=" + own]
      } else if fm.fileExists(atPath: generated) {
        args += [
          "-Xcc", "-fmodule-map-file=" + generated, "-Xcc", "-I", "-Xcc", TestSupport.root + "/Sources/\(c)/include",
        ]
      }
    }
    let cflags = try runProcess("pkg-config", ["--cflags", "ompi-c"], timeout: 30).output
    args += cflags.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
      !$0.isEmpty
    }
    return args + files
  }

  static func typecheck(_ files: [String]) throws -> ProcessResult {
    try runProcess("swiftc", try typecheckArguments(files), timeout: 300)
  }

  /// What a fixture says it leaks, from its first line: `// leaks: <symbol> — <why>`.
  static func leakedSymbol(_ file: String) -> String {
    let first = (try? String(contentsOfFile: file, encoding: .utf8))?.split(separator: "\n").first ?? ""
    return first.replacingOccurrences(of: "// leaks: ", with: "").components(separatedBy: " — ").first ?? String(first)
  }

  static var fixtureFiles: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
  }

  /// The control: with these flags the shipped exercises compile, so a failing fixture fails
  /// because of what it calls, not because the flags are wrong.
  @Test(arguments: [
    "01-frame-budget", "04-lod-policies", "06-frustum-culling", "07-occlusion-culling", "10-nonblocking",
    "14-decomposition-and-load-balance",
    "15-sort-first",
    "16-sort-last",
    "17-compositing-at-scale",
    "19-threads-and-smp",
  ])
  func shippedExerciseTypechecks(folder: String) throws {
    let dir = TestSupport.root + "/exercises/" + folder
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".swift") }.map {
      dir + "/" + $0
    }
    let result = try Self.typecheck(files)
    #expect(
      result.termination == .exited(0),
      "exercises/\(folder) did not type-check with the exercise flags:\n\(result.output.prefix(3000))")
  }

  @Test(arguments: fixtureFiles)
  func fixtureDoesNotCompile(fixture: String) throws {
    let path = Self.fixtures + "/" + fixture
    let symbol = Self.leakedSymbol(path)
    let result = try Self.typecheck([path])
    guard result.termination != .exited(0) else {
      Issue.record("\(fixture) compiles: \(symbol) is reachable from an exercise target")
      return
    }
    // It must fail for the reason it was written: the diagnostic names the type or member that
    // is not visible ("cannot find 'Frustum' in scope", "has no member 'cull'").
    let names = symbol.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map { "'\($0)'" }
    #expect(
      names.contains { result.output.contains($0) },
      "\(fixture) failed for another reason than \(symbol):\n\(result.output.prefix(2000))")
  }

  /// Every chapter with reference code (a `ChapterNN+Reference.swift`) has at least one fixture.
  @Test func everyChapterWithAReferenceHasAFixture() throws {
    let chapters = TestSupport.root + "/Sources/Chapters"
    let withReference = try FileManager.default.contentsOfDirectory(atPath: chapters).filter { folder in
      FileManager.default.fileExists(atPath: "\(chapters)/\(folder)/\(folder)+Reference.swift")
    }.map { String($0.dropFirst("Chapter".count)) }
    #expect(withReference.count >= 10)
    let covered = Set(Self.fixtureFiles.map { String($0.prefix(2)) })
    let missing = withReference.filter { !covered.contains($0) }.sorted()
    #expect(missing.isEmpty, "chapters with reference code but no fixture in Tests/AnswerKeyFixtures: \(missing)")
  }
}
