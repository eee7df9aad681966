import Foundation

/// The verdict of one check: its name, whether it passed, and what was expected and seen.
///
/// Chapter harnesses produce these; the runner shows them and decides progress from them.
/// Each one is printed for humans and, when the runner asks (`WORKBOOK_REPORT`), written as one
/// JSON line for the runner to read.
public struct CheckResult: Codable, Equatable, Sendable {
  /// What kind of comparison made the verdict.
  public enum Kind: String, Codable, Sendable {
    /// The builder behind each kind: `exact` (`Checks.exact`, `Checks.that`), `tolerance`
    /// (`close`, `allClose`), `set` (`sameSet`, `subset`), `image`, `performance` (`faster`),
    /// `counter`, `bound` (`within`, `atLeast`, `atMost`). No builder makes `perRank`;
    /// `Report.merge` keeps each check's own kind.
    case exact, tolerance, set, image, performance, counter, bound, perRank
  }

  /// A short, stable identifier, e.g. `"planes-match-vtk"`. Chapter metadata refers to it.
  public var name: String
  /// Which kind of comparison made the verdict.
  public var kind: Kind
  /// Whether the check passed. One failed check makes the harness exit with status 1.
  public var passed: Bool
  /// What a correct solution gives, in words or numbers.
  public var expected: String
  /// What this run gave.
  public var got: String
  /// Extra explanation: where the difference is, which files were written.
  public var detail: String?
  /// The number of MPI processes the check ran with; nil for local chapters.
  public var ranks: Int?

  /// A verdict from its parts; the `Checks` builders are the usual way to make one.
  public init(
    name: String, kind: Kind, passed: Bool, expected: String, got: String, detail: String? = nil,
    ranks: Int? = nil
  ) {
    self.name = name
    self.kind = kind
    self.passed = passed
    self.expected = expected
    self.got = got
    self.detail = detail
    self.ranks = ranks
  }
}

/// A measured number worth reporting, pass or fail (a frame time, a speed-up, bytes sent).
public struct Metric: Codable, Equatable, Sendable {
  /// A short, stable identifier, e.g. `"frame-median"`.
  public var name: String
  /// The measured value, in `unit`.
  public var value: Double
  /// The unit as printed after the value, e.g. `"s"`; may be empty.
  public var unit: String
  /// The number of MPI processes it was measured with (set by `Report.merge`); nil for local
  /// chapters.
  public var ranks: Int?

  /// A metric from its parts; harnesses usually call `Report.metric(_:_:unit:)`.
  public init(name: String, value: Double, unit: String, ranks: Int? = nil) {
    self.name = name
    self.value = value
    self.unit = unit
    self.ranks = ranks
  }
}

/// One line of a harness's machine-readable report.
public enum ReportLine: Codable, Equatable, Sendable {
  /// A check's verdict.
  case check(CheckResult)
  /// A measured number.
  case metric(Metric)
  /// The harness could not run its checks (the learner's code threw, a scene failed to build).
  case error(String)
}

/// The report file: one `ReportLine` as JSON per line. Harnesses append to it; the runner
/// reads it after the program ends.
public enum ReportFile {
  /// Appends `lines` as JSON, one per line, to `path` (created if missing).
  public static func append(_ lines: [ReportLine], to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var text = ""
    for line in lines { text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n" }
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }

  /// Reads a report file. Lines that do not decode come back as `.error` lines; a missing file
  /// gives no lines.
  public static func read(from path: String) -> [ReportLine] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    let decoder = JSONDecoder()
    return text.split(separator: "\n").map { line in
      (try? decoder.decode(ReportLine.self, from: Data(line.utf8)))
        ?? .error("unreadable report line: \(line.prefix(200))")
    }
  }
}

/// How numbers in reports are written for people: whole numbers without a fraction, very large
/// or small ones in scientific notation, the rest with four significant digits.
public enum ReportFormat {
  /// `12`, `0.1234`, `1.23e+06`.
  public static func number(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    if abs(v) >= 1e5 || abs(v) < 1e-3 { return String(format: "%.3g", v) }
    return String(format: "%.4g", v)
  }
}
