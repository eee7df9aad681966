import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// IceT 2.2, ParaView's compositing library, run on the images the workbook's own compositing
/// benchmark uses, for `workbook bench` to print beside it (chapters with `bench_icet = true`).
///
/// The libraries come from Debian's ParaView 5.11 packages, fetched with `apt-get download` and
/// unpacked with `dpkg -x` into `third_party/paraview-5.11` (git-ignored): installing them
/// would pull `python3-paraview`, which conflicts with `python3-vtk9`, and apt would remove
/// `libvtk9-dev`. `Benchmarks/IceT/icet_bench.c` is built with the toolchain's clang into a
/// program of its own, so ParaView's libraries never share a process with VTK 9.1.
public struct IceTBench: Sendable {
  /// The Debian packages holding IceT's libraries (`paraview`) and headers (`paraview-dev`).
  public static let packages = ["paraview", "paraview-dev"]

  /// One strategy's result at one coverage and rank count, as the program prints it.
  public struct Result: Equatable, Sendable {
    /// IceT's single-image strategy ("BSWAP", "RADIXK", "TREE"), or "COPY" for the floor: one
    /// memcpy of a rank's image in the same program.
    public var strategy: String
    /// Percent of each rank's pixels covered (30 or 100).
    public var coverage: Int
    /// The number of MPI processes.
    public var ranks: Int
    /// Median over frames of the slowest rank's seconds.
    public var seconds: Double
    /// The most `ICET_BYTES_SENT` of any rank in the median frame.
    public var bytes: Int

    /// A result from its parts.
    public init(strategy: String, coverage: Int, ranks: Int, seconds: Double, bytes: Int) {
      self.strategy = strategy
      self.coverage = coverage
      self.ranks = ranks
      self.seconds = seconds
      self.bytes = bytes
    }
  }

  /// The project whose `third_party/` and build folder are used.
  public let project: Project

  /// IceT for `project`.
  public init(project: Project) { self.project = project }

  /// Where the packages are unpacked.
  public var prefix: String { project.root + "/third_party/paraview-5.11" }
  /// IceT's headers inside `prefix`.
  public var includeDirectory: String { prefix + "/usr/include/paraview-5.11/vtkicet/src/include" }
  /// The folder holding `libvtkIceTCore-pv5.11.so`, or nil before the packages are unpacked.
  public var libraryDirectory: String? {
    let lib = prefix + "/usr/lib"
    let candidates =
      [lib] + ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).sorted().map { lib + "/" + $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/libvtkIceTCore-pv5.11.so") }
  }
  /// The benchmark's C source.
  public var source: String { project.root + "/Benchmarks/IceT/icet_bench.c" }
  /// The built program.
  public var program: String { project.binDirectory + "/icet-bench" }

  /// Makes sure the program is built, fetching and unpacking the packages first when they are
  /// missing; `say` gets one line per step that takes time. Throws with the reason when IceT
  /// cannot be had (no network, no `apt-get`, no compiler).
  public func prepare(say: (String) -> Void) throws {
    if libraryDirectory == nil || !FileManager.default.fileExists(atPath: includeDirectory + "/IceT.h") {
      say(
        "IceT is not here yet: fetching Debian's ParaView 5.11 packages (about 73 MB) with apt-get download and "
          + "unpacking them into third_party/paraview-5.11 (nothing is installed)")
      try fetch()
    }
    if !isBuilt { try build() }
  }

  /// Whether `program` exists and is newer than `source`.
  var isBuilt: Bool {
    let fm = FileManager.default
    guard let built = (try? fm.attributesOfItem(atPath: program))?[.modificationDate] as? Date,
      let written = (try? fm.attributesOfItem(atPath: source))?[.modificationDate] as? Date
    else { return false }
    return built > written
  }

  /// `apt-get download` into a scratch folder, `dpkg -x` into a folder beside `prefix`, then
  /// one rename: an interrupted fetch never leaves a half-unpacked `prefix`.
  func fetch() throws {
    for tool in ["apt-get", "dpkg"] where ChildProcess.resolve(tool) == nil {
      throw LaunchError("`\(tool)` is missing: IceT comes from Debian's packages")
    }
    let scratch = NSTemporaryDirectory() + "workbook-icet-\(getpid())"
    let partial = prefix + ".partial-\(getpid())"
    defer {
      try? FileManager.default.removeItem(atPath: scratch)
      try? FileManager.default.removeItem(atPath: partial)
    }
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
    let download = try runProcess("apt-get", ["download"] + Self.packages, workingDirectory: scratch, timeout: 900)
    guard download.termination == .exited(0) else {
      throw LaunchError(
        "apt-get download \(Self.packages.joined(separator: " ")) failed:\n\(download.output.suffix(1500))")
    }
    let debs = try FileManager.default.contentsOfDirectory(atPath: scratch).filter { $0.hasSuffix(".deb") }
    guard debs.count == Self.packages.count else { throw LaunchError("apt-get download left \(debs)") }
    for deb in debs {
      let unpack = try runProcess("dpkg", ["-x", scratch + "/" + deb, partial], timeout: 600)
      guard unpack.termination == .exited(0) else {
        throw LaunchError("dpkg -x \(deb) failed:\n\(unpack.output.suffix(1500))")
      }
    }
    try? FileManager.default.removeItem(atPath: prefix)
    try FileManager.default.moveItem(atPath: partial, toPath: prefix)
  }

