import CMPI
import WorkbookContract

#if canImport(Glibc)
  import Glibc
#endif

// The MPI module: Swift over Open MPI 4.1 (MPI 3.1).
//
// One type per handle kind (Communicator, Datatype, Op, Request, Group, Status), typed buffers
// through `MPIElement`, MPI errors as Swift throws, and init/finalize owned by `Environment`.
//
// Not wrapped yet: one-sided communication (windows, put/get), MPI-IO, dynamic processes
// (spawn, ports), persistent requests, buffered and ready sends (MPI_Bsend, MPI_Rsend),
// neighbourhood collectives, graph topologies, non-blocking collectives, reduce-scatter,
// packing (MPI_Pack), indexed datatypes, attribute caching, intercommunicators, and error
// handlers other than "fatal" and "return" (MPI_Comm_create_errhandler).

/// Thread support levels for `MPI_Init_thread` (MPI 3.1 §12.4.3).
public enum ThreadLevel: Int32, Comparable, Sendable {
  /// `MPI_THREAD_SINGLE` (one thread only), `MPI_THREAD_FUNNELED` (only the main thread calls
  /// MPI), `MPI_THREAD_SERIALIZED` (any thread, one call at a time), `MPI_THREAD_MULTIPLE` (any
  /// thread, any time). The raw values are Open MPI's constants.
  case single = 0
  case funneled = 1
  case serialized = 2
  case multiple = 3
  /// Orders levels by how much threading they allow, as MPI's constants do, so
  /// `env.threadLevel >= .funneled` asks whether at least that much was granted.
  public static func < (a: ThreadLevel, b: ThreadLevel) -> Bool { a.rawValue < b.rawValue }
}

/// The one owner of MPI's life in a process: initialises MPI on creation and finalises it when
/// `finalize()` is called, at the end of `run`, or (if neither happened) at process exit. The
/// type keeps the current environment in a static until it is finalised, so dropping your
/// last reference does not finalise MPI.
///
/// Prefer the scoped form, which finalises on every way out of the closure:
///
/// ```swift
/// try Environment.run { env in
///   let world = env.world
///   print("rank \(world.rank) of \(world.size)")
/// }
/// ```
///
/// Both forms install `MPI_ERRORS_RETURN` on `MPI_COMM_WORLD` and `MPI_COMM_SELF`, so MPI errors
/// surface as `MPIError` throws. Wraps `MPI_Init_thread`, `MPI_Comm_set_errhandler`, `MPI_Finalize`.
public final class Environment {
  /// `MPI_COMM_WORLD`: every process started by mpirun.
  public let world: Communicator
  /// `MPI_COMM_SELF`: this process alone.
  public let selfCommunicator: Communicator
  /// The thread level MPI granted (may be lower than requested).
  public let threadLevel: ThreadLevel

  // Unchecked: MPI is initialised and finalised once per process, by the thread that owns it.
  nonisolated(unsafe) private static var current: Environment?
  private var finalized = false

  /// Initialises MPI. Only one environment may exist per process, and MPI cannot be
  /// re-initialised after finalisation.
  /// - Parameter threadLevel: the thread support to ask for (default `.single`).
  /// - Throws: `MPIError` if MPI was already initialised or finalised, or `MPI_Init_thread` fails.
  public init(threadLevel requested: ThreadLevel = .single) throws {
    if mpi_initialized() {
      throw MPIError(.other, function: "MPI_Init_thread", message: "MPI is already initialised in this process")
    }
    if mpi_finalized() {
      throw MPIError(.other, function: "MPI_Init_thread", message: "MPI was finalised and cannot be initialised again")
    }
    // Errors before the handler is set are fatal by default; MPI_Init_thread rarely fails.
    let provided = try mpi_init_thread(requested.rawValue)
    try mpi_comm_set_errhandler(WB_MPI_COMM_WORLD(), WB_MPI_ERRORS_RETURN())
    try mpi_comm_set_errhandler(WB_MPI_COMM_SELF(), WB_MPI_ERRORS_RETURN())
    threadLevel = ThreadLevel(rawValue: provided) ?? .single
    world = Communicator(predefined: WB_MPI_COMM_WORLD())
    selfCommunicator = Communicator(predefined: WB_MPI_COMM_SELF())
    // The runner's call board (`WORKBOOK_CALLS`), when it gave one: from here on this rank's
    // blocking calls are recorded in its slot.
    openCallBoard(rank: world.rank)
    Environment.current = self
    // A program that returns from main without finalising makes mpirun report an abnormal
    // exit; finalise at exit if nobody did.
    atexit { Environment.current?.finalizeQuietly() }
  }

  deinit { finalizeQuietly() }

  /// Runs `body` with a fresh environment and finalises MPI afterwards, also when `body` throws.
  public static func run<R>(threadLevel: ThreadLevel = .single, _ body: (Environment) throws -> R) throws -> R {
    let env = try Environment(threadLevel: threadLevel)
    defer { env.finalizeQuietly() }
    return try body(env)
  }

  /// Finalises MPI (`MPI_Finalize`). Every rank must call it; afterwards no MPI call is allowed.
  /// It waits for the other ranks (Open MPI 4.1 synchronises in it), so it is recorded like a
  /// blocking call: a rank whose program ended early sits here while the others wait for it.
  public func finalize(file: StaticString = #fileID, line: UInt = #line) throws {
    guard !finalized else { return }
    finalized = true
    Environment.current = nil
    try traced("finalize", file, line, CallRecord(.finalize)) { try mpi_finalize() }
  }

  private func finalizeQuietly() { try? finalize() }

  /// Whether MPI is initialised and not yet finalised in this process.
  public static var isActive: Bool {
    mpi_initialized() && !mpi_finalized()
  }

  /// Ends every process of the job (`MPI_Abort` on `MPI_COMM_WORLD`) with `code` as mpirun's
  /// exit status. Explicit on purpose: nothing in this module aborts behind your back.
  public static func abort(code: Int32 = 1) -> Never {
    mpi_abort(WB_MPI_COMM_WORLD(), code)
  }

  /// Seconds since an arbitrary time in the past (`MPI_Wtime`). Use differences only.
  @inlinable
  public static func wtime() -> Double { mpi_wtime() }

  /// The resolution of `wtime()` in seconds (`MPI_Wtick`).
  public static func wtick() -> Double { mpi_wtick() }

  /// This processor's name (`MPI_Get_processor_name`), usually the host name.
  public static var processorName: String {
    mpi_get_processor_name()
  }

  /// The MPI standard version the library implements (`MPI_Get_version`), e.g. (3, 1).
  public static var standardVersion: (major: Int, minor: Int) {
    let (major, minor) = mpi_get_version()
    return (Int(major), Int(minor))
  }

  /// The library's own version text (`MPI_Get_library_version`), e.g. "Open MPI v4.1.4, ...".
  public static var libraryVersion: String {
    mpi_get_library_version()
  }
}
