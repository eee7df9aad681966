import CMPI
import MPI

#if canImport(Glibc)
  import Glibc
#endif

/// `mpi-selftest call-overhead`: what the module adds to one call, on sends to `MPI_PROC_NULL`,
/// which MPI completes at once, so that the call itself is all that is timed: C's `MPI_Send`
/// against the module's `send(_:to:tag:file:line:)`, interleaved, 21 rounds of 200 000 calls
/// each, the first round a warm-up, medians in nanoseconds per call. Run it with and without
/// `WORKBOOK_CALLS` (a call board made by the runner, or by hand) to see what recording costs.
enum CallOverhead {
  /// Nanoseconds per call of `body`, run `calls` times.
  static func nanoseconds(_ calls: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = Environment.wtime()
    for _ in 0..<calls { try body() }
    return (Environment.wtime() - start) / Double(calls) * 1e9
  }

  static func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s[s.count / 2]
  }

  /// The table, measured on this rank alone.
  static func table(_ world: Communicator) throws -> String {
    let calls = 200_000
    var value: Int64 = 7
    var c: [Double] = []
    var module: [Double] = []
    for round in 0..<21 {
      let tc = nanoseconds(calls) {
        _ = MPI_Send(&value, 1, WB_MPI_INT64_T(), MPI_PROC_NULL, 0, WB_MPI_COMM_WORLD())
      }
      let tm = try nanoseconds(calls) { try world.send(value, to: Communicator.nullProcess) }
      if round > 0 {
        c.append(tc)
        module.append(tm)
      }
      value &+= 1
    }
    let board = getenv("WORKBOOK_CALLS").map { String(cString: $0) } ?? "unset"
    return """
      send to MPI_PROC_NULL, ns per call (median of 20 rounds of \(calls)); WORKBOOK_CALLS \(board)
        C MPI_Send      \(String(format: "%.1f", median(c)))
        MPI module send \(String(format: "%.1f", median(module)))
        difference      \(String(format: "%+.1f", median(module) - median(c)))
      """
  }
}
