import Foundation
import Launch
import VTK
import WorkbookKit

extension Chapter19 {
  /// The demo (`./workbook run 19`): the histogram with 1, 2 and 4 threads six ways (lost updates
  /// counted), false sharing, a million boxes culled on threads against the memory-read floor,
  /// images z-composited on threads, `vtkFlyingEdges3D` under each `vtkSMPTools` back end and
  /// thread count, what Swift 6 says about the racy code, the three jobs as threads against MPI
  /// ranks (child processes), and the decision guide from this run's numbers.
  public static func demo() -> Never {
    switch CommandLine.arguments.dropFirst().first {
    case "--child-threads": threadsChild()
    case "--child-ranks": ranksChild()
    default: break
    }
    Harness.run(chapter: name) { report in
      let cores = ProcessInfo.processInfo.activeProcessorCount
      print(
        BenchMachine.description(
          settings: "release build; medians of 5 timed runs after 1 warm-up (culling: 11 after 2, interleaved; "
            + "threads against ranks: 7 after 2)"))
      print("Workers: 1, 2, 4. This machine has \(cores) cores, so 4 workers share them (oversubscribed).")
      let workers = [1, 2, 4]

      // 1. The histogram, six ways.
      let values = makeValues(count: speedValues)
      let bins = speedBins
      let serial = serialHistogram(values, bins: bins)
      let serialTime = Benchmark.measure(runs: 5, warmup: 1) {
        Benchmark.blackHole(serialHistogram(values, bins: bins))
      }
      print(
        "\n1. Histogram of \(values.count) floats (\(Benchmark.describe(bytes: values.count * 4))) into \(bins) bins; "
          + "serial loop \(serialTime.medianDescription)")
      print("\n| method | workers | median | speed-up vs serial | efficiency | counts |")
      print("|---|---:|---:|---:|---:|---|")
      let methods: [(String, ([Float], Int, Int) -> [Int])] = [
        ("per-task partial counts, summed after", partialsHistogram),
        ("shared counters, no synchronisation (racy)", racyHistogram),
        ("shared `Atomic<Int>` counters, relaxed", atomicHistogram),
        ("one `Mutex` taken per increment", lockedHistogram),
        ("partial counts, `Mutex` taken once per task", lockPerTaskHistogram),
      ]
      var partialsTimes: [Int: Double] = [:]
      for (label, f) in methods {
        for w in workers {
          var results: [[Int]] = []
          let t = Benchmark.measure(runs: 5, warmup: 1) { results.append(f(values, bins, w)) }
          let lost = results.map { serial.reduce(0, +) - $0.reduce(0, +) }
          let verdict =
            results.allSatisfy { $0 == serial }
            ? "exact on every run"
            : "WRONG: \(lost.min()!)–\(lost.max()!) of \(values.count) increments lost per run"
          let speedup = serialTime.median / t.median
          print(
            "| \(label) | \(w) | \(t.medianDescription) | \(String(format: "%.2f×", speedup)) | "
              + "\(String(format: "%.0f%%", 100 * speedup / Double(w))) | \(verdict) |")
          if label.hasPrefix("per-task") { partialsTimes[w] = t.median }
          let key = label.split(separator: " ").prefix(2).joined(separator: "-").lowercased()
          report.metric("histogram-\(key)-\(w)-speedup", speedup, unit: "x")
        }
      }
      // Lost updates where collisions are likeliest: the check's 4 bins.
      let few = makeValues(count: raceValues, seed: 1919)
      let fewSerial = serialHistogram(few, bins: raceBins)
      let lostFew = (0..<5).map { _ in raceValues - racyHistogram(few, bins: raceBins, threads: 2).reduce(0, +) }
      print(
        "\nRacy version, \(raceValues) values into \(raceBins) bins, 2 threads, 5 runs: "
          + "\(lostFew.map(String.init).joined(separator: ", ")) increments lost "
          + "(serial counts \(Checks.preview(fewSerial)))")
      report.metric("racy-lost-updates-4-bins-median", Timings(samples: lostFew.map(Double.init)).median, unit: "")
      report.add(
        Checks.exact(
          "partials-equal-serial", expected: serial, got: partialsHistogram(values, bins: bins, threads: 2)))

      // 2. False sharing.
      let increments = 5_000_000
      print(
        "\n2. False sharing: 2 threads, each adding 1 to its own counter \(increments) times (atomic adds, relaxed)")
      print("\n| counters | median | vs a cache line each (128 B) |")
      print("|---|---:|---:|")
      var sharingTimes: [Int: Double] = [:]
      for spacing in [8, 64, 128] {
        var totals: [Int] = []
        let t = Benchmark.measure(runs: 5, warmup: 1) {
          totals = privateCounters(threads: 2, spacing: spacing, increments: increments)
        }
        sharingTimes[spacing] = t.median
        report.add(Checks.exact("private-counters-\(spacing)-bytes", expected: [increments, increments], got: totals))
      }
      for spacing in [8, 64, 128] {
        let what = spacing == 8 ? "side by side (8 B apart, one cache line)" : "\(spacing) B apart"
        print(
          "| \(what) | \(Benchmark.describe(seconds: sharingTimes[spacing]!)) | "
            + "\(String(format: "%.1f×", sharingTimes[spacing]! / sharingTimes[128]!)) |")
      }
      report.metric("false-sharing-slowdown", sharingTimes[8]! / sharingTimes[128]!, unit: "x")

      // 3. Culling a million boxes of chapter 06 on threads.
      let boxes = Chapter06.makeBoxes(count: 1_000_000)
      let planes = Frustum(viewProjection: Chapter06.sceneCamera.viewProjection(aspect: Chapter06.aspect)).floatPlanes
      print("\n3. Frustum culling of chapter 06's \(boxes.count) boxes, split into one BoxBatch per worker")
      print("   A: chapter 06's SIMD cull, planes in the camera's order; B: the same cull, each task first ordering")
      print("   the planes by how many of a sample of its boxes (1 in 4096) each rejects. Floor: the same workers only")
      print("   reading the six Float arrays.")
      print("\n| workers | A: cull | B: cull | speed-up (B) | efficiency (B) | floor | A / floor | B / floor |")
      print("|---:|---:|---:|---:|---:|---:|---:|---:|")
      var cullTimes: [Int: Double] = [:]
      var oneWorkerSet = Set<Int>()
      for w in workers {
        let job = CullingJob(boxes: boxes, workers: w)
        defer { job.free() }
        var keptA: [Int] = []
        var keptB: [Int] = []
        // A cull takes about a millisecond: 11 runs each, interleaved with the floor.
        let all = BenchMachine.interleaved(
          runs: 11, warmup: 2,
          [
            { keptA = job.cull(planes) }, { keptB = job.cull(planes, selectiveFirst: true) },
            { Benchmark.blackHole(job.readAll()) },
          ])
        let (a, b, floor) = (all[0], all[1], all[2])
        let idsA = job.ids(kept: keptA)
        if w == 1 { oneWorkerSet = idsA }
        report.add(Checks.sameSet("cull-\(w)-workers-same-set", expected: oneWorkerSet, got: idsA))
        report.add(
          Checks.sameSet("cull-\(w)-workers-ordered-same-set", expected: oneWorkerSet, got: job.ids(kept: keptB)))
        cullTimes[w] = b.median
        let speedup = cullTimes[1]! / b.median
        print(
          "| \(w) | \(a.medianDescription) | \(b.medianDescription) | \(String(format: "%.2f×", speedup)) | "
            + "\(String(format: "%.0f%%", 100 * speedup / Double(w))) | \(floor.medianDescription) | "
            + "\(String(format: "%.2f", a.median / floor.median)) | \(String(format: "%.2f", b.median / floor.median)) |"
        )
        report.metric("cull-\(w)-workers-speedup", speedup, unit: "x")
        report.metric("cull-\(w)-workers-over-floor", b.median / floor.median, unit: "x")
        if w == 2 {
          let ratio = b.median / floor.median
          print(
            "2 workers: the cull takes \(String(format: "%.2f", ratio))× the 2-worker floor "
              + (ratio <= 1.5 ? "(within the 1.5× the chapter aims at)" : "(above the 1.5× the chapter aims at)"))
        }
      }
      let boxBytes = boxes.count * 28
      print(
        "Threads share one copy of the batch (\(Benchmark.describe(bytes: boxBytes)): six Float arrays and the ids); "
          + "P MPI ranks each holding all of it need P copies (\(Benchmark.describe(bytes: 4 * boxBytes)) at 4), "
          + "or one part each plus what the parts must exchange.")

      // 4. Z-compositing images on threads.
      let images = compositingImages(count: compositingImageCount)
      let oracle = Chapter16.serialComposite(images)
      let pixels = images[0].count
      print(
        "\n4. Z-compositing \(images.count) partial 1920x1080 images (chapter 16's z-test, nearer wins, lowest image on "
          + "ties; \(Benchmark.describe(bytes: images.count * pixels * 8)) in), each task owning a strip of pixels")
      print("\n| workers | median | speed-up | efficiency | same image as chapter 16's serialComposite |")
      print("|---:|---:|---:|---:|---|")
      var compositeTimes: [Int: Double] = [:]
      var out = Chapter16.Pixels(count: pixels)
      for w in workers {
        let t = Benchmark.measure(runs: 5, warmup: 1) { compositeThreaded(images, workers: w, into: &out) }
        compositeTimes[w] = t.median
        let same = out == oracle
        report.add(
          Checks.that(
            "composite-\(w)-workers-same-image", same, expected: "serialComposite's pixels",
            got: same ? "identical" : "different"))
        let speedup = compositeTimes[1]! / t.median
        print(
          "| \(w) | \(t.medianDescription) | \(String(format: "%.2f×", speedup)) | "
            + "\(String(format: "%.0f%%", 100 * speedup / Double(w))) | \(same ? "yes" : "NO") |")
        report.metric("composite-\(w)-workers-speedup", speedup, unit: "x")
      }

      // 5. vtkSMPTools under vtkFlyingEdges3D.
      smpSection(report: &report)

      // 6. What Swift 6 says about the racy code.
      swift6Section()

      // 7. The same three jobs as threads and as MPI ranks, in child processes.
      let measured = threadsAgainstRanks(workers: workers, report: &report)

      // 8. The decision guide, from this run.
      let best = workers.filter { $0 > 1 }.min { partialsTimes[$0]! < partialsTimes[$1]! }!
      print("\n8. Decision guide (numbers from this run: sections 1, 3 and 4 for one machine, section 7 for ranks)")
      print(
        "\n| you have | use | histogram, 4 M values | culling, 1 M boxes | compositing, 4 images | memory for the data |"
      )
      print("|---|---|---:|---:|---:|---|")
      print(
        "| one core | one thread, the best serial loop | \(Benchmark.describe(seconds: serialTime.median)) | "
          + "\(Benchmark.describe(seconds: cullTimes[1]!)) | \(Benchmark.describe(seconds: compositeTimes[1]!)) | one copy |"
      )
      print(
        "| several cores, one machine | threads, each writing its own slice | \(best) threads: "
          + "\(String(format: "%.2f×", serialTime.median / partialsTimes[best]!)) | 2 threads: "
          + "\(String(format: "%.2f×", cullTimes[1]! / cullTimes[2]!)) | 2 threads: "
          + "\(String(format: "%.2f×", compositeTimes[1]! / compositeTimes[2]!)) | one copy, shared"
          + (measured.map { ": \(Benchmark.describe(bytes: $0.threadsMemory)) Pss" } ?? "") + " |")
      if let m = measured, let r1 = m.ranks[1], let r2 = m.ranks[2] {
        print(
          "| several machines | MPI ranks (here 2 on this machine, data replicated) | 2 ranks: "
            + "\(String(format: "%.2f×", r1.histogram / r2.histogram)) | 2 ranks: \(String(format: "%.2f×", r1.culling / r2.culling)) | "
            + "2 ranks: \(String(format: "%.2f×", r1.compositing / r2.compositing)) | a copy per rank: "
            + "\(Benchmark.describe(bytes: m.ranksMemory[2] ?? 0)) Pss for 2 ranks; partition the data to need one |")
      } else {
        print(
          "| several machines | MPI ranks, data partitioned | not measured in this run (section 7 says why) | | | a part per rank |"
        )
      }
      print(
        "\nOversubscribed (4 workers on \(cores) cores): histogram \(String(format: "%.2f×", serialTime.median / partialsTimes[4]!)), "
          + "culling \(String(format: "%.2f×", cullTimes[1]! / cullTimes[4]!)), compositing "
          + "\(String(format: "%.2f×", compositeTimes[1]! / compositeTimes[4]!)) against one worker.")
    }
  }

