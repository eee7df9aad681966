import Foundation
import Imaging
import MPI
import VTK
import WorkbookKit

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 14's demo: who owns what under each decomposition, what that costs in time and in
/// memory, and the manager–worker scheme's chunk size.
extension Chapter14 {
  /// The demo: the decompositions on a picture, their balance predicted and measured, the
  /// dynamic scheme at several chunk sizes, and replicated against partitioned VTK data.
  /// `--bench [--rounds N]` runs the strong-scaling benchmark instead (`bench(_:rounds:_:)`).
  public static func demo() -> Never {
    let arguments = CommandLine.arguments
    Harness.runMPI(chapter: name) { world, report in
      let comm = try world.duplicate()
      if arguments.contains("--bench") {
        let rounds = arguments.firstIndex(of: "--rounds").flatMap { i in
          i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
        }
        try bench(comm, rounds: max(rounds ?? 7, 1), &report)
        return
      }
      // Memory first, while the heap holds nothing the other parts freed (freed memory is
      // reused without growing the resident set, which would hide what the builds take).
      try memory(comm, &report)
      try ownersPicture(comm, &report)
      try predicted(comm, &report)
      try measured(comm, &report)
    }
  }

  /// Rank r's colour in the pictures and tables.
  static let rankColors: [SIMD3<Double>] = [
    SIMD3(0.95, 0.35, 0.25), SIMD3(0.3, 0.75, 0.95), SIMD3(0.4, 0.9, 0.35),
    SIMD3(0.95, 0.8, 0.25), SIMD3(0.8, 0.45, 0.95), SIMD3(0.95, 0.95, 0.95),
  ]

  /// 2. The bunched scene rendered three times, each object in its owner's colour.
  static func ownersPicture(_ comm: Communicator, _ report: inout Report) throws {
    let objects = ParallelScene.objects(count: 300, layout: .bunched)
    let ranks = comm.size
    let kd = KDSplit(points: objects.map(\.center), parts: ranks).parts
    let schemes: [(String, (Int) -> Int)] = [
      ("block", { id in (0..<ranks).first { blockRange(rank: $0, ranks: ranks, count: objects.count).contains(id) }! }),
      ("cyclic", { id in id % ranks }),
      ("k-d", { id in kd.firstIndex { $0.contains(id) }! }),
    ]
    guard comm.rank == 0 else { return }
    let width = 400
    let height = 300
    var picture = RGBAImage(width: width * schemes.count, height: height, fill: RGBA(0, 0, 0))
    for (k, scheme) in schemes.enumerated() {
      let colored = objects.map { o in
        SceneObject(
          id: o.id, center: o.center, radius: o.radius, resolution: o.resolution,
          color: rankColors[scheme.1(o.id) % rankColors.count])
      }
      // Each panel names its scheme, and the first says which colour is which rank.
      var labels = [Labels.topLeft(scheme.0, height: height, bold: true)]
      if k == 0 {
        let owners = (0..<ranks).map { ("rank \($0)", rankColors[$0 % rankColors.count]) }
        labels += Labels.legend(owners, x: Labels.margin, y: height - Labels.margin - 28, fontSize: 14)
      }
      let render = try ParallelScene.render(colored, width: width, height: height, labels: labels)
      // Opaque: the background pixels come back with alpha 0, which viewers show as white.
      picture.paste(render.color.opaque(), x: k * width, y: 0)
    }
    let path = Harness.outputDirectory(chapter: name) + "/owners.png"
    try picture.writePNG(to: path)
    let names = (0..<ranks).map { "rank \($0) \(["red", "blue", "green", "yellow", "violet", "white"][$0 % 6])" }
    print("\n2. The bunched scene (300 objects) split over \(ranks) ranks, each object in its owner's colour")
    print("   (\(names.joined(separator: ", "))); block, cyclic, k-d from left to right: \(path)")
  }

