import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Builds the mpirun command line and environment for a chapter program. Argument arrays only.
///
/// Settings (see DESIGN.md): `--oversubscribe` so a 2-core laptop can run 4 ranks;
/// `--allow-run-as-root` only when running as root (containers, CI); the ob1 messaging layer
/// with the self, shared-memory (vader) and TCP transports; and `--timeout` a little beyond the
/// runner's own limit, so a job outlives neither the runner nor its limit.
public struct MPIRun: Sendable {
  /// Extra `mpirun` arguments from the user, e.g. `["--hostfile", "hosts"]` to run across machines.
  public var extraArguments: [String] = []

  /// A launcher adding `extraArguments` to every mpirun command line.
  public init(extraArguments: [String] = []) { self.extraArguments = extraArguments }

  /// The arguments after `mpirun` to run `program` on `ranks` processes: the settings above,
  /// `--timeout` of the time limit rounded up plus 10 s, the user's extra arguments, then the
  /// program and its arguments.
  public func arguments(ranks: Int, timeLimit: Double, program: String, programArguments: [String] = []) -> [String] {
    var args: [String] = []
    if getuid() == 0 { args.append("--allow-run-as-root") }
    args += ["--oversubscribe", "-n", String(ranks), "--timeout", String(Int(timeLimit.rounded(.up)) + 10)]
    args += extraArguments
    args.append(program)
    args += programArguments
    return args
  }

  /// The Open MPI settings the workbook chooses (each one only unless the user set it).
  public static let defaults = [
    "OMPI_MCA_pml": "ob1",
    "OMPI_MCA_btl": "self,vader,tcp",
    // Quiet "no protocol specified" and similar notices about unused transports.
    "OMPI_MCA_btl_base_warn_component_unused": "0",
  ]

  /// Settings a job started from inside a rank (a nested mpirun) should inherit: the defaults
  /// above, the shared-memory fallback some containers need, and running as root. Everything
  /// else Open MPI put into a rank's environment belongs to the outer job.
  public static let inheritedSettings: Set<String> = Set(defaults.keys).union([
    "OMPI_MCA_btl_vader_single_copy_mechanism", "OMPI_ALLOW_RUN_AS_ROOT", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM",
  ])

  /// Open MPI settings added to the environment unless the user already chose them. For a job
  /// across hosts, the TCP transports (launch and messages) are pinned to the interfaces through
  /// which this machine reaches those hosts, instead of every interface it has.
  public func environment(_ base: [String: String]) -> [String: String] {
    var env = base
    for (k, v) in MPIRun.defaults where env[k] == nil { env[k] = v }
    if !isLocal {
      let devices = MPIRun.interfaces(reaching: hosts(), path: base["PATH"])
      if !devices.isEmpty {
        let list = devices.joined(separator: ",")
        for key in ["OMPI_MCA_btl_tcp_if_include", "OMPI_MCA_oob_tcp_if_include"] where env[key] == nil {
          env[key] = list
        }
      }
    }
    return env
  }

  /// The hosts named by the user's `--hostfile` (first word of each line, comments skipped) and
  /// `--host` lists.
  public func hosts() -> [String] {
    var hosts: [String] = []
    for (i, arg) in extraArguments.enumerated() where i + 1 < extraArguments.count {
      let value = extraArguments[i + 1]
      if ["--hostfile", "-hostfile", "--machinefile", "-machinefile"].contains(arg),
        let text = try? String(contentsOfFile: value, encoding: .utf8)
      {
        for line in text.split(separator: "\n") {
          let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
          if let host = content.split(separator: " ").first { hosts.append(String(host)) }
        }
      } else if ["--host", "-H", "-host"].contains(arg) {
        hosts += value.split(separator: ",").map { String($0.split(separator: ":").first ?? "") }
      }
    }
    return hosts.filter { !$0.isEmpty }
  }

