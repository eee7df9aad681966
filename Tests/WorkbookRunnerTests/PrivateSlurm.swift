import Foundation
import Launch
import Testing
import WorkbookTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A single-node Slurm of the tests' own: munge, slurmctld and slurmd on 127.0.0.1 as the user
/// running the tests, every file under one fresh folder in /tmp, ports nobody else holds, so
/// that it disturbs no real cluster and two test runs do not meet (recipe: DESIGN.md, "Slurm on
/// one machine"). The daemons run in the foreground as children of the test process, each in a
/// session of its own; `stop()` ends them by pid, then deletes the folder.
///
/// Unchecked Sendable: it is shared with the tests through a task-local value, which only reads
/// its constants; the daemons are started and stopped by the one scope that owns it.
final class PrivateSlurm: @unchecked Sendable {
  /// The Slurm packages, as Debian names them.
  static let packages = "slurmctld slurmd slurm-client munge"

  /// The folder holding configuration, keys, sockets, state, spool and logs.
  let folder: String
  /// The `slurm.conf` every Slurm command must be pointed at.
  let configuration: String
  /// The node's name (this machine's short host name).
  let node: String
  private var daemons: [(name: String, process: ChildProcess)] = []

  /// The cluster of the suite running now (see `PrivateSlurmScope`).
  @TaskLocal static var current: PrivateSlurm?

