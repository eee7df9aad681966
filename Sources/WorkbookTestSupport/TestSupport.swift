import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

/// What the workbook's test suites share: where the project and its built programs are, how to
/// start a program under mpirun with the runner's own Open MPI settings, and which processes
/// are still running.
public enum TestSupport {
  /// The project's root folder (the one holding Package.swift), from this file's place in it.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// The folder of the built programs: the one the test bundle itself was built into, so the
  /// tests follow whatever build folder and configuration `swift test` used.
  public static let binDirectory: String = {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    // swift test runs `<bin>/<Package>PackageTests.xctest`; a bundle would be a folder in <bin>.
    var dir = me.deletingLastPathComponent()
    if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
    return dir.path
  }()

  /// The path of a built program, e.g. `program("mpi-selftest")`.
  public static func program(_ name: String) -> String { binDirectory + "/" + name }

  /// The report fixture's chapters (Tests/ReportFixtures): three real ones with plots and a
  /// made-up chapter 42 that proves a new chapter needs no code; paths relative to `root`.
  public static let reportFixtureChapterFiles = [
    "lessons/06-frustum-culling/chapter.toml", "lessons/09-point-to-point/chapter.toml",
    "lessons/16-sort-last/chapter.toml", "Tests/ReportFixtures/42-new-chapter.toml",
  ]

  /// The environment without any display, as on a fresh server or in CI.
  public static func headlessEnvironment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["DISPLAY"] = nil
    env["WAYLAND_DISPLAY"] = nil
    return env
  }

  /// Runs `program` on `ranks` processes under mpirun, with exactly the arguments and Open MPI
  /// settings the runner uses (`MPIRun`), stopped after `timeout` seconds.
  public static func mpirun(
    _ ranks: Int, _ program: String, _ arguments: [String] = [], timeout: Double = 180,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> ProcessResult {
    let launcher = MPIRun()
    return try runProcess(
      "mpirun", launcher.arguments(ranks: ranks, timeLimit: timeout, program: program, programArguments: arguments),
      environment: launcher.environment(environment), timeout: timeout)
  }

  /// Process ids of this machine's processes whose command line contains `fragment`, zombies
  /// and this process excluded: what a test looks at to prove nothing was left running.
  public static func processes(matching fragment: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
      guard let pid = Int32(entry), pid != getpid(),
        let cmd = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].split(separator: " ").first != "Z"
      else { return nil }
      let text = String(decoding: cmd.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
      return text.contains(fragment) ? pid : nil
    }
  }
}
