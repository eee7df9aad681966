import Foundation
import Launch
import MPI
import WorkbookContract
import WorkbookKit

// Threads against MPI ranks: the demo runs this program again, once as a plain process whose
// threads do the three jobs, and once per rank count under mpirun, each rank holding all the
// data (replicated) and doing its own part, the parts combined with a collective. Each child
// prints one line of JSON that the demo reads.

extension Chapter19 {
  /// Median seconds of the three jobs for one number of workers (threads or ranks).
  struct JobTimes: Codable, Sendable {
    var workers: Int
    var histogram: Double
    var culling: Double
    var compositing: Double
  }

  /// What one child measured: the times, how many processes held the data, and their memory.
  struct JobsMeasurement: Codable, Sendable {
    /// "threads" or "ranks".
    var approach: String
    var times: [JobTimes]
    /// Processes that ran (1 for threads, the rank count for ranks).
    var processes: Int
    /// Proportional set size (`Pss` in /proc/self/smaps_rollup, shared pages divided among the
    /// processes sharing them) of each process while its data was alive, in bytes.
    var memory: [Int]
    /// Bytes of job data (values, boxes, images, output) each process allocated.
    var dataBytes: Int
    /// Whether every result equalled the serial one.
    var correct: Bool
  }

  /// Tag of the child's result line.
  static let resultTag = "CH19-RESULT "
  /// Images in the compositing job: 4 full-HD partial images, 66 MB of colour and depth.
  static let compositingImageCount = 4
  /// Timed runs per job in the children (after 2 warm-ups).
  static let childRuns = 7

