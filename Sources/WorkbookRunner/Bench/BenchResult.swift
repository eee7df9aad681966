import Foundation
import WorkbookContract

/// One `workbook bench` run: the machine, every benchmark it ran and the scaling series derived
/// from them. Written as JSON to `out/bench/<UTC timestamp>-<host>.json`, one file per run, so
/// that runs on different days or machines can be compared (`workbook bench --compare A B`).
///
/// ```json
/// { "version": 1, "started": "2026-12-02T05:01:02Z", "seconds": 412.5,
///   "command": "workbook bench --all",
///   "machine": { "host": "box", "cpuModel": "AMD EPYC 7B13", "logicalCores": 2, ... },
///   "benchmarks": [
///     { "chapter": 6, "folder": "06-frustum-culling", "title": "…", "kind": "local", "ranks": 1,
///       "oversubscribed": false, "status": "passed", "verdict": "2 checks passed",
///       "seconds": 31.2, "timeLimit": 600,
///       "metrics": [ { "name": "simd-ns-per-box", "value": 0.91, "unit": "ns", "ranks": 1 },
///                    { "name": "simd-ns-per-box-floor", "value": 0.52, "unit": "ns", "ranks": 1 } ],
///       "checks": [ { "name": "bvh-set-vs-exact", "kind": "set", "passed": true, … } ] } ],
///   "scaling": [ { "chapter": 16, "metric": "seconds-binary-swap-100pct", "unit": "s",
///     "points": [ { "ranks": 2, "value": 0.021, "speedUp": 1, "efficiency": 1 },
///                 { "ranks": 4, "value": 0.030, "speedUp": 0.70, "efficiency": 0.35 } ] } ] }
/// ```
///
/// Conventions the runner reads from metric names:
/// - a metric `X-floor` with the same unit as a metric `X` of the same benchmark is X's physical
///   floor (a plain read of the same memory, a copy of the same bytes), measured in the same
///   invocation; tables print the ratio `X / X-floor`;
/// - a chapter's `bench_scaling_metric` (chapter.toml) names the metric its scaling series is
///   made of, measured at every rank count the run used (see `ScalingSeries`).
public struct BenchRun: Codable, Equatable, Sendable {
  /// The file format this runner writes; readers reject other versions.
  public static let currentVersion = 1

  /// The file's format version, `currentVersion` when written.
  public var version: Int
  /// When the run started: ISO 8601 in UTC, e.g. `"2026-12-02T05:01:02Z"`.
  public var started: String
  /// Wall-clock seconds of the whole run, builds included.
  public var seconds: Double
  /// The command line that made the run, e.g. `"workbook bench --all"`.
  public var command: String
  /// The machine it ran on.
  public var machine: MachineDescription
  /// Every benchmark run, in the order run: one per chapter and rank count.
  public var benchmarks: [BenchmarkResult]
  /// Speed-up and efficiency per chapter that names a scaling metric and ran at more than one
  /// rank count; derived from `benchmarks` (`ScalingSeries.derive`), stored for readers.
  public var scaling: [ScalingSeries]

  /// A run from its parts; `scaling` is usually `ScalingSeries.derive(from: benchmarks, …)`.
  public init(
    started: String, seconds: Double, command: String, machine: MachineDescription, benchmarks: [BenchmarkResult],
    scaling: [ScalingSeries]
  ) {
    self.version = BenchRun.currentVersion
    self.started = started
    self.seconds = seconds
    self.command = command
    self.machine = machine
    self.benchmarks = benchmarks
    self.scaling = scaling
  }

  /// The run as pretty-printed JSON with sorted keys (stable diffs between runs).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // NaN and infinities are not JSON; a metric that came out NaN is written as the string "nan".
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }

  /// Decodes a run written by `encoded()`.
  /// - Throws: `RunnerError` naming the problem when `data` is not a bench run of this version.
  public static func decode(_ data: Data, source: String = "bench result") throws -> BenchRun {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let run: BenchRun
    do {
      run = try decoder.decode(BenchRun.self, from: data)
    } catch {
      throw RunnerError("\(source) is not a workbook bench result: \(error)")
    }
    guard run.version == currentVersion else {
      throw RunnerError(
        "\(source) is a version \(run.version) bench result; this runner reads version \(currentVersion)")
    }
    return run
  }

  /// Reads a run from a file.
  public static func read(from path: String) throws -> BenchRun {
    guard let data = FileManager.default.contents(atPath: path) else { throw RunnerError("cannot read \(path)") }
    return try decode(data, source: path)
  }

  /// Writes the run to `path` atomically: a temporary file in the same folder, flushed, then
  /// renamed over `path`, so a reader sees the old file, no file, or the whole new one.
  public func write(to path: String) throws { try writeAtomically(try encoded(), to: path) }

  /// `<folder>/<UTC timestamp>-<host>.json` for a run started at `date` on `host`, e.g.
  /// `out/bench/20261202T050102Z-box.json`; a host name's characters other than letters, digits,
  /// `-` and `.` become `_`.
  public static func fileName(date: Date, host: String) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let safe = String(host.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
    return "\(f.string(from: date))-\(safe.isEmpty ? "host" : safe).json"
  }

  /// `date` as ISO 8601 in UTC, e.g. `"2026-12-02T05:01:02Z"`.
  public static func timestamp(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
  }
}