  /// What section 7 measured, for the decision guide: times per worker count of each approach,
  /// and memory (summed Pss) of the threads process and of each rank count's processes.
  struct ThreadsAndRanks {
    var threads: [Int: JobTimes]
    var ranks: [Int: JobTimes]
    var threadsMemory: Int
    var ranksMemory: [Int: Int]
  }

  /// The demo's part 7: runs the threads child and one mpirun job per worker count, prints the
  /// times (speed-up and efficiency against one worker of the same approach) and the memory.
  static func threadsAgainstRanks(workers: [Int], report: inout Report) -> ThreadsAndRanks? {
    print(
      "\n7. Threads against MPI ranks: histogram, culling (B) and compositing in child processes of this program:")
    print("   one process running 1, 2 and 4 threads; mpirun -n 1, 2, 4, every rank building all the data")
    print("   (replicated), doing its part, and the parts meeting at rank 0 (allReduce, gatherVarying).")
    print("   A rank's job time runs from a barrier to the end of the collective, the slowest rank's counts.")
    let (threadsResult, ranksResults) = measureThreadsAndRanks(ranks: workers)
    let threads: JobsMeasurement
    switch threadsResult {
    case .success(let m): threads = m
    case .failure(let f):
      print("The threads child gave no result: \(f.reason)")
      return nil
    }
    var ranks: [Int: JobsMeasurement] = [:]
    for w in workers {
      switch ranksResults[w] {
      case .success(let m)?: ranks[w] = m
      case .failure(let f)?: print("mpirun -n \(w) gave no result: \(f.reason)")
      case nil: break
      }
    }
    let t = Dictionary(uniqueKeysWithValues: threads.times.map { ($0.workers, $0) })
    let r = ranks.mapValues { $0.times[0] }
    report.add(
      Checks.that(
        "threads-and-ranks-same-results", threads.correct && ranks.values.allSatisfy(\.correct),
        expected: "the serial histogram, ids and image from every child",
        got: "threads \(threads.correct ? "equal" : "DIFFERENT"), ranks "
          + ranks.keys.sorted().map { "\($0): \(ranks[$0]!.correct ? "equal" : "DIFFERENT")" }.joined(separator: ", ")))
    print("\n| job | workers | threads: median | speed-up | efficiency | ranks: median | speed-up | efficiency |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    let jobs: [(String, KeyPath<JobTimes, Double>)] = [
      ("histogram", \.histogram), ("culling", \.culling), ("compositing", \.compositing),
    ]
    for (label, key) in jobs {
      for w in workers {
        func cells(_ times: [Int: JobTimes]) -> String {
          guard let one = times[1]?[keyPath: key], let mine = times[w]?[keyPath: key] else { return "— | — | —" }
          let s = one / mine
          return
            "\(Benchmark.describe(seconds: mine)) | \(String(format: "%.2f×", s)) | \(String(format: "%.0f%%", 100 * s / Double(w)))"
        }
        print("| \(label) | \(w) | \(cells(t)) | \(cells(r)) |")
        if let one = r[1]?[keyPath: key], let mine = r[w]?[keyPath: key] {
          report.metric("ranks-\(label)-\(w)-speedup", one / mine, unit: "x")
        }
      }
    }
    print("\n| approach | processes | memory (Pss, summed) | job data allocated per process | job data in all |")
    print("|---|---:|---:|---:|---:|")
    let threadsMemory = threads.memory.reduce(0, +)
    print(
      "| 2 threads | 1 | \(Benchmark.describe(bytes: threadsMemory)) | \(Benchmark.describe(bytes: threads.dataBytes)) | "
        + "\(Benchmark.describe(bytes: threads.dataBytes)) |")
    var ranksMemory: [Int: Int] = [:]
    for w in workers {
      guard let m = ranks[w] else { continue }
      ranksMemory[w] = m.memory.reduce(0, +)
      print(
        "| \(w) rank\(w == 1 ? "" : "s") | \(m.processes) | \(Benchmark.describe(bytes: ranksMemory[w]!)) | "
          + "\(Benchmark.describe(bytes: m.dataBytes)) | \(Benchmark.describe(bytes: m.dataBytes * m.processes)) |")
      report.metric("ranks-\(w)-pss-mb", Double(ranksMemory[w]!) / 1_048_576, unit: "MiB")
    }
    report.metric("threads-pss-mb", Double(threadsMemory) / 1_048_576, unit: "MiB")
    return ThreadsAndRanks(threads: t, ranks: r, threadsMemory: threadsMemory, ranksMemory: ranksMemory)
  }

