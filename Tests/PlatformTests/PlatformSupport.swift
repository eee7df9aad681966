import Foundation
import Launch
import WorkbookTestSupport

let probe = TestSupport.program("workbook-probe")

/// Runs the probe under mpirun with the runner's settings.
func mpirunProbe(ranks: Int, _ args: [String]) throws -> ProcessResult {
  try TestSupport.mpirun(ranks, probe, args, timeout: 120)
}
