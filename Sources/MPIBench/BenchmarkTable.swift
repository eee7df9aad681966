import Foundation

/// The benchmark's tables as text, with the wrapper's goals judged against C from the same run.
public enum BenchmarkTable {
  /// "0 B", "8 B", "64 KiB", "4 MiB".
  public static func size(_ bytes: Int) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) B"
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
  }

  /// The verdict on a goal "ratio ≤ limit" (or "≥ limit" when `atLeast`), given the ratio's
  /// interval: met, missed, or not decided by this run.
  public static func verdict(_ interval: (median: Double, low: Double, high: Double), limit: Double, atLeast: Bool)
    -> String
  {
    let range = String(format: "%.3f–%.3f", interval.low, interval.high)
    if atLeast {
      if interval.low >= limit { return "met (≥ \(String(format: "%.2f", limit)); 95 % interval \(range))" }
      if interval.high < limit { return "MISSED (< \(String(format: "%.2f", limit)); 95 % interval \(range))" }
    } else {
      if interval.high <= limit { return "met (≤ \(String(format: "%.3f", limit)); 95 % interval \(range))" }
      if interval.low > limit { return "MISSED (> \(String(format: "%.3f", limit)); 95 % interval \(range))" }
    }
    return "not decided: 95 % interval \(range) spans \(String(format: "%.3f", limit))"
  }

  /// The latency goal as a limit on the MPI/C ratio: within 5 % or 50 ns of C, whichever allows more.
  public static func latencyLimit(c: Double) -> Double { 1 + max(0.05, 50e-9 / c) }

  /// One-way latency in µs per implementation, the wrapper/C ratio and difference, and the
  /// goal at 0–8 bytes.
  public static func latency(_ rows: [BenchmarkRow]) -> String {
    var out = "One-way latency (µs), median of the rounds. Swift MPI: MPIBuffer; Swift MPI*: [UInt8] arrays.\n"
    out += "Goal at 0-8 B: MPI/C at most 1.05, or 50 ns over C when that allows more.\n"
    out += pad("size", 8) + pad("C", 10) + pad("Swift raw", 11) + pad("Swift MPI", 11) + pad("Swift MPI*", 12)
    out += pad("MPI/C", 8) + pad("MPI−C", 10) + pad("MPI*/C", 8) + "  goal\n"
    for row in rows {
      let c = row.median(Implementation.c.rawValue)
      let raw = row.median(Implementation.raw.rawValue)
      let wrapper = row.median(Implementation.wrapper.rawValue)
      let plain = row.median(Implementation.wrapperPlain.rawValue)
      var line =
        pad(size(row.bytes), 8) + pad(String(format: "%.3f", c * 1e6), 10) + pad(String(format: "%.3f", raw * 1e6), 11)
      line += pad(String(format: "%.3f", wrapper * 1e6), 11) + pad(String(format: "%.3f", plain * 1e6), 12)
      let ratio = row.pairedRatio(Implementation.wrapper.rawValue, over: Implementation.c.rawValue)
      line += pad(String(format: "%.3f", ratio), 8) + pad(String(format: "%+.0f ns", (wrapper - c) * 1e9), 10)
      line += pad(
        String(format: "%.3f", row.pairedRatio(Implementation.wrapperPlain.rawValue, over: Implementation.c.rawValue)),
        8)
      if row.bytes <= 8 {
        line +=
          "  "
          + verdict(
            row.pairedRatioInterval(Implementation.wrapper.rawValue, over: Implementation.c.rawValue),
            limit: latencyLimit(c: c), atLeast: false)
      }
      out += line + "\n"
    }
    return out
  }

  /// Bandwidth in MB/s (10⁶ bytes per second, as OSU reports) per implementation, the ratios,
  /// and the goal from 64 KiB up.
  public static func bandwidth(_ rows: [BenchmarkRow], window: Int) -> String {
    var out =
      "Bandwidth (MB/s), window of \(window), median of the rounds. Swift MPI: RequestBatch; Swift MPI*: a Request per message.\n"
    out += "Goal from 64 KiB: MPI/C at least 0.98.\n"
    out += pad("size", 8) + pad("C", 10) + pad("Swift raw", 11) + pad("Swift MPI", 11) + pad("Swift MPI*", 12)
    out += pad("raw/C", 8) + pad("MPI/C", 8) + pad("MPI*/C", 8) + "  goal\n"
    for row in rows {
      let c = row.median(Implementation.c.rawValue)
      let raw = row.median(Implementation.raw.rawValue)
      let wrapper = row.median(Implementation.wrapper.rawValue)
      let plain = row.median(Implementation.wrapperPlain.rawValue)
      var line =
        pad(size(row.bytes), 8) + pad(String(format: "%.0f", c / 1e6), 10) + pad(String(format: "%.0f", raw / 1e6), 11)
      line += pad(String(format: "%.0f", wrapper / 1e6), 11) + pad(String(format: "%.0f", plain / 1e6), 12)
      let ratio = row.pairedRatio(Implementation.wrapper.rawValue, over: Implementation.c.rawValue)
      line += pad(
        String(format: "%.3f", row.pairedRatio(Implementation.raw.rawValue, over: Implementation.c.rawValue)), 8)
      line += pad(String(format: "%.3f", ratio), 8)
      line += pad(
        String(format: "%.3f", row.pairedRatio(Implementation.wrapperPlain.rawValue, over: Implementation.c.rawValue)),
        8)
      if row.bytes >= 64 << 10 {
        line +=
          "  "
          + verdict(
            row.pairedRatioInterval(Implementation.wrapper.rawValue, over: Implementation.c.rawValue), limit: 0.98,
            atLeast: true)
      }
      out += line + "\n"
    }
    return out
  }

  /// Allreduce time in µs per variant, averaged over the ranks.
  public static func allReduce(_ rows: [BenchmarkRow], ranks: Int) -> String {
    let names = MPIBenchmark.allReduceVariants
    var out =
      "MPI_Allreduce (sum of doubles) at \(ranks) ranks, µs per call averaged over the ranks, median of the rounds\n"
    out +=
      pad("size", 8) + names.map { pad($0, max($0.count + 2, 10)) }.joined() + pad("into:/C", 9) + pad("new/C", 8)
      + "\n"
    for row in rows {
      var line = pad(size(row.bytes), 8)
      for name in names { line += pad(String(format: "%.3f", row.median(name) * 1e6), max(name.count + 2, 10)) }
      line +=
        pad(String(format: "%.3f", row.pairedRatio(names[2], over: "C")), 9)
        + pad(String(format: "%.3f", row.pairedRatio(names[3], over: "C")), 8)
      out += line + "\n"
    }
    return out
  }

  /// The machine and settings a table was measured with.
  public static func machine(ranks: Int, rounds: Int) -> String {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let env = ProcessInfo.processInfo.environment
    let settings = ["OMPI_MCA_pml", "OMPI_MCA_btl"].map { "\($0)=\(env[$0] ?? "(default)")" }.joined(separator: " ")
    return """
      Machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ranks) ranks\
      \(ranks > ProcessInfo.processInfo.activeProcessorCount ? " (oversubscribed: ranks share cores)" : ""); \
      release build; \(settings); \(rounds) rounds per size, implementations interleaved in rotating order;
      times are medians over the rounds, ratios are medians of the per-round ratios (paired, so that the
      machine's drift between rounds cancels); raw/C shows how far two equal programs differ in this run.
      OSU method: warm-up, then 10000 iterations (1000 above 8 KiB) for latency, 100 (20) for \
      bandwidth, 1000 (100) for allreduce.
      """
  }
}
