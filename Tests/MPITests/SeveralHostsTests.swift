import Foundation
import Launch
import Testing
import WorkbookTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Sort-last compositing across "hosts" made on this machine: network namespaces joined by veth
/// pairs to a bridge, addresses from 198.18.0.0/15 (the range reserved for benchmark networks),
/// ranks launched into them by mpirun through a remote-launch agent that enters the namespace
/// instead of using ssh. The composite must equal the one-host composite byte for byte, and the
/// bytes each host's link carried must match what the algorithm sends between hosts, plus no
/// more than the protocols' overhead.
@Suite(
  .serialized,
  .enabled(if: VirtualHosts.unavailable == nil, "\(VirtualHosts.unavailable ?? "")")
) struct SeveralHostsTests {
  static let width = 1920, height = 1080, bytesPerPixel = 8
  var pixels: Int { Self.width * Self.height }

  @Test func binarySwapOnTwoHostsEqualsOneHostAndSendsHalfAnImagePerRankBetweenThem() throws {
    let hosts = try VirtualHosts(count: 2)
    defer { hosts.remove() }
    let one = try hosts.composite(ranks: 4, algorithm: "binary-swap", onHosts: false)
    let (two, traffic) = try hosts.compositeMeasured(ranks: 4, algorithm: "binary-swap")
    #expect(two == one, "the pieces differ between one host and two")
    // --map-by node: rank r runs on host r % 2. In the round of bit b a rank sends half of the
    // N / b pixels it owns to rank ^ b, which is on the other host only for b = 1.
    var theory = [Int](repeating: 0, count: 2)
    var bit = 1
    while bit < 4 {
      for r in 0..<4 where r % 2 != (r ^ bit) % 2 { theory[r % 2] += pixels / (2 * bit) * Self.bytesPerPixel }
      bit <<= 1
    }
    expectTraffic(traffic, theory: theory)
  }

  @Test func directSendOnThreeHostsEqualsOneHostAndSendsTwoStripsPerRankBetweenThem() throws {
    let hosts = try VirtualHosts(count: 3)
    defer { hosts.remove() }
    let one = try hosts.composite(ranks: 3, algorithm: "direct-send", onHosts: false)
    let (three, traffic) = try hosts.compositeMeasured(ranks: 3, algorithm: "direct-send")
    #expect(three == one, "the pieces differ between one host and three")
    // One rank per host: every strip but a rank's own crosses a link, 1080 / 3 rows each.
    let strip = Self.height / 3 * Self.width * Self.bytesPerPixel
    expectTraffic(traffic, theory: [Int](repeating: 2 * strip, count: 3))
  }

  /// Each host sent at least the algorithm's bytes (payload cannot shrink), and at most 6 %
  /// more plus 256 KiB: TCP/IP and Ethernet headers (66 bytes per 1448-byte segment, 4.6 %),
  /// acknowledgements of what it received, Open MPI's fragment headers, and the start-up
  /// exchange of addresses.
  func expectTraffic(_ sent: [Int], theory: [Int]) {
    for (h, (measured, expected)) in zip(sent, theory).enumerated() {
      #expect(measured >= expected, "host \(h + 1) sent \(measured) B, fewer than the algorithm's \(expected) B")
      #expect(
        Double(measured) <= Double(expected) * 1.06 + 262_144,
        "host \(h + 1) sent \(measured) B, more than the algorithm's \(expected) B plus protocol overhead")
      print(
        "host \(h + 1): sent \(measured) B on its link; the algorithm sends \(expected) B between hosts "
          + "(\(String(format: "%.2f", Double(measured) / Double(expected)))×)")
    }
  }
}

/// A few network namespaces standing in for hosts: `vwb<pid>-h0` runs mpirun, `-h1`… run ranks;
/// each has a veth link to a bridge in `vwb<pid>-sw` and the address 198.18.0.(i + 1)/24. The
/// launch agent also gives each "host" its own UTS namespace and host name: Open MPI names its
/// session directories and shared-memory segments after the host name, and two hosts sharing
/// one name and one /tmp would overwrite each other's (a crash in the vader transport, seen here).
struct VirtualHosts {
  /// Why namespaces cannot be made here, or nil when they can.
  static let unavailable: String? = {
    guard getuid() == 0 else { return "needs root to create network namespaces" }
    for tool in ["ip", "unshare", "mpirun"] where ChildProcess.resolve(tool, path: nil) == nil {
      return "`\(tool)` is not installed (apt-get install iproute2 util-linux openmpi-bin)"
    }
    let probe = "vwb\(getpid())-probe"
    guard let r = try? runProcess("ip", ["netns", "add", probe], timeout: 10), r.termination == .exited(0) else {
      return "`ip netns add` is refused here (no CAP_SYS_ADMIN?)"
    }
    _ = try? runProcess("ip", ["netns", "del", probe], timeout: 10)
    return nil
  }()

  let prefix = "vwb\(getpid())"
  let count: Int
  let directory: String

  func namespace(_ i: Int) -> String { "\(prefix)-h\(i)" }
  func address(_ i: Int) -> String { "198.18.0.\(i + 1)" }
  func device(_ i: Int) -> String { "vw\(getpid())h\(i)" }

