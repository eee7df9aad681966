import Foundation
import Launch

/// One frame of a process's stack: the function and, where debug information says, the source
/// line. Frames inlined into one machine frame come out as several frames.
struct StackFrame: Equatable, Sendable {
  /// The function's name, demangled and simplified when the toolchain can ("ring(_:world:)").
  var function: String
  /// The source file's path, when known.
  var file: String?
  /// The line in `file`.
  var line: Int?
}

/// Reads where a running process is, from outside and without stopping it for long: elfutils'
/// `eu-stack` unwinds the first thread (it follows the call frame information of glibc and
/// Open MPI, which the Swift runtime's own backtracer cannot cross), and the toolchain's
/// `llvm-symbolizer` turns the program's addresses into file and line, inlined calls included.
/// Both are optional: without them a verdict simply says less.
struct StackReader {
  let euStack: String?
  let symbolizer: String?
  let demangler: String?

  /// Finds the tools in `path` (default: this process's PATH) and next to the `swift` driver.
  init(path: String? = nil) {
    euStack = ChildProcess.resolve("eu-stack", path: path)
    let toolchain = ChildProcess.resolve("swift", path: path).map {
      (URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent().path)
    }
    func tool(_ name: String) -> String? {
      ChildProcess.resolve(name, path: path)
        ?? toolchain.flatMap { ChildProcess.resolve("\($0)/\(name)") }
    }
    symbolizer = tool("llvm-symbolizer")
    demangler = tool("swift-demangle")
  }

  /// Whether stacks can be read at all on this machine.
  var available: Bool { euStack != nil }

  /// The first thread's frames of `pid`, innermost first; empty when they cannot be read.
  func frames(pid: pid_t) -> [StackFrame] {
    guard let euStack else { return [] }
    guard let out = try? runProcess(euStack, ["-1", "-p", "\(pid)"], timeout: 5, includeStandardError: false),
      out.termination == .exited(0)
    else { return [] }
    let raw: [(pc: UInt64, name: String)] = out.output.split(separator: "\n").compactMap { line in
      // "#3  0x000055db5d79ec15 $s8Chapters…"   or   "#0  0x00007f…"
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 2, fields[0].hasPrefix("#"), fields[1].hasPrefix("0x"),
        let pc = UInt64(fields[1].dropFirst(2), radix: 16)
      else { return nil }
      return (pc, fields.count > 2 ? String(fields[2]) : "")
    }
    guard !raw.isEmpty else { return [] }
    let image = StackReader.mainImage(pid: pid)
    var frames: [StackFrame] = []
    var lookups: [(index: Int, offset: UInt64)] = []
    for (i, f) in raw.enumerated() {
      frames.append(StackFrame(function: f.name))
      if let image, f.pc >= image.start, f.pc < image.end {
        // A return address points after the call; the call's line is one byte earlier.
        lookups.append((i, f.pc - image.base - (i == 0 ? 0 : 1)))
      }
    }
    var expanded: [Int: [StackFrame]] = [:]
    if let symbolizer, let image, !lookups.isEmpty {
      let args =
        ["--obj=\(image.path)", "--inlining", "--output-style=GNU"]
        + lookups.map { "0x" + String($0.offset, radix: 16) }
      if let out = try? runProcess(symbolizer, args, timeout: 10, includeStandardError: false) {
        // GNU style: two lines per frame (function, then file:line:column), inlined callers
        // following their callee; a blank line between addresses.
        let blocks = out.output.components(separatedBy: "\n\n").filter {
          !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        for (lookup, block) in zip(lookups, blocks) {
          let lines = block.split(separator: "\n").map(String.init)
          var inlined: [StackFrame] = []
          var i = 0
          while i + 1 < lines.count {
            inlined.append(StackReader.frame(function: lines[i], location: lines[i + 1]))
            i += 2
          }
          if !inlined.isEmpty { expanded[lookup.index] = inlined }
        }
      }
    }
    var result: [StackFrame] = []
    for (i, f) in frames.enumerated() { result += expanded[i] ?? [f] }
    return demangled(result)
  }

  private static func frame(function: String, location: String) -> StackFrame {
    // "/work/x/exercises/09-point-to-point/PointToPoint.swift:12:15" or "??:0:0"
    let parts = location.split(separator: ":")
    guard parts.count >= 2, parts[0] != "??", let line = Int(parts[1]), line > 0 else {
      return StackFrame(function: function)
    }
    return StackFrame(function: function, file: String(parts[0]), line: line)
  }

  private func demangled(_ frames: [StackFrame]) -> [StackFrame] {
    guard let demangler, frames.contains(where: { $0.function.hasPrefix("$s") }) else { return frames }
    let names = frames.map(\.function)
    guard
      let out = try? runProcess(
        demangler, ["--simplified", "--compact"] + names, timeout: 10, includeStandardError: false)
    else { return frames }
    let lines = out.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.count >= names.count else { return frames }
    return zip(frames, lines).map { f, name in
      var f = f
      f.function = name
      return f
    }
  }

  /// The program's own executable as mapped in `pid`: its path, where its first mapping
  /// starts (the load base, since the linker places the first segment at address 0) and the
  /// range its mappings cover.
  static func mainImage(pid: pid_t) -> (path: String, base: UInt64, start: UInt64, end: UInt64)? {
    guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
      let maps = try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)
    else { return nil }
    var base: UInt64?
    var start = UInt64.max
    var end: UInt64 = 0
    for line in maps.split(separator: "\n") where line.hasSuffix(exe) {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      let range = fields[0].split(separator: "-")
      guard fields.count >= 3, range.count == 2, let lo = UInt64(range[0], radix: 16),
        let hi = UInt64(range[1], radix: 16), let offset = UInt64(fields[2], radix: 16)
      else { continue }
      if offset == 0 && base == nil { base = lo }
      start = min(start, lo)
      end = max(end, hi)
    }
    guard let base else { return nil }
    return (exe, base, start, end)
  }
}

