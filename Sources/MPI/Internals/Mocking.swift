import CMPI
import Foundation

// The mock behind the call layer, so that unit tests check what the wrappers do before and
// around an MPI call (argument checks, counts, which C function gets which arguments) in a
// plain test process, without mpirun and without MPI_Init.
//
// Every call function starts with
//
//     if _slowPath(mockInstalled), let mock = mockCall("MPI_Send", count, datatype, ...) { ... }
//
// In a program that never installs a mock, `mockInstalled` stays false, and the mock costs one
// load and one never-taken branch per call (about two instructions; chapter 09's benchmark
// shows no difference). The recording itself is in `mockCall`, out of line, so that the
// inlined fast path stays small enough for the optimizer to inline the wrappers into their
// callers as before. A test installs a mock for its own task with `withMockedMPI`; the call
// functions then record each call and answer from the mock's canned results instead of calling
// Open MPI. The mock is a task-local value, so tests running in parallel on other tasks keep
// their own (or none, and call MPI).

/// Whether any test has installed a mock in this process. Set once and never cleared (another
/// test may still be running with its mock).
// Unchecked: written under `MockMPI.installLock`, only ever from false to true; a racing reader
// that still sees false calls MPI, which is what it would do without a mock.
@usableFromInline nonisolated(unsafe) var mockInstalled = false

/// Records a call with the mock of the current task and returns that mock (whose `code` is
/// then the code to return), or nil when this task has no mock and the call goes to MPI.
@usableFromInline @inline(never)
func mockCall<each Argument: Hashable>(_ name: StaticString, _ argument: repeat each Argument) -> MockMPI? {
  guard let mock = MockMPI.current else { return nil }
  var arguments: [AnyHashable] = []
  for a in repeat each argument { arguments.append(AnyHashable(a)) }
  mock.record(MockMPI.Call("\(name)", arguments))
  return mock
}

/// Runs `body` with the call layer answering from a new mock on this task (and tasks it
/// starts); other tasks keep calling MPI. Returns what `body` returns.
func withMockedMPI<R>(_ body: (MockMPI) throws -> R) rethrows -> R {
  MockMPI.installLock.lock()
  mockInstalled = true
  MockMPI.installLock.unlock()
  let mock = MockMPI()
  return try MockMPI.$current.withValue(mock) { try body(mock) }
}

/// Recorded calls and canned results. Calls that produce a handle get a new fake one; calls
/// that fill a buffer leave it as it was; everything else answers with the properties below.
@usableFromInline
// Unchecked: each test makes its own mock and reaches it only through its own task-local, so
// one mock is never used by two tasks at once.
final class MockMPI: @unchecked Sendable {
  @TaskLocal static var current: MockMPI?
  static let installLock = NSLock()

  /// One recorded call: the C function's name and its arguments as the call layer passed them
  /// (counts, handles, ranks and tags, buffer addresses).
  struct Call: Equatable, CustomStringConvertible {
    let name: String
    let arguments: [AnyHashable]
    init(_ name: String, _ arguments: [AnyHashable]) {
      self.name = name
      self.arguments = arguments
    }
    var description: String { "\(name)(\(arguments.map { "\($0.base)" }.joined(separator: ", ")))" }
  }

  /// Every call so far, in order.
  private(set) var calls: [Call] = []
  /// The names of `calls`.
  var names: [String] { calls.map(\.name) }

  /// The code each C function returns, by name; `MPI_SUCCESS` for any not listed.
  var codes: [String: Int32] = [:]
  /// `MPI_Comm_rank` and `MPI_Comm_size` of every communicator.
  @usableFromInline var rank: Int32 = 0
  @usableFromInline var size: Int32 = 1
  /// `MPI_Type_get_extent` and `MPI_Type_get_true_extent` by datatype handle; (0, 0) for others.
  @usableFromInline var extents: [OpaquePointer: (lowerBound: Int, extent: Int)] = [:]
  @usableFromInline var trueExtents: [OpaquePointer: (lowerBound: Int, extent: Int)] = [:]
  /// The status every receive, probe, wait and test returns.
  @usableFromInline var status = MPI_Status()
  /// What `MPI_Get_count` returns.
  @usableFromInline var elementCount: Int32 = 0
  /// The flag of `MPI_Test`, `MPI_Iprobe`, `MPI_Testany`, `MPI_Testall`, `MPI_Test_cancelled`.
  @usableFromInline var flag: Int32 = 0
  /// What `MPI_Initialized` answers; `Environment.isActive` is false while this is false, so
  /// objects dropped under the mock free nothing.
  @usableFromInline var initialized: Int32 = 0

  private var lastHandle = 0x1000

  /// A fake handle, different from every other one this mock made.
  @usableFromInline
  func newHandle() -> OpaquePointer {
    lastHandle += 0x10
    return OpaquePointer(bitPattern: lastHandle)!
  }

  /// The code the call being handled returns: its entry in `codes`, else `MPI_SUCCESS`.
  @usableFromInline private(set) var code = MPI_SUCCESS

  func record(_ call: Call) {
    calls.append(call)
    code = codes[call.name] ?? MPI_SUCCESS
  }

  /// Forgets the calls recorded so far.
  func clearCalls() { calls.removeAll() }
}