  /// The `vtkSMPTools` part of the demo: the back end in use, then `vtkFlyingEdges3D` on VTK's
  /// wavelet timed under each back end and thread count.
  static func smpSection(report: inout Report) {
    let env = ProcessInfo.processInfo.environment
    let original = SMPTools.backend
    print(
      "\n5. vtkSMPTools: back end \(original) (VTK_SMP_BACKEND_IN_USE=\(env["VTK_SMP_BACKEND_IN_USE"] ?? "unset"), "
        + "VTK_SMP_MAX_THREADS=\(env["VTK_SMP_MAX_THREADS"] ?? "unset")), estimated threads "
        + "\(SMPTools.estimatedThreads), nested parallelism \(SMPTools.nestedParallelism)")
    let half = 80
    let wavelet = WaveletSource(halfExtent: half)
    let contour = FlyingEdges3D(value: 160)
    contour.setInput(wavelet)
    wavelet.update()
    let side = 2 * half + 1
    print(
      "vtkFlyingEdges3D, iso-value 160, on vtkRTAnalyticSource \(side)³ = \(side * side * side) points "
        + "(its passes 1, 2 and 4 run through vtkSMPTools::For)")
    print("\n| back end | threads asked | estimated threads | median | speed-up vs Sequential | triangles |")
    print("|---|---:|---:|---:|---:|---:|")
    var sequential = Double.nan
    var triangles = Set<Int>()
    for backend in ["Sequential", "STDThread", "TBB"] {
      do {
        try SMPTools.setBackend(backend)
      } catch {
        print("| \(backend) | — | — | not available: \(error) | | |")
        continue
      }
      for threads in backend == "Sequential" ? [1] : [1, 2, 4] {
        SMPTools.initialize(threads: threads)
        let t = Benchmark.measure(runs: 5, warmup: 1) {
          contour.modified()
          contour.update()
        }
        let tris = contour.output?.polygonCount ?? 0
        triangles.insert(tris)
        if backend == "Sequential" { sequential = t.median }
        print(
          "| \(SMPTools.backend) | \(threads) | \(SMPTools.estimatedThreads) | \(t.medianDescription) | "
            + "\(String(format: "%.2f×", sequential / t.median)) | \(tris) |")
        report.metric("flying-edges-\(backend)-\(threads)-ms", t.median * 1e3, unit: "ms")
        fflush(nil)  // TBB writes its warnings to stderr: print each row before them
      }
    }
    report.add(
      Checks.that(
        "flying-edges-same-output", triangles.count == 1, expected: "the same triangles under every back end",
        got: "\(triangles.sorted())"))
    try? SMPTools.setBackend(original)
    SMPTools.initialize()
  }

