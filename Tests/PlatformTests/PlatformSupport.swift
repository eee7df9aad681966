import Foundation
import Launch
import WorkbookTestSupport

let probe = TestSupport.program("workbook-probe")

/// Runs the probe under mpirun with the runner's settings.
func mpirunProbe(ranks: Int, _ args: [String]) throws -> ProcessResult {
  try TestSupport.mpirun(ranks, probe, args, timeout: 120)
}

/// The command line of process `pid`, arguments separated by spaces; "" when it is gone.
func commandLine(_ pid: Int32) -> String {
  guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
  return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
}

/// The display number an Xvfb we started is serving, from its lock file; "" when unknown.
func displayOf(_ pid: Int32) -> String {
  let locks = ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter {
    $0.hasPrefix(".X") && $0.hasSuffix("-lock")
  }
  for lock in locks {
    let owner = (try? String(contentsOfFile: "/tmp/" + lock, encoding: .utf8))?.trimmingCharacters(
      in: .whitespacesAndNewlines)
    if owner == String(pid) { return ":" + lock.dropFirst(2).dropLast(5) }
  }
  return ""
}