  /// 3. Objects and triangles per rank under each scheme, for the scene in its own order and
  ///    for the same objects sorted by cost: the imbalance predicted from triangle counts.
  static func predicted(_ comm: Communicator, _ report: inout Report) throws {
    guard comm.rank == 0 else { return }
    let ranks = comm.size
    print(
      "\n3. \(skewedCount) objects on \(ranks) ranks: objects and triangles per rank, and the imbalance the triangles predict"
    )
    print("   (max / mean of the ranks' triangles)")
    for (label, objects) in [
      ("scene order (costs random along the list)", ParallelScene.objects(count: skewedCount)),
      ("sorted by cost, heaviest first (the skewed workload)", skewedObjects(count: skewedCount)),
    ] {
      print("   \(label):")
      for (scheme, parts) in staticSchemes(objects, ranks: ranks) {
        let triangles = parts.map { $0.reduce(0) { $0 + objects[$1].triangles } }
        let imbalance = maxOverMean(triangles.map(Double.init))
        print(
          "     " + scheme.padding(toLength: 8, withPad: " ", startingAt: 0)
            + "objects "
            + parts.map { String($0.count) }.joined(separator: " / ").padding(toLength: 24, withPad: " ", startingAt: 0)
            + "triangles "
            + triangles.map(String.init).joined(separator: " / ").padding(toLength: 34, withPad: " ", startingAt: 0)
            + "imbalance " + String(format: "%.2f", imbalance))
        if label.hasPrefix("sorted") { report.metric("predicted-\(scheme)-imbalance", imbalance, unit: "max/mean") }
      }
    }
  }

  /// Task indices per rank under the three static schemes.
  static func staticSchemes(_ objects: [SceneObject], ranks: Int) -> [(String, [[Int]])] {
    [
      ("block", (0..<ranks).map { referenceBlock($0, ranks, objects.count) }),
      ("cyclic", (0..<ranks).map { referenceCyclic($0, ranks, objects.count) }),
      ("k-d", KDSplit(points: objects.map(\.center), parts: ranks).parts),
    ]
  }

  /// One timed run: when each rank finished its share (wall seconds from the common start),
  /// the CPU seconds each rank's tasks took, and the manager's CPU seconds over the whole run
  /// (nil for static schemes).
  struct Run {
    var finish: [Double]
    var busy: [Double]
    var managerCPU: Double?
  }