  /// This process's proportional set size in bytes (`Pss:` of /proc/self/smaps_rollup; `VmRSS`
  /// of /proc/self/status where that file is missing); 0 when neither can be read.
  static func proportionalSetBytes() -> Int {
    func field(_ name: String, in path: String) -> Int? {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
        let kB = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) })
      else { return nil }
      return kB * 1024
    }
    return field("Pss:", in: "/proc/self/smaps_rollup") ?? field("VmRSS:", in: "/proc/self/status") ?? 0
  }

  /// The data every process of the comparison builds: the histogram's values, the images to
  /// composite, the culling camera's planes. The scene's boxes are made when a `CullingJob` is
  /// built and not kept, so that only the job's own arrays count in the memory measured.
  struct JobData {
    let values: [Float]
    let planes: [SIMD4<Float>]
    let images: [Chapter16.Pixels]

    init() {
      values = Chapter19.makeValues(count: Chapter19.speedValues)
      planes = Frustum(viewProjection: Chapter06.sceneCamera.viewProjection(aspect: Chapter06.aspect)).floatPlanes
      images = Chapter19.compositingImages(count: Chapter19.compositingImageCount)
    }

    /// The culling scene, made afresh (the same boxes every time).
    static func boxes() -> [AABB] { Chapter06.makeBoxes(count: 1_000_000) }

    /// The ids the serial cull keeps.
    func serialKept() -> Set<Int> { Set(BoxBatch(JobData.boxes()).cull(planes).map(Int.init)) }

    /// Bytes of the values and images (the boxes are counted in their `CullingJob`).
    var bytes: Int { values.count * 4 + images.reduce(0) { $0 + $1.count * 8 } }
  }

  /// `--child-threads`: the three jobs with 2, 1 and 4 threads in this one process. The memory is
  /// read with 2 threads, first, while nothing but the job's data has been allocated; the serial
  /// results the jobs are compared with are computed after it.
  static func threadsChild() -> Never {
    let data = JobData()
    var times: [JobTimes] = []
    var memory = 0
    var dataBytes = 0
    var results: [(counts: [Int], kept: Set<Int>, image: Int)] = []
    for w in [2, 1, 4] {
      let job = CullingJob(boxes: JobData.boxes(), workers: w)
      defer { job.free() }
      var counts: [Int] = []
      var kept: [Int] = []
      var image = Chapter16.Pixels(count: 0)
      let h = Benchmark.measure(runs: childRuns, warmup: 2) {
        counts = partialsHistogram(data.values, bins: speedBins, threads: w)
      }
      let c = Benchmark.measure(runs: childRuns, warmup: 2) { kept = job.cull(data.planes, selectiveFirst: true) }
      let z = Benchmark.measure(runs: childRuns, warmup: 2) {
        compositeThreaded(data.images, workers: w, into: &image)
      }
      if w == 2 {
        memory = proportionalSetBytes()
        dataBytes = data.bytes + job.bytes + image.count * 8
      }
      results.append((counts, job.ids(kept: kept), fingerprint(image)))
      times.append(JobTimes(workers: w, histogram: h.median, culling: c.median, compositing: z.median))
    }
    let serialCounts = serialHistogram(data.values, bins: speedBins)
    let serialKept = data.serialKept()
    let serialImage = fingerprint(Chapter16.serialComposite(data.images))
    let correct = results.allSatisfy { $0.counts == serialCounts && $0.kept == serialKept && $0.image == serialImage }
    emit(
      JobsMeasurement(
        approach: "threads", times: times.sorted { $0.workers < $1.workers }, processes: 1, memory: [memory],
        dataBytes: dataBytes, correct: correct))
  }

  /// A hash of every colour and depth of `pixels`: equal images give equal values within one
  /// process (Swift seeds its hashing per process).
  static func fingerprint(_ pixels: Chapter16.Pixels) -> Int {
    var h = Hasher()
    h.combine(pixels.color)
    h.combine(pixels.depth)
    return h.finalize()
  }

  /// `--child-ranks` under mpirun: every rank builds all the data, does part `rank` of each job
  /// on one thread, and the parts meet at rank 0 (the histogram by `allReduce`, the kept ids
  /// and the image strips by `gatherVarying`). A job's time is the slowest rank's, from a
  /// barrier to the end of the collective.
  static func ranksChild() -> Never {
    let result: JobsMeasurement?
    do {
      result = try Environment.run { env -> JobsMeasurement? in
        let world = env.world
        let (p, r) = (world.size, world.rank)
        let data = JobData()
        let job = CullingJob(boxes: JobData.boxes(), workers: p)
        defer { job.free() }
        var image = Chapter16.Pixels(count: data.images[0].count)
        let strips = chunks(count: image.count, parts: p)
        let slice = chunks(count: data.values.count, parts: p)[r]

        var counts: [Int] = []
        let h = try timeRanks(world) {
          var local = [Int](repeating: 0, count: speedBins)
          data.values.withUnsafeBufferPointer { v in
            local.withUnsafeMutableBufferPointer { count(v, slice, bins: speedBins, into: $0.baseAddress!) }
          }
          counts = try world.allReduce(local, op: .sum)
        }
        var allIds: [[Int32]]?
        let c = try timeRanks(world) {
          let n = job.cullPart(r, data.planes, selectiveFirst: true)
          allIds = try world.gatherVarying(job.ids(part: r, kept: n))
        }
        var colors: [[UInt32]]?
        var depths: [[Float]]?
        let z = try timeRanks(world) {
          image.color.withUnsafeMutableBufferPointer { col in
            image.depth.withUnsafeMutableBufferPointer { dep in
              compositeStrip(data.images, strips[r], color: col.baseAddress!, depth: dep.baseAddress!)
            }
          }
          colors = try world.gatherVarying(Array(image.color[strips[r]]))
          depths = try world.gatherVarying(Array(image.depth[strips[r]]))
        }
        let memory = try world.gather(proportionalSetBytes())
        guard r == 0, let allIds, let colors, let depths, let memory else { return nil }
        let merged = Chapter16.Pixels(color: colors.flatMap { $0 }, depth: depths.flatMap { $0 })
        let correct =
          counts == serialHistogram(data.values, bins: speedBins) && merged == Chapter16.serialComposite(data.images)
          && Set(allIds.joined().map(Int.init)) == data.serialKept()
        return JobsMeasurement(
          approach: "ranks", times: [JobTimes(workers: p, histogram: h, culling: c, compositing: z)],
          processes: p, memory: memory, dataBytes: data.bytes + job.bytes + image.count * 8, correct: correct)
      }
    } catch {
      print("rank error: \(error)")
      exit(1)
    }
    // After MPI_Finalize, so that mpirun sees every rank end normally.
    if let result { emit(result) }
    exit(0)
  }

  /// Median over `childRuns` runs (after 2 warm-ups) of the slowest rank's time for `body`,
  /// each run starting at a barrier.
  static func timeRanks(_ world: Communicator, _ body: () throws -> Void) throws -> Double {
    var samples: [Double] = []
    for run in 0..<(childRuns + 2) {
      try world.barrier()
      let start = Environment.wtime()
      try body()
      let slowest = try world.allReduce(Environment.wtime() - start, op: .max)
      if run >= 2 { samples.append(slowest) }
    }
    return Timings(samples: samples).median
  }

  /// Prints the child's result line and exits.
  static func emit(_ m: JobsMeasurement) -> Never {
    let json = (try? JSONEncoder().encode(m)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    print(resultTag + json)
    fflush(nil)
    exit(0)
  }

  /// The path of this program, for the children.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// This environment without what belongs to the runner (its report, run directory and call
  /// board: a child's writes there would land in this demo's report) or to an outer MPI job,
  /// plus the workbook's Open MPI settings.
  static var childEnvironment: [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { key, _ in
      MPIRun.inheritedSettings.contains(key)
        || !(key.hasPrefix("OMPI_") || key.hasPrefix("PMIX_") || key.hasPrefix("OPAL_") || key.hasPrefix("ORTE_")
          || key == HarnessEnvironment.report || key == HarnessEnvironment.runDirectory
          || key == HarnessEnvironment.calls)
    }
    for (k, v) in MPIRun.defaults where env[k] == nil { env[k] = v }
    return env
  }

  /// Runs a child and reads its result line, or says why there is none.
  static func runChild(_ executable: String, _ arguments: [String]) -> Result<JobsMeasurement, ChildFailure> {
    guard let r = try? runProcess(executable, arguments, environment: childEnvironment, timeout: 60, newSession: false)
    else { return .failure(ChildFailure(reason: "\(executable) could not be started")) }
    guard let line = r.output.split(separator: "\n").first(where: { $0.hasPrefix(resultTag) }),
      let m = try? JSONDecoder().decode(JobsMeasurement.self, from: Data(line.dropFirst(resultTag.count).utf8))
    else {
      let tail = r.output.split(separator: "\n").suffix(3).joined(separator: " / ")
      return .failure(ChildFailure(reason: "\(r.termination.map { "\($0)" } ?? "timed out"): \(tail)"))
    }
    return .success(m)
  }

  /// Why a child gave no result.
  struct ChildFailure: Error {
    var reason: String
  }

  /// The threads child and one mpirun job per rank count in `ranks`.
  static func measureThreadsAndRanks(ranks: [Int]) -> (
    threads: Result<JobsMeasurement, ChildFailure>, ranks: [Int: Result<JobsMeasurement, ChildFailure>]
  ) {
    let exe = executable
    let threads = runChild(exe, ["--child-threads"])
    var out: [Int: Result<JobsMeasurement, ChildFailure>] = [:]
    for p in ranks {
      var args = ["--oversubscribe", "-n", String(p), "--timeout", "60", exe, "--child-ranks"]
      if getuid() == 0 { args.insert("--allow-run-as-root", at: 0) }
      out[p] = runChild("/usr/bin/env", ["mpirun"] + args)
    }
    return (threads, out)
  }
}