  /// Code a learner might write: several threads increment one captured array.
  static let racySource = """
    import Dispatch

    func histogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
      var counts = [Int](repeating: 0, count: bins)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        for i in stride(from: t, to: values.count, by: threads) {
          counts[min(Int(values[i] * Float(bins)), bins - 1)] += 1
        }
      }
      return counts
    }

    """

  /// The same loop with the counts in a class marked `@unchecked Sendable`: Swift 6 accepts it,
  /// and it races exactly as before. `@unchecked` (like `nonisolated(unsafe)` on a variable) is a
  /// promise the compiler takes on trust.
  static let uncheckedSource = """
    import Dispatch

    final class Counts: @unchecked Sendable {
      var c: [Int]
      init(_ bins: Int) { c = [Int](repeating: 0, count: bins) }
    }

    func histogram(_ values: [Float], bins: Int, threads: Int) -> [Int] {
      let counts = Counts(bins)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        for i in stride(from: t, to: values.count, by: threads) {
          counts.c[min(Int(values[i] * Float(bins)), bins - 1)] += 1
        }
      }
      return counts.c
    }

    """

  /// Type-checks `source` with `swiftc -swift-version <mode> -typecheck`; nil when swiftc cannot
  /// be run.
  static func typecheck(_ source: String, mode: Int) -> ProcessResult? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chapter19-\(getpid())-\(mode)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("Racy.swift").path
    guard (try? source.write(toFile: file, atomically: true, encoding: .utf8)) != nil else { return nil }
    return try? runProcess("/usr/bin/env", ["swiftc", "-swift-version", "\(mode)", "-typecheck", file], timeout: 120)
  }

  /// The demo's part 6: the racy code through the compiler in both language modes.
  static func swift6Section() {
    print("\n6. The racy histogram as a learner writes it:\n")
    print(
      racySource.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    for (label, source, mode) in [
      ("this code", racySource, 5), ("this code", racySource, 6),
      ("the counts in a class marked @unchecked Sendable", uncheckedSource, 6),
    ] {
      guard let r = typecheck(source, mode: mode) else {
        print("swiftc could not be run; skipped")
        return
      }
      let errors = r.output.split(separator: "\n").filter { $0.contains("error:") }.map { "    " + $0 }
      let ok = r.termination == .exited(0)
      print(
        "swiftc -swift-version \(mode) -typecheck, \(label): "
          + (ok ? "accepted, no diagnostic" : "rejected\n" + errors.prefix(1).joined(separator: "\n")))
    }
  }
}