  /// The network interfaces this machine uses to reach `hosts` (`ip route get`), loopback
  /// included when a host is this machine. Empty when `ip` is missing or nothing resolves.
  public static func interfaces(reaching hosts: [String], path: String?) -> [String] {
    guard ChildProcess.resolve("ip", path: path) != nil else { return [] }
    var devices: [String] = []
    for host in Set(hosts) {
      var hints = addrinfo()
      hints.ai_family = AF_INET
      var list: UnsafeMutablePointer<addrinfo>?
      guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { continue }
      defer { freeaddrinfo(list) }
      var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
      first.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
        var address = sin.pointee.sin_addr
        _ = inet_ntop(AF_INET, &address, &text, socklen_t(INET_ADDRSTRLEN))
      }
      let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard let r = try? runProcess("ip", ["-o", "route", "get", address], timeout: 5), r.termination == .exited(0)
      else {
        continue
      }
      // "10.0.0.7 dev eth0 src 10.0.0.2 uid 0 ..." or "local 127.0.0.1 dev lo ..."
      let words = r.output.split(separator: " ", omittingEmptySubsequences: true)
      if let i = words.firstIndex(of: "dev"), i + 1 < words.count { devices.append(String(words[i + 1])) }
    }
    return Array(Set(devices)).sorted()
  }

  /// Whether the job runs on this machine only: no hostfile or host list among the user's
  /// arguments.
  public var isLocal: Bool {
    !extraArguments.contains {
      ["--hostfile", "-hostfile", "--machinefile", "-machinefile", "--host", "-H", "-host"].contains($0)
    }
  }

  /// The command that starts `executable` with `arguments` off the network when the job is
  /// local: in a network namespace of its own whose only interface is loopback, brought up first
  /// (mpirun's PMIx server needs an address). Open MPI opens listeners on every interface it
  /// finds (mpirun's out-of-band and PMIx ports, each rank's TCP transport); in the namespace
  /// there is nothing but loopback to find, so nobody else on the learner's network can reach
  /// them. Root gets the namespace from `unshare --net`; other users from a user namespace as
  /// well (`--map-root-user`). Unchanged when the job spans hosts or `isolation` is nil.
  public func isolated(_ executable: String, _ arguments: [String], isolation: NetworkIsolation?) -> (
    executable: String, arguments: [String]
  ) {
    guard isLocal, let isolation else { return (executable, arguments) }
    return (
      "unshare",
      isolation.unshareArguments + ["sh", "-c", #"ip link set lo up && exec "$0" "$@""#, executable] + arguments
    )
  }

  /// Ranks reported as crashed, with how: "signal 11 (Segmentation fault)" or "exit code 3".
  /// Reads mpirun's notices and also `srun`'s (`SrunLaunch.crashes(in:)`), so a verdict needs
  /// no word of which launcher ran the job.
  public static func crashes(in output: String) -> [(rank: Int, how: String)] {
    var found: [(Int, String)] = []
    let signalPattern = try! NSRegularExpression(
      pattern: #"process rank (\d+) with PID \d+ on node \S+ exited on signal (\d+) \(([^)]*)\)"#)
    let exitPattern = try! NSRegularExpression(pattern: #"Process name: \[\[\d+,\d+\],(\d+)\]\s+Exit code:\s+(\d+)"#)
    let abortPattern = try! NSRegularExpression(
      pattern: #"MPI_ABORT was invoked on rank (\d+) in communicator \S+\s+with errorcode (\d+)"#)
    let ns = output as NSString
    let range = NSRange(location: 0, length: ns.length)
    for m in signalPattern.matches(in: output, range: range) {
      found.append(
        (
          Int(ns.substring(with: m.range(at: 1)))!,
          "signal \(ns.substring(with: m.range(at: 2))) (\(ns.substring(with: m.range(at: 3))))"
        ))
    }
    for m in abortPattern.matches(in: output, range: range) {
      found.append(
        (Int(ns.substring(with: m.range(at: 1)))!, "MPI_Abort with error code \(ns.substring(with: m.range(at: 2)))"))
    }
    for m in exitPattern.matches(in: output, range: range) {
      found.append((Int(ns.substring(with: m.range(at: 1)))!, "exit code \(ns.substring(with: m.range(at: 2)))"))
    }
    return found + SrunLaunch.crashes(in: output)
  }
}

/// How a local MPI job is kept off the network: a network namespace with only loopback.
public struct NetworkIsolation: Sendable, Equatable {
  /// `unshare`'s options: `--net`, plus `--map-root-user` for a user without root.
  public let unshareArguments: [String]

  /// The isolation this machine allows, tried once per process: nil when `unshare` or `ip` is
  /// missing, or the kernel refuses the namespaces (some containers, or unprivileged user
  /// namespaces switched off). `path` is the PATH to look the tools up in.
  public static func available(path: String?) -> NetworkIsolation? {
    probeLock.lock()
    defer { probeLock.unlock() }
    if let cached = probed { return cached.value }
    let options = getuid() == 0 ? ["--net", "--"] : ["--net", "--map-root-user", "--"]
    var found: NetworkIsolation?
    if ChildProcess.resolve("unshare", path: path) != nil, ChildProcess.resolve("ip", path: path) != nil,
      let r = try? runProcess("unshare", options + ["ip", "link", "set", "lo", "up"], timeout: 10),
      r.termination == .exited(0)
    {
      found = NetworkIsolation(unshareArguments: options)
    }
    probed = .init(value: found)
    return found
  }

  private struct Probe { let value: NetworkIsolation? }
  // Unchecked: read and written only under `probeLock`.
  nonisolated(unsafe) private static var probed: Probe?
  private static let probeLock = NSLock()
}
