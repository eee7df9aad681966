import Foundation
import Launch

/// Produces the symbol graphs of the workbook's modules with the toolchain's
/// `swift symbolgraph-extract`, from the release build's compiled modules, and caches them
/// under `.build/release/symbolgraphs/<Module>/`. A module's graph is made again when its
/// `.swiftmodule` is newer than the cached graph.
public struct SymbolGraphExtractor: Sendable {
  /// The modules a learner's code imports, in the order `workbook api` lists matches.
  public static let modules = ["MPI", "WorkbookKit", "VTK", "Window", "Imaging", "Chapters"]

  /// The project whose build to read.
  public let project: Project

  /// An extractor for `project`'s release build.
  public init(project: Project) { self.project = project }

  /// Where the graphs are cached.
  public var cacheDirectory: String { project.binDirectory + "/symbolgraphs" }

  /// Every module's symbols, from fresh graphs; with `standardLibrary`, the Swift standard
  /// library's too (its graph is large: 48 MB, about a second to read), for names like
  /// `Swift.UnsafeRawPointer.loadUnaligned(fromByteOffset:as:)`.
  /// - Throws: `RunnerError` when a module is not built or the extractor fails.
  public func index(standardLibrary: Bool = false) throws -> SymbolIndex {
    var files: [String] = []
    for module in Self.modules { files += try graphFiles(module) }
    if standardLibrary {
      // Only the main graph: the extension files hold what other modules add to the library.
      files += try graphFiles("Swift").filter { $0.hasSuffix("/Swift.symbols.json") }
    }
    return try SymbolIndex(files: files, root: project.root)
  }

  /// The graph files of `module`, made first if missing or older than the module.
  func graphFiles(_ module: String) throws -> [String] {
    let fm = FileManager.default
    let swiftmodule =
      module == "Swift"
      ? try toolchain().resourcePath + "/linux/Swift.swiftmodule"
      : project.binDirectory + "/Modules/\(module).swiftmodule"
    guard let built = modified(swiftmodule) else {
      throw RunnerError("\(module) is not built (no \(swiftmodule)); run: swift build -c release")
    }
    let folder = cacheDirectory + "/" + module
    let main = folder + "/\(module).symbols.json"
    if let made = modified(main), made >= built {
      return try fm.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".symbols.json") }.sorted().map {
        folder + "/" + $0
      }
    }
    try? fm.removeItem(atPath: folder)
    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let args = [
      "symbolgraph-extract", "-module-name", module, "-minimum-access-level", "public", "-output-dir", folder,
    ]
    let result = try runProcess("swift", args + (try searchArguments()), timeout: 300)
    guard result.termination == .exited(0), fm.fileExists(atPath: main) else {
      throw RunnerError("swift symbolgraph-extract failed for \(module):\n\(result.output)")
    }
    return try graphFiles(module)
  }

  /// The target triple and the places of the modules `import`ed by ours: the compiled Swift
  /// modules, the system-library module maps under Sources/, the module maps SwiftPM writes
  /// for C targets, and the C headers pkg-config knows (Open MPI's).
  func searchArguments() throws -> [String] {
    let fm = FileManager.default
    var args = ["-target", try toolchain().triple, "-I", project.binDirectory + "/Modules"]
    let sources = project.path("Sources")
    for dir in (try? fm.contentsOfDirectory(atPath: sources).sorted()) ?? []
    where fm.fileExists(atPath: "\(sources)/\(dir)/module.modulemap") {
      args += ["-I", "\(sources)/\(dir)"]
    }
    for dir in (try? fm.contentsOfDirectory(atPath: project.binDirectory).sorted()) ?? [] where dir.hasSuffix(".build")
    {
      let map = "\(project.binDirectory)/\(dir)/module.modulemap"
      if fm.fileExists(atPath: map) { args += ["-Xcc", "-fmodule-map-file=" + map] }
    }
    let cflags = try runProcess("pkg-config", ["--cflags", "ompi-c"], timeout: 30, includeStandardError: false)
    for flag in cflags.output.split(whereSeparator: \.isWhitespace) where flag.hasPrefix("-I") {
      args += ["-Xcc", String(flag)]
    }
    return args
  }

  /// The toolchain's own triple (x86_64-unknown-linux-gnu) and the folder of its standard library.
  func toolchain() throws -> (triple: String, resourcePath: String) {
    let info = try runProcess("swift", ["-print-target-info"], timeout: 60, includeStandardError: false)
    struct Info: Decodable {
      struct Target: Decodable { var unversionedTriple: String }
      struct Paths: Decodable { var runtimeResourcePath: String }
      var target: Target
      var paths: Paths
    }
    guard let data = info.output.data(using: .utf8), let parsed = try? JSONDecoder().decode(Info.self, from: data)
    else { throw RunnerError("swift -print-target-info gave no target triple:\n\(info.output)") }
    return (parsed.target.unversionedTriple, parsed.paths.runtimeResourcePath)
  }

  private func modified(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
  }
}