  /// Debian's Open MPI folder, /usr/lib/<multiarch>/openmpi, and the multiarch triple
  /// (x86_64-linux-gnu, aarch64-linux-gnu, …), found rather than assumed; nil when absent.
  static var systemOpenMPI: (folder: String, triple: String)? {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? []
    return names.sorted().lazy.map { ("/usr/lib/\($0)/openmpi", $0) }.first {
      FileManager.default.fileExists(atPath: $0.0 + "/lib/libmpi.so")
    }
  }

  /// Compiles `source` with clang (the Swift toolchain's, else the system's `cc`) against
  /// IceT and the system's Open MPI, with an rpath to the unpacked libraries.
  func build() throws {
    guard let lib = libraryDirectory else { throw LaunchError("IceT's libraries are not under \(prefix)") }
    guard let compiler = ["clang", "cc"].first(where: { ChildProcess.resolve($0) != nil }) else {
      throw LaunchError("no C compiler (clang or cc) to build \(source)")
    }
    guard let (mpi, triple) = Self.systemOpenMPI else {
      throw LaunchError(
        "the system's Open MPI is not under /usr/lib/<multiarch>/openmpi: sudo apt-get install libopenmpi-dev")
    }
    let include = ["/usr/include/\(triple)/openmpi", mpi + "/include"].filter {
      FileManager.default.fileExists(atPath: $0 + "/mpi.h")
    }
    let args =
      ["-O2", "-std=c11", "-I", includeDirectory] + include.flatMap { ["-I", $0] }
      + [
        source, "-o", program, "-L", lib, "-lvtkIceTMPI-pv5.11", "-lvtkIceTCore-pv5.11", "-L", mpi + "/lib", "-lmpi",
        "-Wl,-rpath," + lib,
      ]
    let r = try runProcess(compiler, args, timeout: 300)
    guard r.termination == .exited(0) else {
      throw LaunchError("\(compiler) could not build \(source):\n\(r.output.suffix(3000))")
    }
  }

  /// Runs the program on `ranks` processes with `launcher` (off the network when it is a local
  /// mpirun job, as chapter programs run) and returns its results; throws when it fails.
  public func run(
    ranks: Int, launcher: any Launcher, timeLimit: Double, width: Int = 1920, height: Int = 1080, frames: Int = 21
  ) throws -> [Result] {
    let env = ProcessInfo.processInfo.environment
    let command = launcher.command(
      ranks: ranks, timeLimit: timeLimit, program: program, programArguments: ["\(width)", "\(height)", "\(frames)"],
      environment: env)
    let isolated =
      (launcher as? MPIRun)?.isolated(
        command.executable, command.arguments, isolation: NetworkIsolation.available(path: env["PATH"]))
      ?? (executable: command.executable, arguments: command.arguments)
    let r = try runProcess(
      isolated.executable, isolated.arguments, environment: command.environment, timeout: timeLimit)
    _ = command.cleanUp()
    let results = Self.parse(r.output)
    guard r.termination == .exited(0), !results.isEmpty else {
      throw LaunchError(
        "icet-bench on \(ranks) ranks ended with \(String(describing: r.termination)):\n\(r.output.suffix(2000))")
    }
    return results
  }

  /// The `RESULT key=value ...` lines of the program's output; other lines are skipped.
  public static func parse(_ output: String) -> [Result] {
    output.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("RESULT ") else { return nil }
      var fields: [String: String] = [:]
      for pair in line.dropFirst(7).split(separator: " ") {
        let kv = pair.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
      }
      guard let strategy = fields["strategy"], let coverage = fields["coverage"].flatMap({ Int($0) }),
        let ranks = fields["ranks"].flatMap({ Int($0) }), let seconds = fields["seconds"].flatMap({ Double($0) }),
        let bytes = fields["bytes"].flatMap({ Int($0) })
      else { return nil }
      return Result(strategy: strategy, coverage: coverage, ranks: ranks, seconds: seconds, bytes: bytes)
    }
  }
}