/// The machine a run used. Fields that could not be found are nil, with the reason in `notes`.
public struct MachineDescription: Codable, Equatable, Sendable {
  /// The host name.
  public var host: String
  /// The CPU model (`model name` in /proc/cpuinfo), e.g. `"AMD EPYC 7B13"`.
  public var cpuModel: String
  /// Logical processors this process may use (hardware threads).
  public var logicalCores: Int
  /// Physical cores (distinct physical id / core id pairs in /proc/cpuinfo); nil when unknown.
  public var physicalCores: Int?
  /// Physical memory in bytes (`MemTotal` in /proc/meminfo).
  public var memoryBytes: Int
  /// The operating system (`PRETTY_NAME` of /etc/os-release) and kernel release, e.g.
  /// `"Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64"`.
  public var os: String
  /// The Swift compiler (first line of `swift --version`).
  public var swiftVersion: String?
  /// VTK's version: from the bridge (`vtkVersion::GetVTKVersion`, via workbook-probe), else the
  /// installed headers' `VTK_VERSION`.
  public var vtkVersion: String?
  /// Open MPI's version (`ompi_info --version`), e.g. `"4.1.4"`.
  public var openMPIVersion: String?
  /// The OpenGL renderer the VTK chapters render with (`GL_RENDERER` after a first frame, under
  /// the same display the benchmarks get), e.g. `"llvmpipe (LLVM 15.0.6, 256 bits)"`.
  public var glRenderer: String?
  /// Processors MPI ranks may use: the hostfile's slots when one was given, else
  /// `logicalCores`. A benchmark with more ranks than this was oversubscribed.
  public var rankSlots: Int
  /// The hostfile the MPI benchmarks were spread with, if any.
  public var hostfile: String?
  /// Why a field is missing or how it was found, e.g. `"glRenderer: workbook-probe failed: …"`.
  public var notes: [String]

  /// A description from its parts; `MachineDescription.current` finds them on this machine.
  public init(
    host: String, cpuModel: String, logicalCores: Int, physicalCores: Int?, memoryBytes: Int, os: String,
    swiftVersion: String?, vtkVersion: String?, openMPIVersion: String?, glRenderer: String?, rankSlots: Int,
    hostfile: String? = nil, notes: [String] = []
  ) {
    self.host = host
    self.cpuModel = cpuModel
    self.logicalCores = logicalCores
    self.physicalCores = physicalCores
    self.memoryBytes = memoryBytes
    self.os = os
    self.swiftVersion = swiftVersion
    self.vtkVersion = vtkVersion
    self.openMPIVersion = openMPIVersion
    self.glRenderer = glRenderer
    self.rankSlots = rankSlots
    self.hostfile = hostfile
    self.notes = notes
  }
}

/// How one benchmark run ended.
public enum BenchStatus: String, Codable, Sendable, CaseIterable {
  /// The harness reported, with no failed check and no error.
  case passed
  /// A check failed, the harness reported an error, the program crashed, deadlocked, ran out
  /// of memory, could not start or its chapter did not build.
  case failed
  /// Stopped at its time limit.
  case timedOut = "timed-out"
  /// Not started: the rank count is below the chapter's `min_ranks`.
  case refused
  /// Stopped by Ctrl-C.
  case interrupted
}

