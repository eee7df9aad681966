import Foundation
import Testing
import WorkbookContract
import WorkbookRunner
import WorkbookTestSupport

/// `workbook bench`'s results: the JSON file, its atomic write, the tables, the machine line,
/// scaling and the chapters' benchmark metadata.
@Suite struct BenchResultsTests {
  static let fixtures = TestSupport.root + "/Tests/BenchFixtures"

  static func machine() -> MachineDescription {
    MachineDescription(
      host: "box", cpuModel: "Example CPU", logicalCores: 2, physicalCores: 1, memoryBytes: 8 << 30,
      os: "Debian, Linux 6.1", swiftVersion: "Swift version 6.3", vtkVersion: "9.1.0", openMPIVersion: "4.1.4",
      glRenderer: nil, rankSlots: 2, notes: ["glRenderer: no display"])
  }

  static func benchmark(_ chapter: Int, ranks: Int = 1, status: BenchStatus = .passed, _ metrics: [Metric])
    -> BenchmarkResult
  {
    BenchmarkResult(
      chapter: chapter, folder: String(format: "%02d-x", chapter), title: "Chapter \(chapter)",
      kind: ranks > 1 ? "mpi" : "local", ranks: ranks, oversubscribed: ranks > 2, status: status,
      verdict: status == .passed ? "\(metrics.count) metrics" : "timed out after 600 s", seconds: 12.5,
      timeLimit: 600, metrics: metrics,
      checks: [CheckResult(name: "same-set", kind: .set, passed: true, expected: "12", got: "12", ranks: ranks)])
  }

  static func run(_ benchmarks: [BenchmarkResult], scaling: [Int: String] = [:]) -> BenchRun {
    BenchRun(
      started: "2026-12-02T05:00:00Z", seconds: 99, command: "workbook bench --all", machine: machine(),
      benchmarks: benchmarks, scaling: ScalingSeries.derive(from: benchmarks, metrics: scaling))
  }

  static let sample = run(
    [
      benchmark(6, [Metric(name: "ns-per-box", value: 2, unit: "ns", ranks: 1)]),
      benchmark(16, ranks: 2, [Metric(name: "seconds-swap", value: 0.02, unit: "s", ranks: 2)]),
      benchmark(16, ranks: 4, [Metric(name: "seconds-swap", value: 0.04, unit: "s", ranks: 4)]),
      benchmark(1, status: .timedOut, []),
    ], scaling: [16: "seconds-swap"])