  /// The environment for Slurm commands and the runner: this process's, with SLURM_CONF set
  /// and no variable of an outer Slurm job (the tests themselves may run in one).
  var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
    env["SLURM_CONF"] = configuration
    env["PATH"] = PrivateSlurm.path
    return env
  }

  /// PATH with the sbin folders, where Debian puts the daemons (a user's PATH lacks them).
  static let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"

  private init(folder: String, node: String) {
    self.folder = folder
    configuration = folder + "/slurm.conf"
    self.node = node
  }

  /// Starts the cluster and waits until its node is idle.
  /// - Throws: when a package is missing (naming the packages), or a daemon does not come up
  ///   (with the end of its log). Whatever was started is stopped first.
  /// The programs the private cluster needs.
  static let tools = ["munged", "mungekey", "slurmctld", "slurmd", "srun", "sbatch", "squeue", "scancel", "sinfo"]

  /// Whether every one of `tools` is installed; suites skip without them (CI installs them).
  static var isInstalled: Bool { tools.allSatisfy { ChildProcess.resolve($0, path: path) != nil } }

  static func start() throws -> PrivateSlurm {
    let missing = tools.filter { ChildProcess.resolve($0, path: path) == nil }
    guard missing.isEmpty else {
      throw LaunchError(
        "Slurm is not installed (\(missing.joined(separator: ", ")) not found): "
          + "sudo apt-get install --no-install-recommends \(packages)  (./workbook setup installs them)")
    }
    var host = [CChar](repeating: 0, count: 256)
    gethostname(&host, host.count)
    let node = String(cString: host).split(separator: ".").first.map(String.init) ?? "localhost"
    let folder = "/tmp/wb-slurm-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    let cluster = PrivateSlurm(folder: folder, node: node)
    do {
      try cluster.prepare()
      try cluster.launch()
    } catch {
      cluster.stop()
      throw error
    }
    return cluster
  }

  /// The folders (munge insists on private key and public socket folders) and the key.
  private func prepare() throws {
    let fm = FileManager.default
    for (sub, mode) in [("munge", 0o700), ("run", 0o755), ("state", 0o700), ("spool", 0o755), ("log", 0o755)] {
      try fm.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
      chmod(folder + "/" + sub, mode_t(mode))
    }
    let key = try runProcess(
      "mungekey", ["-c", "-k", folder + "/munge/munge.key"], environment: environment, timeout: 30)
    guard key.termination == .exited(0) else { throw LaunchError("mungekey failed: \(key.output)") }
    let ports = try PrivateSlurm.freePorts(2)
    try configurationText(controllerPort: ports[0], nodePort: ports[1])
      .write(toFile: configuration, atomically: true, encoding: .utf8)
  }

  /// slurm.conf: the essentials DESIGN.md lists. CPUs=4 with config_overrides lets 4 tasks run
  /// on a 2-core machine (else a 4-task job pends forever); EnforcePartLimits makes a request
  /// too large fail at once.
  private func configurationText(controllerPort: Int, nodePort: Int) -> String {
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    return """
      ClusterName=workbooktest
      SlurmctldHost=\(node)(127.0.0.1)
      SlurmctldPort=\(controllerPort)
      SlurmdPort=\(nodePort)
      SlurmUser=\(user)
      SlurmdUser=\(user)
      AuthType=auth/munge
      AuthInfo=socket=\(folder)/run/munge.socket
      StateSaveLocation=\(folder)/state
      SlurmdSpoolDir=\(folder)/spool
      SlurmctldPidFile=\(folder)/run/slurmctld.pid
      SlurmdPidFile=\(folder)/run/slurmd.pid
      SlurmctldLogFile=\(folder)/log/slurmctld.log
      SlurmdLogFile=\(folder)/log/slurmd.log
      ProctrackType=proctrack/linuxproc
      TaskPlugin=task/none
      MpiDefault=pmix
      SelectType=select/cons_tres
      SelectTypeParameters=CR_Core
      SlurmdParameters=config_overrides
      EnforcePartLimits=ALL
      SchedulerParameters=batch_sched_delay=0
      AccountingStorageType=accounting_storage/none
      JobCompType=jobcomp/none
      ReturnToService=2
      NodeName=\(node) NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
      PartitionName=debug Nodes=\(node) Default=YES MaxTime=INFINITE State=UP

      """
  }

  /// Starts munged, slurmctld and slurmd in the foreground, then polls `sinfo` until the node
  /// is idle (20 s at most).
  private func launch() throws {
    let munge = folder + "/munge"
    try start(
      "munged",
      [
        "--foreground", "--socket=\(folder)/run/munge.socket", "--key-file=\(munge)/munge.key",
        "--pid-file=\(folder)/run/munged.pid", "--seed-file=\(munge)/seed", "--log-file=\(folder)/log/munged.log",
      ], ready: { FileManager.default.fileExists(atPath: self.folder + "/run/munge.socket") })
    try start("slurmctld", ["-D", "-f", configuration], ready: { self.sinfo() != nil })
    try start("slurmd", ["-D", "-f", configuration], ready: { self.sinfo() == "idle" })
  }

  private func start(_ daemon: String, _ arguments: [String], ready: () -> Bool) throws {
    let log = folder + "/log/\(daemon).out"
    let process = try ChildProcess(daemon, arguments, environment: environment, stdout: .file(log), stderr: .file(log))
    daemons.append((daemon, process))
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if ready() { return }
      if process.hasEnded { break }
      usleep(20_000)
    }
    let tail = [log, folder + "/log/\(daemon).log"].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
      .joined(separator: "\n").suffix(2000)
    throw LaunchError("\(daemon) did not come up in \(folder):\n\(tail)")
  }

  /// The node's state as `sinfo` prints it ("idle", "alloc", ...), nil when the controller does
  /// not answer.
  func sinfo() -> String? {
    guard let r = try? runProcess("sinfo", ["--noheader", "--format=%t"], environment: environment, timeout: 10),
      r.termination == .exited(0)
    else { return nil }
    return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Every job ("id name state") and step ("id name") `squeue` lists, one per line; a step has
  /// no state field in squeue (`%T` is an error there).
  func queue() -> [String] {
    var lines: [String] = []
    for arguments in [["--format=%i %j %T"], ["--steps", "--format=%i %j"]] {
      let r = try? runProcess("squeue", ["--noheader"] + arguments, environment: environment, timeout: 10)
      // A failing squeue must not pass for an empty queue.
      guard let r, r.termination == .exited(0) else {
        lines.append("squeue \(arguments) failed: \(r?.output ?? "did not start")")
        continue
      }
      lines += r.output.split(separator: "\n").map(String.init)
    }
    return lines
  }

  /// `scontrol show job` for every job Slurm still remembers (ended ones included, for a few
  /// minutes), one line each.
  func jobs() -> [String] {
    let r = try? runProcess("scontrol", ["show", "job", "--oneliner"], environment: environment, timeout: 10)
    return (r?.output ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("JobId=") }
  }

  /// Cancels whatever still runs, ends the daemons by pid (SIGTERM, SIGKILL after 10 s), and
  /// deletes the folder.
  func stop() {
    if daemons.count == 3 { _ = try? runProcess("scancel", ["--me"], environment: environment, timeout: 10) }
    for (_, process) in daemons.reversed() { process.terminateSession(grace: 10) }
    daemons = []
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Processes still running from this cluster: its daemons (their command lines name the
  /// folder) and any `slurmstepd` left by its node.
  func leftovers() -> [Int32] {
    TestSupport.processes(matching: folder) + TestSupport.processes(matching: "slurmstepd: [")
  }

  /// `count` TCP ports free on 127.0.0.1 now: each bound to port 0 and let go.
  static func freePorts(_ count: Int) throws -> [Int] {
    var ports: [Int] = []
    var sockets: [Int32] = []
    defer { sockets.forEach { close($0) } }
    for _ in 0..<count {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      guard fd >= 0 else { throw LaunchError("socket: \(String(cString: strerror(errno)))") }
      sockets.append(fd)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = 0
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
      }
      guard bound else { throw LaunchError("bind: \(String(cString: strerror(errno)))") }
      ports.append(Int(UInt16(bigEndian: address.sin_port)))
    }
    return ports
  }
}

/// Runs a suite inside a private Slurm (`PrivateSlurm.current`), started once before its first
/// test and stopped after its last, also when a test fails. Suites using it also carry
/// `.enabled(if: PrivateSlurm.isInstalled, …)`, so without Slurm they are skipped with the
/// reason; CI installs it (`./workbook setup`).
struct PrivateSlurmScope: SuiteTrait, TestScoping {
  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    let cluster = try PrivateSlurm.start()
    defer {
      cluster.stop()
      let left = cluster.leftovers()
      if !left.isEmpty { Issue.record("processes left running by the private Slurm: \(left)") }
    }
    try await PrivateSlurm.$current.withValue(cluster) { try await function() }
  }
}

extension Trait where Self == PrivateSlurmScope {
  /// A private single-node Slurm around the suite.
  static var privateSlurm: Self { Self() }
}