  /// 4. The skewed workload processed by each static scheme and by the manager–worker scheme
  ///    at several chunk sizes.
  static func measured(_ comm: Communicator, _ report: inout Report) throws {
    let objects = skewedObjects(count: skewedCount)
    let costs = objects.map(\.triangles)
    let ranks = comm.size
    var rows: [(String, [Run])] = []
    for (scheme, parts) in staticSchemes(objects, ranks: ranks) {
      var runs: [Run] = []
      for _ in 0..<3 {
        let (finish, busy) = try runStatic(parts[comm.rank], costs: costs, comm: comm)
        runs.append(Run(finish: try comm.allGather(finish), busy: try comm.allGather(busy)))
      }
      rows.append(("static " + scheme, runs))
    }
    if ranks > 1 {
      // The same tasks heaviest last show what a large final chunk costs.
      let dynamic: [(String, Int, (TaskQueue) throws -> Void, [Int])] = [
        ("dynamic, chunk 1", 1, referenceManager, costs), ("dynamic, chunk 4", 4, referenceManager, costs),
        ("dynamic, chunk 16", 16, referenceManager, costs), ("dynamic, chunk 64", 64, referenceManager, costs),
        ("dynamic, chunk 4, manager sleeps", 4, politeManager, costs),
        ("dynamic, chunk 4, heaviest last", 4, referenceManager, costs.reversed()),
        ("dynamic, chunk 64, heaviest last", 64, referenceManager, costs.reversed()),
      ]
      for (label, chunk, manager, order) in dynamic {
        var runs: [Run] = []
        for _ in 0..<3 {
          let queue = TaskQueue(
            comm: try comm.duplicate(), costs: order, chunkSize: chunk, iterationsPerTriangle: iterationsPerTriangle)
          try comm.barrier()
          queue.startClock()
          let cpu = CPUClock.thread()
          if comm.rank == TaskQueue.manager { try manager(queue) } else { try referenceWorker(queue) }
          let managerCPU = try comm.broadcast(CPUClock.thread() - cpu, root: TaskQueue.manager)
          runs.append(
            Run(
              finish: try comm.allGather(queue.finishSeconds), busy: try comm.allGather(queue.busySeconds),
              managerCPU: managerCPU))
        }
        rows.append((label, runs))
      }
    }
    guard comm.rank == 0 else { return }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    func list(_ values: [Double]) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " ") }
    let totalCPU = (0..<ranks).reduce(0.0) { total, r in total + median(rows[0].1.map { $0.busy[r] }) }
    print(
      "\n4. The skewed workload (\(costs.count) tasks, \(costs.reduce(0, +)) triangles, \(String(format: "%.2f", totalCPU)) s of CPU in all)"
    )
    print(
      "   on \(ranks) ranks and \(ProcessInfo.processInfo.activeProcessorCount) cores, release build; median of 3 runs, each column on its own."
    )
    print("   finish = when each rank was done with its share (s after the common start); time = the last finish;")
    print("   imbalance = max / mean of the finish times (for the dynamic scheme over the workers only: rank 0 hands")
    print("   out work and does none); CPU = each rank's CPU seconds inside its tasks.")
    let w = 10 + 7 * ranks
    print(
      "   " + "scheme".padding(toLength: 34, withPad: " ", startingAt: 0) + "time     imbalance  "
        + "finish per rank (s)".padding(toLength: w, withPad: " ", startingAt: 0)
        + "CPU per rank (s)".padding(toLength: w, withPad: " ", startingAt: 0)
        + "manager CPU")
    for (label, runs) in rows {
      let isDynamic = runs[0].managerCPU != nil
      let finish = (0..<ranks).map { r in median(runs.map { $0.finish[r] }) }
      let busy = (0..<ranks).map { r in median(runs.map { $0.busy[r] }) }
      let time = median(runs.map { $0.finish.max()! })
      let imbalance = median(runs.map { maxOverMean(isDynamic ? Array($0.finish.dropFirst()) : $0.finish) })
      let managerCPU = isDynamic ? String(format: "%.3f s", median(runs.map { $0.managerCPU! })) : ""
      print(
        "   " + label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%.3f s  ", time)
          + String(format: "%.2f", imbalance).padding(toLength: 11, withPad: " ", startingAt: 0)
          + list(finish).padding(toLength: w, withPad: " ", startingAt: 0)
          + list(busy).padding(toLength: w, withPad: " ", startingAt: 0)
          + managerCPU)
      let key = label.replacingOccurrences(of: ", ", with: "-").replacingOccurrences(of: " ", with: "-")
      report.metric("\(key)-time", time, unit: "s")
      report.metric("\(key)-imbalance", imbalance, unit: "max/mean")
    }
    print("   A manager waiting in a blocking receive keeps polling (its CPU seconds above); the sleeping one")
    print("   probes, and sleeps 50 µs between probes while nothing has arrived.")
  }

  /// The reference manager, but it waits for a request by probing and sleeping instead of in a
  /// blocking receive, which in Open MPI polls and keeps a core busy.
  static func politeManager(_ queue: TaskQueue) throws {
    var next = 0
    var working = queue.size - 1
    var request = [Int32(0)]
    while working > 0 {
      while try queue.comm.probeIfAvailable(from: Communicator.anySource, tag: Tag.ask) == nil { usleep(50) }
      let status = try queue.comm.receive(into: &request, from: Communicator.anySource, tag: Tag.ask)
      let end = min(next + queue.chunkSize, queue.count)
      try queue.comm.send([Int64(next), Int64(end)], to: status.source, tag: Tag.chunk)
      if end == next { working -= 1 }
      next = end
    }
  }

  /// Resident memory of this process in bytes (`/proc/self/statm`, second field, in pages).
  static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
  }

  /// Builds every object in `objects` as VTK poly data and keeps it: the KiB VTK reports and
  /// the seconds it took.
  static func build(_ objects: [SceneObject]) -> (data: [PolyData], kib: Int, seconds: Double) {
    let start = Benchmark.now()
    let data: [PolyData] = objects.compactMap { o in
      let source = SphereSource(
        radius: o.radius, center: o.center, thetaResolution: o.resolution, phiResolution: o.resolution)
      source.update()
      return source.output
    }
    return (data, data.reduce(0) { $0 + $1.memoryKiB }, Benchmark.now() - start)
  }

  /// 1. Replicated data (every rank builds every object) against partitioned data (each rank
  ///    only its k-d part), measured with VTK's accounting and the resident set.
  static func memory(_ comm: Communicator, _ report: inout Report) throws {
    let objects = ParallelScene.objects(count: 2000)
    let mine = KDSplit(points: objects.map(\.center), parts: comm.size).parts[comm.rank].map { objects[$0] }
    let before = residentBytes()
    try comm.barrier()
    var partitioned = build(mine)
    let partitionedRSS = residentBytes() - before
    let partitionedKiB = partitioned.kib
    let partitionedSeconds = partitioned.seconds
    partitioned.data = []
    try comm.barrier()
    let replicated = build(objects)
    let replicatedRSS = residentBytes() - before
    let table = try comm.gather([
      Double(mine.count), Double(partitionedKiB), Double(partitionedRSS), partitionedSeconds,
      Double(objects.count), Double(replicated.kib), Double(replicatedRSS), replicated.seconds,
    ])
    guard let all = table else { return }
    let mib = { (bytes: Double) in String(format: "%.1f MiB", bytes / 1_048_576) }
    print(
      "1. \(objects.count) spheres (\(objects.reduce(0) { $0 + $1.triangles }) triangles) as vtkPolyData, each vtkSphereSource's output kept:"
    )
    print("   partitioned (each rank builds its k-d part) against replicated (every rank builds all). VTK = the")
    print("   vtkDataObject::GetActualMemorySize of each, summed; RSS = growth of the resident set since before the")
    print("   first build (/proc/self/statm); time = building them.")
    print(
      "   rank  partitioned: objects  VTK         RSS        time      replicated: objects  VTK         RSS        time"
    )
    for r in 0..<comm.size {
      let v = Array(all[8 * r..<8 * r + 8])
      print(
        "   \(r)     " + String(format: "%19d", Int(v[0])) + "  "
          + mib(v[1] * 1024).padding(toLength: 12, withPad: " ", startingAt: 0)
          + mib(v[2]).padding(toLength: 11, withPad: " ", startingAt: 0) + String(format: "%.3f s   ", v[3])
          + String(format: "%19d", Int(v[4])) + "  "
          + mib(v[5] * 1024).padding(toLength: 12, withPad: " ", startingAt: 0)
          + mib(v[6]).padding(toLength: 11, withPad: " ", startingAt: 0) + String(format: "%.3f s", v[7]))
    }
    let sum = { (k: Int) in (0..<comm.size).reduce(0.0) { $0 + all[8 * $1 + k] } }
    print(
      "   all ranks together: partitioned \(mib(sum(1) * 1024)) (VTK), replicated \(mib(sum(5) * 1024)): \(String(format: "%.2f", sum(5) / max(sum(1), 1)))×"
    )
    report.metric("partitioned-kib-rank0", all[1], unit: "KiB")
    report.metric("replicated-kib-rank0", all[5], unit: "KiB")
    _ = replicated.data.count
  }
}
