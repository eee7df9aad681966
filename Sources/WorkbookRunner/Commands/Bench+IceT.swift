import Foundation
import WorkbookContract

/// The workbook's compositing beside IceT's, cell by cell (rank count × coverage), with the
/// goals chapter 17 sets: the workbook's fastest algorithm no slower than IceT's fastest
/// strategy, sending no more bytes per rank than it at 30 % coverage, at least 2× gather-to-root
/// at P = 4 and 30 %, and within 2× of the copy floor plus its messages' time.
///
/// The chapter's benchmark names its metrics `seconds-ALGO-NNpct` (median of the slowest
/// rank), `sent-ALGO-NNpct` (bytes sent by the busiest rank), `messages-ALGO-NNpct` (the same
/// messages with a z-test that does no work) and `seconds-ALGO-NNpct-floor` (one memcpy of an
/// image).
public struct IceTComparison: Sendable {
  /// One goal's verdict in one cell.
  public struct Goal: Equatable, Sendable {
    /// What is compared, e.g. "no slower than IceT".
    public var name: String
    /// Whether it was met.
    public var met: Bool
    /// The numbers behind it.
    public var detail: String
  }

  /// The rank count.
  public var ranks: Int
  /// The chapter's metrics from that run.
  public var ours: [Metric]
  /// IceT's results at the same rank count.
  public var icet: [IceTBench.Result]

  /// A comparison of one rank count's results.
  public init(ranks: Int, ours: [Metric], icet: [IceTBench.Result]) {
    self.ranks = ranks
    self.ours = ours
    self.icet = icet
  }

  /// Coverages (percent) present on both sides.
  public var coverages: [Int] {
    let mine = Set(ours.compactMap { Self.split($0.name)?.coverage })
    return Set(icet.map(\.coverage)).intersection(mine).sorted()
  }

  /// (kind, algorithm, coverage) from "kind-algo-NNpct".
  static func split(_ name: String) -> (kind: String, algorithm: String, coverage: Int)? {
    guard name.hasSuffix("pct"), let dash = name.firstIndex(of: "-"), let last = name.lastIndex(of: "-"), dash < last,
      let coverage = Int(name[name.index(after: last)...].dropLast(3))
    else { return nil }
    return (String(name[..<dash]), String(name[name.index(after: dash)..<last]), coverage)
  }

  /// The chapter's metric `kind-algorithm-NNpct`.
  func value(_ kind: String, _ algorithm: String, _ coverage: Int) -> Double? {
    ours.first { $0.name == "\(kind)-\(algorithm)-\(coverage)pct" }?.value
  }

  /// The chapter's algorithms timed at `coverage`, fastest first.
  func algorithms(_ coverage: Int) -> [(name: String, seconds: Double)] {
    ours.compactMap { m in
      guard let s = Self.split(m.name), s.kind == "seconds", s.coverage == coverage else { return nil }
      return (s.algorithm, m.value)
    }.sorted { $0.seconds < $1.seconds }
  }

  /// IceT's strategies at `coverage`, fastest first (the copy floor excluded).
  func strategies(_ coverage: Int) -> [IceTBench.Result] {
    icet.filter { $0.coverage == coverage && $0.strategy != "COPY" }.sorted { $0.seconds < $1.seconds }
  }