  /// Creates the switch, the head `h0` and `count` hosts for ranks. Namespaces left by an
  /// earlier test process that no longer runs are removed first.
  init(count: Int) throws {
    self.count = count
    directory = NSTemporaryDirectory() + "vwb-hosts-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    Self.removeStale()
    let sw = "\(prefix)-sw"
    var commands = [
      ["netns", "add", sw], ["-n", sw, "link", "add", "br0", "type", "bridge"],
      ["-n", sw, "link", "set", "br0", "up"],
    ]
    for i in 0...count {
      let (ns, dev, peer) = (namespace(i), device(i), "vw\(getpid())p\(i)")
      commands += [
        ["netns", "add", ns], ["link", "add", dev, "type", "veth", "peer", "name", peer],
        ["link", "set", dev, "netns", ns], ["link", "set", peer, "netns", sw],
        ["-n", sw, "link", "set", peer, "master", "br0", "up"], ["-n", ns, "link", "set", "lo", "up"],
        ["-n", ns, "addr", "add", address(i) + "/24", "dev", dev], ["-n", ns, "link", "set", dev, "up"],
      ]
    }
    do {
      for c in commands { try Self.ip(c) }
    } catch {
      remove()
      throw error
    }
    // The agent mpirun runs instead of ssh: `agent HOST command…`.
    var agent = "#!/bin/sh\nhost=\"$1\"; shift\ncase \"$host\" in\n"
    for i in 0...count { agent += "  \(address(i))) ns=\(namespace(i));;\n" }
    agent += "  *) echo \"no such test host: $host\" >&2; exit 1;;\nesac\n"
    agent += "exec ip netns exec \"$ns\" unshare --uts sh -c \"hostname $ns && $*\"\n"
    try agent.write(toFile: agentPath, atomically: true, encoding: .utf8)
    chmod(agentPath, 0o755)
    var hostfile = ""
    for i in 1...count { hostfile += "\(address(i)) slots=4\n" }
    try hostfile.write(toFile: directory + "/hosts", atomically: true, encoding: .utf8)
  }

  var agentPath: String { directory + "/agent" }

  /// Runs demo 16's `--once` composite on `ranks` ranks: on the hosts (`--map-by node` from the
  /// hostfile) or all on `h0`; returns every rank's piece file, in rank order.
  func composite(ranks: Int, algorithm: String, onHosts: Bool) throws -> [Data] {
    let out = directory + "/\(onHosts ? "hosts" : "one")-\(algorithm)-\(ranks)"
    try? FileManager.default.removeItem(atPath: out)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var extra: [String] = []
    if onHosts {
      extra = ["--hostfile", directory + "/hosts", "--map-by", "node", "--mca", "plm_rsh_agent", agentPath]
    }
    let launcher = MPIRun(extraArguments: extra)
    var env = ProcessInfo.processInfo.environment
    // Pin both TCP layers to the test network (what `ip route get` would choose on real hosts).
    env["OMPI_MCA_oob_tcp_if_include"] = onHosts ? "198.18.0.0/24" : nil
    env["OMPI_MCA_btl_tcp_if_include"] = onHosts ? "198.18.0.0/24" : nil
    let args = launcher.arguments(
      ranks: ranks, timeLimit: 60, program: TestSupport.program("demo16"),
      programArguments: ["--once", out, "--algorithm", algorithm])
    let r = try runProcess(
      "ip", ["netns", "exec", namespace(0), "mpirun"] + args, environment: launcher.environment(env), timeout: 90)
    guard r.termination == .exited(0) else {
      throw LaunchError("mpirun failed: \(String(describing: r.termination))\n\(r.output.suffix(3000))")
    }
    #expect(TestSupport.processes(matching: out).isEmpty, "processes of the job still running")
    return try (0..<ranks).map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/rank-\($0).pixels")) }
  }

  /// `composite(onHosts: true)` with the bytes each rank host's link sent meanwhile.
  func compositeMeasured(ranks: Int, algorithm: String) throws -> ([Data], [Int]) {
    let before = try (1...count).map(sentBytes)
    let pieces = try composite(ranks: ranks, algorithm: algorithm, onHosts: true)
    let after = try (1...count).map(sentBytes)
    return (pieces, zip(after, before).map { $0 - $1 })
  }

  /// Bytes host `i`'s link has sent, from the kernel's counters (read inside its namespace,
  /// where /sys shows its devices).
  func sentBytes(_ i: Int) throws -> Int {
    let r = try runProcess(
      "ip", ["netns", "exec", namespace(i), "cat", "/sys/class/net/\(device(i))/statistics/tx_bytes"], timeout: 10)
    guard let n = Int(r.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw LaunchError("no byte counter for \(device(i)): \(r.output)")
    }
    return n
  }

  /// Kills whatever still runs in the namespaces, deletes them (their veth pairs go with
  /// them) and the files. Safe to call twice.
  func remove() {
    Self.removeNamespaces { $0.hasPrefix(prefix + "-") }
    try? FileManager.default.removeItem(atPath: directory)
  }

  static func removeStale() {
    removeNamespaces { name in
      guard name.hasPrefix("vwb"), let dash = name.firstIndex(of: "-"),
        let pid = Int32(name[name.index(name.startIndex, offsetBy: 3)..<dash])
      else { return false }
      return kill(pid, 0) != 0 && errno == ESRCH
    }
  }

  static func removeNamespaces(where matches: (String) -> Bool) {
    let list = (try? runProcess("ip", ["netns", "list"], timeout: 10).output) ?? ""
    for line in list.split(separator: "\n") {
      let name = String(line.split(separator: " ").first ?? "")
      guard matches(name) else { continue }
      let pids = (try? runProcess("ip", ["netns", "pids", name], timeout: 10).output) ?? ""
      for p in pids.split(separator: "\n").compactMap({ Int32($0) }) { kill(p, SIGKILL) }
      _ = try? runProcess("ip", ["netns", "del", name], timeout: 10)
    }
  }

  static func ip(_ arguments: [String]) throws {
    let r = try runProcess("ip", arguments, timeout: 10)
    guard r.termination == .exited(0) else { throw LaunchError("ip \(arguments.joined(separator: " ")): \(r.output)") }
  }
}
