import Foundation
import Launch

#if canImport(Glibc)
  import Glibc
#endif

extension MachineDescription {
  /// This machine, as far as it can be found out without root: /proc for the CPU and memory,
  /// /etc/os-release and uname for the system, `swift --version`, `ompi_info --version`, and
  /// `probe` for VTK's version and the GL renderer (nil: VTK's headers and no renderer).
  /// - Parameters:
  ///   - probe: runs workbook-probe's `vtk-scene` and returns its output line, or the reason it
  ///     failed.
  ///   - hostfile: the hostfile MPI ranks are spread with, if any; its slots become `rankSlots`.
  public static func current(
    probe: (() -> Result<String, RunnerError>)?, hostfile: String?
  ) -> MachineDescription {
    var notes: [String] = []
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let logical = ProcessInfo.processInfo.activeProcessorCount
    var vtk: String?
    var renderer: String?
    if let probe {
      switch probe() {
      case .success(let line):
        vtk = field(line, after: "vtk ", before: " ")
        renderer = field(line, after: "renderer=", before: " center=")
        if renderer?.isEmpty ?? true {
          renderer = nil
          notes.append("glRenderer: workbook-probe vtk-scene printed no renderer (\(line.prefix(120)))")
        }
      case .failure(let why):
        notes.append("glRenderer: workbook-probe vtk-scene failed: \(why.description.prefix(200))")
      }
    } else {
      notes.append("glRenderer: not probed (--no-build and workbook-probe not built)")
    }
    if vtk == nil {
      vtk = vtkHeaderVersion()
      if vtk != nil { notes.append("vtkVersion: from /usr/include/vtk-9.1/vtkVersionMacros.h") }
    }
    var slots = logical
    if let hostfile {
      if let n = ScalingLadder.slots(hostfile: hostfile) {
        slots = n
      } else {
        notes.append("rankSlots: cannot read the hostfile \(hostfile); counted this machine's cores")
      }
    }
    let ompi = Doctor.firstLine("ompi_info", ["--version"]).flatMap { line -> String? in
      // "Open MPI v4.1.4"
      line.split(separator: " ").last.map { $0.hasPrefix("v") ? String($0.dropFirst()) : String($0) }
    }
    if ompi == nil { notes.append("openMPIVersion: ompi_info not found or failed") }
    let swift = Doctor.firstLine("swift", ["--version"])
    if swift == nil { notes.append("swiftVersion: `swift --version` failed") }
    return MachineDescription(
      host: hostName(), cpuModel: cpuModel(cpuinfo) ?? "unknown CPU", logicalCores: logical,
      physicalCores: physicalCores(cpuinfo), memoryBytes: memoryBytes() ?? 0, os: operatingSystem(),
      swiftVersion: swift, vtkVersion: vtk, openMPIVersion: ompi, glRenderer: renderer, rankSlots: slots,
      hostfile: hostfile, notes: notes)
  }

  /// The text of `line` between `start` and `end` (or the end of the line).
  static func field(_ line: String, after start: String, before end: String) -> String? {
    guard let a = line.range(of: start) else { return nil }
    let rest = line[a.upperBound...]
    let b = rest.range(of: end)?.lowerBound ?? rest.endIndex
    return String(rest[..<b]).trimmingCharacters(in: .whitespaces)
  }

  /// `model name` of the first processor in /proc/cpuinfo.
  static func cpuModel(_ cpuinfo: String) -> String? {
    cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
  }

  /// Distinct (physical id, core id) pairs in /proc/cpuinfo; nil when it lists none.
  static func physicalCores(_ cpuinfo: String) -> Int? {
    var pairs = Set<String>()
    for block in cpuinfo.components(separatedBy: "\n\n") {
      var physical = "0"
      var core: String?
      for line in block.split(separator: "\n") {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == "physical id" { physical = parts[1] }
        if parts[0] == "core id" { core = parts[1] }
      }
      if let core { pairs.insert(physical + "/" + core) }
    }
    return pairs.isEmpty ? nil : pairs.count
  }

  /// `MemTotal` of /proc/meminfo in bytes.
  static func memoryBytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
      let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kib * 1024
  }

  /// `PRETTY_NAME` of /etc/os-release, then the kernel's name and release.
  static func operatingSystem() -> String {
    var name = "unknown system"
    if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
    {
      name = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    var u = utsname()
    guard uname(&u) == 0 else { return name }
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    return "\(name), \(text(u.sysname)) \(text(u.release))"
  }

  /// The host name (gethostname).
  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "host" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `VTK_VERSION` from the installed headers.
  static func vtkHeaderVersion() -> String? {
    guard let text = try? String(contentsOfFile: "/usr/include/vtk-9.1/vtkVersionMacros.h", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.contains("#define VTK_VERSION ") })
    else { return nil }
    return line.split(separator: "\"").dropFirst().first.map(String.init)
  }

  /// "AMD EPYC 7B13, 2 logical / 1 physical cores, 7.8 GiB; Debian …; Swift …; VTK 9.1.0;
  /// Open MPI 4.1.4; GL llvmpipe (…)".
  public var summary: String {
    let cores = "\(logicalCores) logical" + (physicalCores.map { " / \($0) physical" } ?? "") + " cores"
    var parts = [
      "\(host): \(cpuModel), \(cores), \(Printer.gib(memoryBytes)) GiB", os,
      swiftVersion ?? "Swift ?", "VTK \(vtkVersion ?? "?")", "Open MPI \(openMPIVersion ?? "?")",
      "GL \(glRenderer ?? "?")",
    ]
    if let hostfile { parts.append("hostfile \(hostfile) (\(rankSlots) slots)") }
    return parts.joined(separator: "; ")
  }
}