/// One benchmark: one chapter's `--bench` program at one rank count.
public struct BenchmarkResult: Codable, Equatable, Sendable {
  /// The chapter number.
  public var chapter: Int
  /// The chapter's folder, `NN-slug`.
  public var folder: String
  /// The chapter's title.
  public var title: String
  /// `local`, `mpi` or `window`.
  public var kind: String
  /// MPI processes (1 for other chapters).
  public var ranks: Int
  /// Whether there were more ranks than `MachineDescription.rankSlots`.
  public var oversubscribed: Bool
  /// How it ended.
  public var status: BenchStatus
  /// How it ended in one line, e.g. `"3 checks passed"` or `"timed out after 600 s"`.
  public var verdict: String
  /// Wall-clock seconds of the run (0 when it did not start).
  public var seconds: Double
  /// The time limit it ran under, in seconds.
  public var timeLimit: Double
  /// What the harness measured, in the order reported; `ranks` is always set (1 for
  /// non-MPI chapters).
  public var metrics: [Metric]
  /// The checks the benchmark made on what it timed (same sets, right sums); often empty.
  public var checks: [CheckResult]

  /// A result from its parts.
  public init(
    chapter: Int, folder: String, title: String, kind: String, ranks: Int, oversubscribed: Bool,
    status: BenchStatus, verdict: String, seconds: Double, timeLimit: Double, metrics: [Metric],
    checks: [CheckResult] = []
  ) {
    self.chapter = chapter
    self.folder = folder
    self.title = title
    self.kind = kind
    self.ranks = ranks
    self.oversubscribed = oversubscribed
    self.status = status
    self.verdict = verdict
    self.seconds = seconds
    self.timeLimit = timeLimit
    self.metrics = metrics
    self.checks = checks
  }

  /// The metric named `name`, if reported.
  public func metric(_ name: String) -> Metric? { metrics.first { $0.name == name } }

  /// Metrics with their floors: every metric `X` for which a metric `X-floor` with the same
  /// unit was reported, with `X / X-floor`. Floors themselves are not listed as metrics.
  public var floors: [(metric: Metric, floor: Metric, ratio: Double)] {
    metrics.compactMap { m in
      guard !m.name.hasSuffix(BenchmarkResult.floorSuffix),
        let f = metric(m.name + BenchmarkResult.floorSuffix), f.unit == m.unit
      else { return nil }
      return (m, f, m.value / f.value)
    }
  }

  /// The suffix that makes a metric another metric's floor: `"-floor"`.
  public static let floorSuffix = "-floor"
}

extension BenchmarkResult {
  /// The result of `outcome`, one run of `chapter`'s benchmark: status and verdict from how it
  /// ended, metrics with their rank count filled in.
  init(chapter: ChapterInfo, outcome: RunOutcome, timeLimit: Double, slots: Int) {
    let (status, verdict) = BenchmarkResult.judge(outcome.verdict)
    var metrics: [Metric] = []
    var checks: [CheckResult] = []
    if case .reported(let c, let m, _) = outcome.verdict {
      checks = c
      metrics = m.map {
        var m = $0
        m.ranks = m.ranks ?? outcome.ranks
        return m
      }
    }
    self.init(
      chapter: chapter.number, folder: chapter.folder, title: chapter.title, kind: chapter.kind.rawValue,
      ranks: outcome.ranks, oversubscribed: chapter.kind == .mpi && outcome.ranks > slots, status: status,
      verdict: verdict, seconds: outcome.seconds, timeLimit: timeLimit, metrics: metrics, checks: checks)
  }

  /// Status and a one-line verdict for a run's verdict.
  static func judge(_ verdict: RunVerdict) -> (BenchStatus, String) {
    switch verdict {
    case .reported(let checks, let metrics, let errors):
      if let e = errors.first { return (.failed, "error: \(e)") }
      if let c = checks.first(where: { !$0.passed }) {
        return (.failed, "check \(c.name) failed: expected \(c.expected), got \(c.got)")
      }
      let m = "\(metrics.count) metric\(metrics.count == 1 ? "" : "s")"
      return (.passed, checks.isEmpty ? m : "\(m), \(checks.count) check\(checks.count == 1 ? "" : "s") passed")
    case .timedOut(let limit, _, _): return (.timedOut, "timed out after \(Int(limit)) s")
    case .deadlocked(let after, _): return (.failed, "deadlocked after \(Int(after.rounded())) s")
    case .outOfMemory(_, let used, let limit):
      return (.failed, "out of memory: \(Printer.gib(used)) GiB of \(Printer.gib(limit)) GiB")
    case .crashed(let rank, let how):
      return (.failed, "crashed: \(rank.map { "rank \($0)" } ?? "a process") ended with \(how)")
    case .tooMuchOutput(let limit): return (.failed, "too much output (more than \(limit >> 20) MiB)")
    case .notStarted(let why): return (.failed, "could not start: \(why)")
    case .interrupted: return (.interrupted, "interrupted")
    }
  }
}

