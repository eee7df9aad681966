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

/// The display an Xvfb we started is serving, from its command line (`HeadlessDisplay` names
/// it there): ":5", or "" when the command line names none.
func displayOf(_ pid: Int32) -> String {
  let words = commandLine(pid).split(separator: " ")
  return words.dropFirst().first { $0.hasPrefix(":") && Int($0.dropFirst()) != nil }.map(String.init) ?? ""
}
