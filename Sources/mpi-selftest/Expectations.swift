import Foundation
import MPI

/// What one rank saw while running one case: how many expectations it checked and which ones
/// failed, with the line they are on.
final class Expectations {
  private(set) var checked = 0
  private(set) var failures: [String] = []

  /// Records `condition`; on failure keeps `what` and the line.
  func that(_ condition: Bool, _ what: @autoclosure () -> String, line: UInt = #line) {
    checked += 1
    if !condition { failures.append("line \(line): \(what())") }
  }

  /// Records `got == expected`.
  func equal<T: Equatable>(_ got: T, _ expected: T, _ what: String, line: UInt = #line) {
    that(got == expected, "\(what): expected \(expected), got \(got)", line: line)
  }

  /// Records that `body` throws an `MPIError` of class `errorClass` naming `function`.
  func throwsMPIError(
    _ errorClass: ErrorClass, function: String? = nil, _ what: String, line: UInt = #line,
    _ body: () throws -> Void
  ) {
    do {
      try body()
      that(false, "\(what): no error thrown, expected \(errorClass)", line: line)
    } catch let error as MPIError {
      that(error.errorClass == errorClass, "\(what): expected \(errorClass), got \(error)", line: line)
      if let function {
        that(
          error.function.hasPrefix(function), "\(what): error names \(error.function), expected \(function)", line: line
        )
      }
      that(error.description.contains(error.function), "\(what): description '\(error)' lacks the function", line: line)
    } catch {
      that(false, "\(what): expected an MPIError, got \(error)", line: line)
    }
  }
}

/// One named group of checks. Every rank runs `body`; `minimumRanks` skips it on smaller runs
/// (a ping-pong needs a partner).
struct SelfTestCase: Sendable {
  var name: String
  var minimumRanks = 1
  var body: @Sendable (Communicator, Environment, Expectations) throws -> Void
}

/// Values that differ per rank and index and are exact in binary, so results can be compared
/// with `==` against a serial computation.
func sample(rank: Int, count: Int, salt: Int = 0) -> [Double] {
  (0..<count).map { Double(rank * 1000 + $0 * 3 + salt) + 0.25 }
}

func sampleInts(rank: Int, count: Int, salt: Int = 0) -> [Int32] {
  (0..<count).map { Int32(rank * 100 + $0 + salt) }
}