  @Test func jsonRoundTrips() throws {
    let data = try BenchResultsTests.sample.encoded()
    #expect(try BenchRun.decode(data) == BenchResultsTests.sample)
    // Keys are sorted and the status is its documented string.
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"status\" : \"timed-out\"") && text.contains("\"speedUp\""))
    // NaN is not JSON: it goes out as the string "nan" and comes back as NaN.
    let odd = BenchResultsTests.run([BenchResultsTests.benchmark(6, [Metric(name: "r", value: .nan, unit: "x")])])
    let back = try BenchRun.decode(try odd.encoded())
    #expect(back.benchmarks[0].metrics[0].value.isNaN)
    // Another version is refused, naming it.
    let v2 = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
    #expect(throws: RunnerError.self) { try BenchRun.decode(Data(v2.utf8)) }
  }

  @Test func fixturesDecode() throws {
    let a = try BenchRun.read(from: BenchResultsTests.fixtures + "/run-a.json")
    let b = try BenchRun.read(from: BenchResultsTests.fixtures + "/run-b.json")
    #expect(a.machine.glRenderer == "llvmpipe (LLVM 15.0.6, 256 bits)" && b.machine.glRenderer == nil)
    #expect(b.benchmarks[1].status == .timedOut && a.benchmarks[1].oversubscribed)
  }

  @Test func writeIsAtomic() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-atomic-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/out/bench/" + BenchRun.fileName(date: Date(), host: "a host/with:odd")
    #expect(!path.hasSuffix("a host/with:odd.json") && path.hasSuffix("a_host_with_odd.json"))
    try BenchResultsTests.sample.write(to: path)
    let folder = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [(path as NSString).lastPathComponent])
    #expect(try BenchRun.read(from: path) == BenchResultsTests.sample)

    // A reader polling the file while it is rewritten sees one whole run or the other, never
    // part of one. The runs are big (a few MB) so that a plain write would be caught midway.
    let metrics = (0..<20_000).map { Metric(name: "metric-\($0)", value: Double($0), unit: "s", ranks: 1) }
    let big = [
      BenchResultsTests.run([BenchResultsTests.benchmark(6, metrics)]),
      BenchResultsTests.run([BenchResultsTests.benchmark(7, Array(metrics.reversed()))]),
    ]
    final class Tally: @unchecked Sendable {
      let lock = NSLock()
      var done = false
      var reads = 0
      var torn = 0
    }
    let tally = Tally()
    let reader = Thread {
      while tally.lock.withLock({ !tally.done }) {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let ok = (try? BenchRun.decode(data)) != nil
        tally.lock.withLock {
          tally.reads += 1
          if !ok { tally.torn += 1 }
        }
      }
    }
    reader.start()
    for i in 0..<30 { try big[i % 2].write(to: path) }
    // Let the reader finish a few reads of the last version before stopping it.
    let deadline = Date().addingTimeInterval(5)
    while tally.lock.withLock({ tally.reads < 5 }) && Date() < deadline { usleep(10_000) }
    tally.lock.withLock { tally.done = true }
    while !reader.isFinished { usleep(1000) }
    #expect(tally.reads > 0)
    #expect(tally.torn == 0, "\(tally.torn) of \(tally.reads) reads saw a partial file")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }.isEmpty)
  }

  @Test func compareShowsBothRunsSideBySide() throws {
    let a = try BenchRun.read(from: BenchResultsTests.fixtures + "/run-a.json")
    let b = try BenchRun.read(from: BenchResultsTests.fixtures + "/run-b.json")
    let text = BenchTable.compare(a, b, nameA: "run-a.json", nameB: "run-b.json")
    func row(_ name: String, ranks: Int) -> [String]? {
      text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        .first { $0.count > 3 && $0[2] == name && $0[1] == "\(ranks)" }
    }
    // Matched by chapter, ranks and name: A, B, B/A.
    #expect(row("simd-ns-per-box", ranks: 1) == ["06", "1", "simd-ns-per-box", "ns", "2", "1", "0.500"])
    #expect(
      row("simd-ns-per-box-floor", ranks: 1) == ["06", "1", "simd-ns-per-box-floor", "ns", "0.5", "0.25", "0.500"])
    // On one side only: a dash for the other side and for the ratio.
    #expect(row("only-in-a", ranks: 1) == ["06", "1", "only-in-a", "x", "7", "—", "—"])
    #expect(row("allreduce-1MiB-c", ranks: 2) == ["09", "2", "allreduce-1MiB-c", "µs", "—", "300", "—"])
    #expect(
      row("seconds-binary-swap-100pct", ranks: 4) == ["16", "4", "seconds-binary-swap-100pct", "s", "0.04", "—", "—"])
    // Both machines and the benchmark that did not pass are named.
    #expect(text.contains("Example CPU A") && text.contains("Example CPU B"))
    #expect(text.contains("B: chapter 16 at 4: timed-out: timed out after 600 s"))
  }

  @Test func floorsArePrintedBesideTheirMetricWithTheRatio() {
    let b = BenchResultsTests.benchmark(
      6,
      [
        Metric(name: "ns-per-box", value: 2, unit: "ns", ranks: 1),
        Metric(name: "ns-per-box-floor", value: 0.5, unit: "ns", ranks: 1),
        // A "floor" in another unit is not a floor of that metric.
        Metric(name: "rate", value: 10, unit: "MB/s", ranks: 1),
        Metric(name: "rate-floor", value: 20, unit: "GB/s", ranks: 1),
      ])
    #expect(b.floors.map(\.metric.name) == ["ns-per-box"] && b.floors.map(\.ratio) == [4])
    let text = BenchTable.render(BenchResultsTests.run([b]))
    let lines = text.split(separator: "\n").map(String.init)
    let row = lines.first { $0.contains(" ns-per-box ") }?.split(separator: " ").map(String.init)
    #expect(row == ["06", "1", "passed", "ns-per-box", "2", "ns", "0.5", "4.00×"])
    #expect(!lines.contains { $0.contains(" ns-per-box-floor ") }, "the floor has no row of its own")
    #expect(lines.contains { $0.contains(" rate-floor ") && !$0.contains("×") })
    #expect(lines.first?.hasPrefix("machine: box: Example CPU, 2 logical / 1 physical cores, 8.0 GiB") == true)
    #expect(lines.contains { $0.contains("ratio to floor") })
  }

  @Test func failuresAndScalingAreInTheTable() {
    let text = BenchTable.render(BenchResultsTests.sample)
    #expect(text.contains("chapter 01 at 1: timed-out: timed out after 600 s"))
    #expect(text.contains("TIMED-OUT"))
    #expect(text.contains("oversubscribed"))
    let scaling = BenchResultsTests.sample.scaling
    #expect(scaling.count == 1 && scaling[0].points.map(\.ranks) == [2, 4])
    #expect(scaling[0].points.map(\.speedUp) == [1, 0.5] && scaling[0].points.map(\.efficiency) == [1, 0.25])
    #expect(BenchTable.summary(BenchResultsTests.sample).hasPrefix("4 benchmarks: 3 passed, 1 timed-out in 1 min 39 s"))
  }

  @Test func scalingLadderStartsWhereTheChapterAllows() throws {
    #expect(ScalingLadder.ranks(minRanks: 1, maxRanks: 4) == [1, 2, 4])
    #expect(ScalingLadder.ranks(minRanks: 2, maxRanks: 4) == [2, 4])
    #expect(ScalingLadder.ranks(minRanks: 3, maxRanks: 4) == [3, 4])
    #expect(ScalingLadder.ranks(minRanks: 1, maxRanks: 12) == [1, 2, 4, 8])
    let hostfile = FileManager.default.temporaryDirectory.appendingPathComponent("hosts-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: hostfile) }
    try "# two nodes\nnode1 slots=8\nnode2 slots=4 max_slots=4\n\nnode3\n".write(
      toFile: hostfile, atomically: true, encoding: .utf8)
    #expect(ScalingLadder.slots(hostfile: hostfile) == 13)
    let mpi = try Catalog.parse(
      goodMPI.replacingOccurrences(
        of: "time_limit = 20.5", with: "time_limit = 20.5\nbench_scaling_metric = \"t\"\nbench_ranks = [3]"),
      file: "x.toml")
    #expect(ScalingLadder.rankCounts(mpi, ranks: nil, scaling: true, maxRanks: 4) == [2, 3, 4])
    #expect(ScalingLadder.rankCounts(mpi, ranks: nil, scaling: false, maxRanks: 4) == [3])
    #expect(ScalingLadder.rankCounts(mpi, ranks: 5, scaling: true, maxRanks: 4) == [5])
    // A benchmark that runs on fewer ranks than the checks starts the series there; the
    // chapter's other programs still refuse those counts.
    let serial = try Catalog.parse(
      goodMPI.replacingOccurrences(
        of: "time_limit = 20.5", with: "time_limit = 20.5\nbench_scaling_metric = \"t\"\nbench_min_ranks = 1"),
      file: "x.toml")
    #expect(ScalingLadder.rankCounts(serial, ranks: nil, scaling: true, maxRanks: 4) == [1, 2, 4])
    #expect(serial.refusal(ranks: 1) != nil)
    #expect(serial.benchmarkOnly.refusal(ranks: 1) == nil)
    #expect(serial.benchmarkOnly.refusal(ranks: 2) == nil)
  }

  @Test func chaptersDeclareTheirBenchmarks() throws {
    let local = try Catalog.parse(
      goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = 30\nbench = true"), file: "x.toml")
    #expect(local.hasBench && local.benchScalingMetric == nil)
    #expect(try !Catalog.parse(goodLocal, file: "x.toml").hasBench)
    let mpi = try Catalog.parse(
      goodMPI.replacingOccurrences(of: "time_limit = 20.5", with: "time_limit = 20.5\nbench_scaling_metric = \"t\""),
      file: "x.toml")
    #expect(mpi.hasBench && mpi.benchScalingMetric == "t")
    for (text, field) in [
      (
        goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = 30\nbench_scaling_metric = \"t\""),
        "bench_scaling_metric"
      ),
      (
        goodMPI.replacingOccurrences(
          of: "time_limit = 20.5", with: "time_limit = 20.5\nbench = false\nbench_ranks = [2]"), "bench"
      ),
      (goodLocal.replacingOccurrences(of: "time_limit = 30", with: "time_limit = 30\nbench = \"yes\""), "bench"),
      // Below min_ranks only, and only with a scaling series to start.
      (
        goodMPI.replacingOccurrences(
          of: "time_limit = 20.5", with: "time_limit = 20.5\nbench_scaling_metric = \"t\"\nbench_min_ranks = 3"),
        "bench_min_ranks"
      ),
      (
        goodMPI.replacingOccurrences(of: "time_limit = 20.5", with: "time_limit = 20.5\nbench_min_ranks = 1"),
        "bench_min_ranks"
      ),
    ] {
      #expect(throws: CatalogError.self) { try Catalog.parse(text, file: "x.toml") }
      do { _ = try Catalog.parse(text, file: "x.toml") } catch let e as CatalogError { #expect(e.field == field) } catch
      {}
    }
    // The workbook's own chapters with a benchmark, as `bench --all` finds them.
    let catalog = try Catalog.load(Project(root: TestSupport.root))
    #expect(catalog.chapters.filter(\.hasBench).map(\.number) == [1, 4, 5, 6, 7, 9, 14, 16, 17])
    #expect(catalog.chapter(14)?.benchMinRanks == 1 && catalog.chapter(14)?.minRanks == 2)
    #expect(catalog.chapter(16)?.benchScalingMetric == "seconds-binary-swap-100pct")
  }

  @Test func machineDescriptionIsThisMachine() throws {
    let m = MachineDescription.current(probe: nil, hostfile: nil)
    let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
    #expect(m.cpuModel != "unknown CPU" && cpuinfo.contains(m.cpuModel))
    #expect(m.logicalCores == ProcessInfo.processInfo.activeProcessorCount && m.rankSlots == m.logicalCores)
    if let physical = m.physicalCores { #expect((1...m.logicalCores).contains(physical)) }
    // MemTotal is the physical memory less what the kernel keeps, so a little below it.
    let physical = Double(ProcessInfo.processInfo.physicalMemory)
    #expect(Double(m.memoryBytes) > 0.8 * physical && Double(m.memoryBytes) <= physical * 1.01)
    #expect(m.os.contains("Linux") && !m.host.isEmpty)
    #expect(m.swiftVersion?.contains("Swift version") == true)
    #expect(m.vtkVersion == "9.1.0", "from the installed headers")
    #expect(m.openMPIVersion == "4.1.4")
    #expect(m.glRenderer == nil && m.notes.contains { $0.hasPrefix("glRenderer: not probed") })

    // The probe's line gives VTK's version and the renderer; a failing probe leaves a reason.
    let probed = MachineDescription.current(
      probe: { .success("vtk 9.1.0 renderer=llvmpipe (LLVM 15.0.6, 256 bits) center=(255, 0, 0) corner=x") },
      hostfile: nil)
    #expect(probed.glRenderer == "llvmpipe (LLVM 15.0.6, 256 bits)" && probed.vtkVersion == "9.1.0")
    let failed = MachineDescription.current(probe: { .failure(RunnerError("no display")) }, hostfile: nil)
    #expect(failed.glRenderer == nil && failed.notes.contains { $0.contains("no display") })
  }
}
