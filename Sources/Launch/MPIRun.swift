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

  /// Open MPI settings added to the environment unless the user already chose them.
  public func environment(_ base: [String: String]) -> [String: String] {
    var env = base
    for (k, v) in MPIRun.defaults where env[k] == nil { env[k] = v }
    return env
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