/// Where one rank (or a local program) is, in a learner's words: the MPI call it waits in, if
/// any, and the innermost frame in the learner's own files.
struct Whereabouts: Equatable, Sendable {
  /// "MPI_Send" when the stack is inside an MPI call.
  var mpiCall: String?
  /// The innermost frame in the learner's files (exercises/, solutions/, lessons/), as
  /// "exercises/…/PointToPoint.swift:12 (ring(_:world:))"; failing that, the innermost frame in
  /// the project's chapter code outside the harness (a variant's own file).
  var learnerFrame: String?

  /// Summarises `frames` (innermost first); `root` is cut from paths.
  init(frames: [StackFrame], root: String) {
    mpiCall =
      frames.lazy.compactMap { f -> String? in
        guard f.function.hasPrefix("PMPI_") else { return nil }
        return "MPI_" + f.function.dropFirst(5)
      }.first
    func described(_ f: StackFrame) -> String? {
      guard let file = f.file, let line = f.line else { return nil }
      let relative = file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
      return "\(relative):\(line) (\(f.function))"
    }
    let learner = frames.first { f in
      ["/exercises/", "/solutions/", "/lessons/"].contains { f.file?.contains($0) == true }
    }
    let chapterCode = frames.first { f in
      guard let file = f.file, file.hasPrefix(root + "/Sources/Chapters/") else { return false }
      return !file.contains("/Harness/")
    }
    learnerFrame = (learner ?? chapterCode).flatMap(described)
  }

  /// "waits in MPI_Send, called from exercises/…:12 (ring(_:))", "is running exercises/…:31 (…)",
  /// or nil when the stack said nothing useful.
  var sentence: String? {
    switch (mpiCall, learnerFrame) {
    case (let call?, let frame?): return "waits in \(call), called from \(frame)"
    case (let call?, nil): return "waits in \(call)"
    case (nil, let frame?): return "is running \(frame)"
    case (nil, nil): return nil
    }
  }
}
