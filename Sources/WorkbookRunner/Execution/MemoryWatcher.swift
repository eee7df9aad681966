import Foundation
import Launch

/// Stops a run when one of its processes holds more private memory than the chapter allows, so
/// that a runaway allocation ends with a verdict instead of the machine swapping or the kernel's
/// OOM killer choosing a victim.
///
/// It polls each process's `RssAnon` (resident anonymous memory, from /proc/<pid>/status) four
/// times a second. Resident memory is what a runaway loop really consumes; an address-space limit
/// (`RLIMIT_AS`, or `RLIMIT_DATA`, which counts private writable mappings) would also hit the
/// large reservations that llvmpipe and Open MPI make and never touch, and a cgroup memory limit
/// needs cgroup v2 delegation, which machines like this one (cgroup v1) do not give.
final class MemoryWatcher: RunWatcher {
  /// Bytes of resident anonymous memory one process may hold.
  let limitPerProcess: Int
  private var nextLook = 0.0

  init(limitPerProcess: Int) { self.limitPerProcess = limitPerProcess }

  /// The default share of this machine's memory for one process of a run with `ranks` processes:
  /// half of the memory, divided among the ranks.
  static func defaultLimit(ranks: Int, fraction: Double = 0.5) -> Int {
    let total = Double(ProcessInfo.processInfo.physicalMemory)
    return Int(total * fraction / Double(max(ranks, 1)))
  }

  func poll(_ job: ChildProcess, now: Double) -> RunVerdict? {
    guard now >= nextLook else { return nil }
    nextLook = now + 0.25
    for pid in Set(job.members() + [job.pid]) {
      guard let used = MemoryWatcher.residentAnonymousBytes(pid), used > limitPerProcess else { continue }
      return .outOfMemory(rank: MemoryWatcher.rank(of: pid), usedBytes: used, limitBytes: limitPerProcess)
    }
    return nil
  }

  /// `RssAnon` of `pid` in bytes, nil when the process is gone.
  static func residentAnonymousBytes(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
      let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
      return kib.map { $0 * 1024 }
    }
    return nil
  }

  /// The MPI rank of `pid` from the variable mpirun gives each rank, nil for other processes;
  /// 0 for a process outside MPI that is not mpirun (a local chapter's program).
  static func rank(of pid: pid_t) -> Int? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
    for entry in data.split(separator: 0) {
      let text = String(decoding: entry, as: UTF8.self)
      if text.hasPrefix("OMPI_COMM_WORLD_RANK=") { return Int(text.dropFirst("OMPI_COMM_WORLD_RANK=".count)) }
    }
    return 0
  }
}
