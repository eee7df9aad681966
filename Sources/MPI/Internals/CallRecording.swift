import WorkbookContract

#if canImport(Glibc)
  import Glibc
#endif

// Where each blocking call was made from, for two readers:
//   - the runner, which reads the call board (WorkbookContract.CallBoard) while the job runs and
//     recognises a deadlock when every unfinished rank sits in a blocking call and nothing moves;
//   - the learner, whose MPIError names the line that made the failing call.
//
// Every public blocking or collective call takes `file: StaticString = #fileID, line: UInt =
// #line` and runs its body through `traced`. Without a board (`WORKBOOK_CALLS` unset: every
// program not started by the runner) that costs one load and one never-taken branch, like the
// mock's, plus a catch that only runs when the call throws. With a board, the call is written
// to this rank's slot before and after (about a hundred nanoseconds, out of line).

/// Whether this process records its calls on a board. Set once, at `Environment` init.
// Unchecked: written once by the thread that initialises MPI, before any call it guards.
@usableFromInline nonisolated(unsafe) var recordingCalls = false

/// This rank's slot on the runner's call board.
// Unchecked: as `recordingCalls`.
nonisolated(unsafe) var callBoard: CallBoard.Writer?

/// How deep in recorded calls this rank is: a public call made by another one (a
/// `gatherVarying` gathers its counts first) keeps the outer call on the board.
// Unchecked: MPI calls come from one thread at a time at the thread levels the workbook uses; at
// MPI_THREAD_MULTIPLE the board may show either of two concurrent calls, never anything worse.
nonisolated(unsafe) var callDepth = 0

/// Opens this rank's slot when the runner gave a board. Called once MPI knows the world rank.
func openCallBoard(rank: Int) {
  guard let path = getenv(HarnessEnvironment.calls).map({ String(cString: $0) }), !path.isEmpty,
    let writer = CallBoard.Writer(path: path, rank: rank)
  else { return }
  callBoard = writer
  recordingCalls = true
}

/// What a recorded call is doing, in the board's terms; built only when a board is open.
@usableFromInline
struct CallRecord {
  @usableFromInline var kind: CallKind
  @usableFromInline var detail: CallKind?
  @usableFromInline var peer: Int
  @usableFromInline var tag: Int
  @usableFromInline var peer2: Int
  @usableFromInline var tag2: Int
  @usableFromInline var count: Int
  @usableFromInline var type: Any.Type?

  @inlinable
  init(
    _ kind: CallKind, detail: CallKind? = nil, peer: Int = -1, tag: Int = -1, peer2: Int = -1, tag2: Int = -1,
    count: Int = -1, type: Any.Type? = nil
  ) {
    self.kind = kind
    self.detail = detail
    self.peer = peer
    self.tag = tag
    self.peer2 = peer2
    self.tag2 = tag2
    self.count = count
    self.type = type
  }
}

/// Runs the body of the public call `call` made at `file`:`line`: records it on the board when
/// there is one, and puts the call site into any `MPIError` it throws.
@inlinable @inline(__always)
func traced<R>(
  _ call: StaticString, _ file: StaticString, _ line: UInt, _ record: @autoclosure () -> CallRecord,
  _ body: () throws -> R
) throws -> R {
  if _slowPath(recordingCalls) { return try tracedOnBoard(call, file, line, record(), body) }
  do { return try body() } catch { throw located(error, call, file, line) }
}

/// `traced` with a board: enter, run, leave (also when the body throws).
@inlinable
func tracedOnBoard<R>(
  _ call: StaticString, _ file: StaticString, _ line: UInt, _ record: CallRecord, _ body: () throws -> R
) throws -> R {
  enterCall(record, file, line)
  defer { leaveCall() }
  do { return try body() } catch { throw located(error, call, file, line) }
}

/// Writes a call that begins to this rank's slot (outermost calls only).
@usableFromInline @inline(never)
func enterCall(_ r: CallRecord, _ file: StaticString, _ line: UInt) {
  callDepth += 1
  guard callDepth == 1, let board = callBoard else { return }
  let name = r.type.map(typeName) ?? []
  name.withUnsafeBytes { type in
    board.enter(
      r.kind, detail: r.detail, peer: Int32(clamping: r.peer), tag: Int32(clamping: r.tag),
      peer2: Int32(clamping: r.peer2), tag2: Int32(clamping: r.tag2), count: Int64(r.count), type: type,
      file: file, line: line)
  }
}

/// Writes that the outermost call has returned.
@usableFromInline @inline(never)
func leaveCall() {
  callDepth -= 1
  if callDepth == 0 { callBoard?.leave() }
}

// The last element type named, so that a loop of sends of one type formats its name once.
nonisolated(unsafe) private var lastType: ObjectIdentifier?
nonisolated(unsafe) private var lastTypeName: [UInt8] = []

/// A type's name as UTF-8, e.g. "Double" or "SIMD3<Float>".
func typeName(_ type: Any.Type) -> [UInt8] {
  if lastType == ObjectIdentifier(type) { return lastTypeName }
  lastType = ObjectIdentifier(type)
  lastTypeName = Array(String(describing: type).utf8)
  return lastTypeName
}

/// `error` with the call site, when it is an `MPIError`; any other error unchanged. The
/// outermost public call is the last to catch it, so the site is the caller's, not that of a
/// call the module makes for itself.
@usableFromInline @inline(never)
func located(_ error: any Error, _ call: StaticString, _ file: StaticString, _ line: UInt) -> any Error {
  guard var e = error as? MPIError else { return error }
  e.site = MPIError.CallSite(call: "\(call)", file: "\(file)", line: Int(line))
  return e
}