/// One chapter's scaling: its scaling metric at each rank count, with speed-up and efficiency
/// relative to the smallest rank count measured.
public struct ScalingSeries: Codable, Equatable, Sendable {
  /// The chapter number.
  public var chapter: Int
  /// The metric the series is made of (the chapter's `bench_scaling_metric`), a time: smaller
  /// is faster.
  public var metric: String
  /// The metric's unit.
  public var unit: String
  /// One point per rank count, smallest first.
  public var points: [ScalingPoint]

  /// A series from its parts.
  public init(chapter: Int, metric: String, unit: String, points: [ScalingPoint]) {
    self.chapter = chapter
    self.metric = metric
    self.unit = unit
    self.points = points
  }

  /// The series of every chapter in `metrics` (chapter number → scaling metric name) that
  /// reported its metric at two or more rank counts in `benchmarks`. With P₀ the smallest rank
  /// count and T(P) the metric at P: speed-up T(P₀) / T(P), efficiency speed-up × P₀ / P.
  public static func derive(from benchmarks: [BenchmarkResult], metrics: [Int: String]) -> [ScalingSeries] {
    metrics.keys.sorted().compactMap { chapter in
      let name = metrics[chapter]!
      var byRanks: [Int: Metric] = [:]
      for b in benchmarks where b.chapter == chapter && b.status == .passed {
        if let m = b.metric(name) { byRanks[b.ranks] = m }
      }
      let ranks = byRanks.keys.sorted()
      guard ranks.count >= 2, let p0 = ranks.first, let base = byRanks[p0] else { return nil }
      let points = ranks.map { p in
        let t = byRanks[p]!.value
        let speedUp = base.value / t
        return ScalingPoint(ranks: p, value: t, speedUp: speedUp, efficiency: speedUp * Double(p0) / Double(p))
      }
      return ScalingSeries(chapter: chapter, metric: name, unit: base.unit, points: points)
    }
  }
}

/// The scaling metric at one rank count.
public struct ScalingPoint: Codable, Equatable, Sendable {
  /// MPI processes.
  public var ranks: Int
  /// The metric's value at `ranks`.
  public var value: Double
  /// T(P₀) / T(P): how many times faster than at the smallest rank count P₀.
  public var speedUp: Double
  /// Speed-up × P₀ / P: 1 when doubling the ranks halves the time.
  public var efficiency: Double

  /// A point from its parts.
  public init(ranks: Int, value: Double, speedUp: Double, efficiency: Double) {
    self.ranks = ranks
    self.value = value
    self.speedUp = speedUp
    self.efficiency = efficiency
  }
}

/// Rank counts for scaling runs.
public enum ScalingLadder {
  /// The rank counts a scaling series runs at: the fewest the chapter allows (`minRanks`, 1
  /// when it allows one process), then the powers of two above it up to `maxRanks` (4 on one
  /// machine; a hostfile's slots when larger).
  public static func ranks(minRanks: Int, maxRanks: Int) -> [Int] {
    let start = max(1, minRanks)
    var out = [start]
    var p = 1
    while p <= maxRanks {
      if p > start { out.append(p) }
      p *= 2
    }
    return out
  }

  /// The rank counts `chapter`'s benchmark runs at: `ranks` when given; 1 for non-MPI
  /// chapters; else its `bench_ranks`, joined, when it names a scaling metric and `scaling` is
  /// on, by `ranks(minRanks:maxRanks:)` from its `bench_min_ranks` (default `min_ranks`) up to
  /// `maxRanks`.
  public static func rankCounts(_ chapter: ChapterInfo, ranks: Int?, scaling: Bool, maxRanks: Int) -> [Int] {
    guard chapter.kind == .mpi else { return [1] }
    if let ranks { return [ranks] }
    var counts = Set(chapter.benchRanks)
    if scaling && chapter.benchScalingMetric != nil {
      counts.formUnion(ScalingLadder.ranks(minRanks: chapter.benchMinRanks, maxRanks: maxRanks))
    }
    return counts.sorted()
  }

  /// The processors a hostfile offers: the sum of its lines' `slots=N` (1 for a host line
  /// without slots); comments and blank lines skipped. Nil when the file cannot be read.
  public static func slots(hostfile path: String) -> Int? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    var total = 0
    for raw in text.split(separator: "\n") {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard !words.isEmpty else { continue }
      let slot = words.first { $0.hasPrefix("slots=") }.flatMap { Int($0.dropFirst("slots=".count)) }
      total += slot ?? 1
    }
    return total
  }
}
