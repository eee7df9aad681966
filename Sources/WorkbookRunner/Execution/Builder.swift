import Foundation
import Launch

/// A compiler diagnostic: `file:line:column: error: message`.
public struct Diagnostic: Equatable, Sendable {
  /// The source file's absolute path.
  public var file: String
  /// Line number, from 1.
  public var line: Int
  /// Column number, from 1.
  public var column: Int
  /// "error": the only severity `Builder.parseErrors(_:)` collects.
  public var severity: String
  /// The compiler's message.
  public var message: String
}

/// The outcome of building with SwiftPM.
public struct BuildResult: Sendable {
  /// Whether `swift build` exited with status 0.
  public var succeeded: Bool
  /// Errors, in the order the compiler printed them, without duplicates.
  public var errors: [Diagnostic]
  /// Everything SwiftPM printed, for when the errors above are not enough (link failures).
  public var log: String
  /// How long the build took.
  public var seconds: Double
}

/// Builds the workbook's programs with `swift build -c release`.
///
/// Release, because chapters measure speed: a debug build of the learner's code against a
/// debug build of the reference would compare the optimiser's absence, not the algorithms.
public struct Builder: Sendable {
  /// The package to build.
  public let project: Project
  /// Time limit for one build; a first build of everything takes a few minutes on 2 cores.
  public var timeLimit: Double = 3600

  /// A builder for `project`, with the default time limit.
  public init(project: Project) { self.project = project }

  /// Builds one product (`--product`), or everything when `product` is nil.
  public func build(product: String? = nil, echo: Bool = false) throws -> BuildResult {
    var args = ["build", "-c", "release", "--package-path", project.root]
    if let product { args += ["--product", product] }
    let result = try runProcess("swift", args, timeout: timeLimit, echo: echo, interrupted: { Interrupt.requested })
    let errors = Builder.parseErrors(result.output)
    let ok = result.termination == .exited(0)
    return BuildResult(succeeded: ok, errors: errors, log: result.output, seconds: result.seconds)
  }

  /// Extracts `path:line:col: error: message` lines from compiler output.
  public static func parseErrors(_ log: String) -> [Diagnostic] {
    var seen = Set<String>()
    var out: [Diagnostic] = []
    let pattern = try! NSRegularExpression(
      pattern: #"^(/[^:\n]+):(\d+):(\d+): (error): (.*)$"#, options: [.anchorsMatchLines])
    let ns = log as NSString
    for m in pattern.matches(in: log, range: NSRange(location: 0, length: ns.length)) {
      let whole = ns.substring(with: m.range)
      guard seen.insert(whole).inserted else { continue }
      out.append(
        Diagnostic(
          file: ns.substring(with: m.range(at: 1)), line: Int(ns.substring(with: m.range(at: 2))) ?? 0,
          column: Int(ns.substring(with: m.range(at: 3))) ?? 0, severity: ns.substring(with: m.range(at: 4)),
          message: ns.substring(with: m.range(at: 5))))
    }
    return out
  }
}
