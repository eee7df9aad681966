import Foundation
import Launch

/// The workbook's own folder and built programs.
let workbookRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path
let probe = workbookRoot + "/.build/release/workbook-probe"

/// The environment without any display, as on a fresh server or in CI.
func headlessEnvironment() -> [String: String] {
  var env = ProcessInfo.processInfo.environment
  env["DISPLAY"] = nil
  env["WAYLAND_DISPLAY"] = nil
  return env
}

/// Runs the probe under mpirun with the workbook's usual settings.
func mpirunProbe(ranks: Int, _ args: [String]) throws -> ProcessResult {
  var mpiArgs = ["--oversubscribe", "-n", String(ranks), probe] + args
  if getuid() == 0 { mpiArgs.insert("--allow-run-as-root", at: 0) }
  var env = ProcessInfo.processInfo.environment
  env["OMPI_MCA_pml"] = "ob1"
  env["OMPI_MCA_btl"] = "self,vader,tcp"
  return try runProcess("mpirun", mpiArgs, environment: env, timeout: 120)
}