  /// The goals in the cell of `coverage`; empty when either side has no result there.
  public func goals(_ coverage: Int) -> [Goal] {
    guard let best = algorithms(coverage).first, let theirs = strategies(coverage).first else { return [] }
    var goals: [Goal] = []
    let ratio = theirs.seconds / best.seconds
    goals.append(
      Goal(
        name: "no slower than IceT", met: best.seconds <= theirs.seconds,
        detail: "\(best.name) \(ms(best.seconds)) against IceT \(theirs.strategy) \(ms(theirs.seconds)) "
          + "(IceT / ours = \(String(format: "%.2f", ratio)))"))
    if coverage == 30, let sent = value("sent", best.name, coverage) {
      goals.append(
        Goal(
          name: "no more bytes per rank than IceT", met: Int(sent) <= theirs.bytes,
          detail: "\(Int(sent)) B against \(theirs.bytes) B (ICET_BYTES_SENT, busiest rank)"))
    }
    if ranks == 4, coverage == 30, let gather = algorithms(coverage).first(where: { $0.name.contains("gather") }) {
      goals.append(
        Goal(
          name: "at least 2× gather to rank 0", met: gather.seconds >= 2 * best.seconds,
          detail:
            "\(ms(gather.seconds)) / \(ms(best.seconds)) = \(String(format: "%.2f", gather.seconds / best.seconds))×"))
    }
    if let floor = ours.first(where: { $0.name == "seconds-\(best.name)-\(coverage)pct-floor" })?.value,
      let messages = value("messages", best.name, coverage)
    {
      let bound = floor + messages
      goals.append(
        Goal(
          name: "within 2× of copy floor + messages", met: best.seconds <= 2 * bound,
          detail: "\(ms(best.seconds)) against 2 × (\(ms(floor)) + \(ms(messages))) = \(ms(2 * bound))"))
    }
    return goals
  }

  func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1e3) }

  /// The side-by-side table and the goals, for the terminal.
  public var text: String {
    var lines: [String] = []
    let width = (ours.compactMap { Self.split($0.name)?.algorithm }.map(\.count).max() ?? 0) + 3
    for coverage in coverages {
      lines.append(
        "IceT 2.2 beside the chapter, \(ranks) ranks, \(coverage) % covered (median of frames, slowest rank):")
      for r in strategies(coverage) {
        lines.append(
          "   IceT \(r.strategy.padding(toLength: width, withPad: " ", startingAt: 0))\(ms(r.seconds))   sent by the busiest rank \(r.bytes) B"
        )
      }
      if let copy = icet.first(where: { $0.coverage == coverage && $0.strategy == "COPY" }) {
        lines.append("   copy floor in IceT's program \(ms(copy.seconds))")
      }
      for (name, seconds) in algorithms(coverage) {
        let sent = value("sent", name, coverage).map { "   sent by the busiest rank \(Int($0)) B" } ?? ""
        lines.append("   ours \(name.padding(toLength: width, withPad: " ", startingAt: 0))\(ms(seconds))\(sent)")
      }
      for g in goals(coverage) {
        lines.append("   \(g.met ? "goal met:    " : "goal NOT met:") \(g.name): \(g.detail)")
      }
    }
    return lines.joined(separator: "\n")
  }
}

extension Bench {
  /// IceT on the same images at the same rank count, printed beside the chapter's results with
  /// the goals; its results come back as metrics (`icet-seconds-STRATEGY-NNpct`,
  /// `icet-sent-STRATEGY-NNpct`) for the run's JSON. Without IceT, one line saying why and no
  /// metrics: the chapter's benchmark has passed either way.
  func compareWithIceT(_ ws: Workspace, ranks: Int, metrics: [Metric], timeLimit: Double) -> [Metric] {
    let icet = IceTBench(project: ws.project)
    do {
      try icet.prepare { print(Terminal.dim($0)) }
      let results = try icet.run(ranks: ranks, launcher: ws.runner.launcher, timeLimit: timeLimit)
      print("\n" + IceTComparison(ranks: ranks, ours: metrics, icet: results).text + "\n")
      return results.flatMap { r in
        [
          Metric(name: "icet-seconds-\(r.strategy)-\(r.coverage)pct", value: r.seconds, unit: "s", ranks: ranks),
          Metric(name: "icet-sent-\(r.strategy)-\(r.coverage)pct", value: Double(r.bytes), unit: "B", ranks: ranks),
        ]
      }
    } catch {
      print(Terminal.dim("IceT is not compared: \(error)"))
      return []
    }
  }
}
