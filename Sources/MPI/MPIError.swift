import CMPI

/// An error returned by an MPI call: its error class, the implementation's message, and the
/// MPI function that failed.
///
/// The workbook installs `MPI_ERRORS_RETURN` on the world and self communicators at start-up, so
/// a bad argument (an invalid rank, a root outside the communicator, a message longer than the
/// receive buffer) comes back here as a Swift error instead of aborting the whole job. The error
/// also says which call of yours failed, and where (`site`).
///
/// ```swift
/// do {
///   try world.send([1, 2, 3], to: world.size)      // no such rank
/// } catch let error as MPIError where error.errorClass == .rank {
///   print(error)   // MPI_Send failed: MPI_ERR_RANK: invalid rank, in send at Ring.swift:12
/// }
/// ```
public struct MPIError: Error, CustomStringConvertible, Equatable {
  /// The raw error code the call returned.
  public let code: Int32
  /// The code's error class (`MPI_Error_class`).
  public let errorClass: ErrorClass
  /// The implementation's text for the code (`MPI_Error_string`).
  public let message: String
  /// The MPI function that returned the code, e.g. `"MPI_Send"`.
  public let function: String
  /// The call of this module that failed and where it was made (the `#fileID` and `#line` its
  /// caller passed); nil for errors of calls that take no call site (`Environment`, datatypes).
  public internal(set) var site: CallSite?

  /// A call of the MPI module and the line that made it.
  public struct CallSite: Equatable, Sendable, CustomStringConvertible {
    /// The module's function, e.g. `"receive"`.
    public let call: String
    /// The caller's `#fileID`, e.g. `"exercise09/PointToPoint.swift"`.
    public let file: String
    /// The caller's line.
    public let line: Int

    /// "receive at PointToPoint.swift:12": the file without its module.
    public var description: String { "\(call) at \(file.split(separator: "/").last.map(String.init) ?? file):\(line)" }
  }

  /// The function, class and message, then the call site when known, e.g.
  /// `MPI_Send failed: MPI_ERR_RANK: invalid rank, in send at Ring.swift:12` (without a site:
  /// `MPI_Send: MPI_ERR_RANK: invalid rank`). The class is left out when the message already
  /// starts with it, as Open MPI's messages do.
  public var description: String {
    // Open MPI's messages already start with the class name ("MPI_ERR_RANK: invalid rank").
    let what = message.hasPrefix(errorClass.description) ? message : "\(errorClass): \(message)"
    guard let site else { return "\(function): \(what)" }
    return "\(function) failed: \(what), in \(site)"
  }

  init(code: Int32, function: String) {
    self.code = code
    self.function = function
    self.errorClass = ErrorClass(rawValue: mpi_error_class(code) ?? code)
    self.message = mpi_error_string(code) ?? "unknown error code \(code)"
  }

  /// An error raised by the Swift layer itself (a count mismatch it can see before calling MPI).
  @usableFromInline
  init(_ errorClass: ErrorClass, function: String, message: String) {
    self.code = errorClass.rawValue
    self.errorClass = errorClass
    self.function = function
    self.message = message
  }
}

/// An MPI error class (MPI 3.1 §8.4, "Error Codes and Classes"), e.g. `.rank` for
/// `MPI_ERR_RANK`. Open MPI 4.1 implements MPI 3.1.
public struct ErrorClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The class's code: one of the `MPI_ERR_…` constants, or `MPI_SUCCESS`.
  public let rawValue: Int32
  /// An error class from its code. Any value is accepted: classes without a name here (e.g.
  /// `MPI_ERR_WIN`) print as "MPI error class N".
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// `MPI_SUCCESS`: no error.
  public static let success = ErrorClass(rawValue: MPI_SUCCESS)
  /// `MPI_ERR_BUFFER`: invalid buffer. This module also throws it when an explicit datatype
  /// reaches outside the Swift array (see `Communicator.send(_:startingAt:count:datatype:to:tag:)`).
  public static let buffer = ErrorClass(rawValue: MPI_ERR_BUFFER)
  /// `MPI_ERR_COUNT`: invalid count. This module also throws it for counts that do not fit in a
  /// C `int` and for element counts that do not match the communicator (scatter, all-to-all).
  public static let count = ErrorClass(rawValue: MPI_ERR_COUNT)
  /// `MPI_ERR_TYPE`: invalid datatype; also thrown by `Status.count(of:)` when the message is not
  /// a whole number of elements.
  public static let type = ErrorClass(rawValue: MPI_ERR_TYPE)
  /// `MPI_ERR_TAG`: a negative tag, or one above the implementation's `MPI_TAG_UB`.
  public static let tag = ErrorClass(rawValue: MPI_ERR_TAG)
  /// `MPI_ERR_COMM`: invalid communicator.
  public static let comm = ErrorClass(rawValue: MPI_ERR_COMM)
  /// `MPI_ERR_RANK`: a rank outside the communicator.
  public static let rank = ErrorClass(rawValue: MPI_ERR_RANK)
  /// `MPI_ERR_REQUEST`: invalid request handle.
  public static let request = ErrorClass(rawValue: MPI_ERR_REQUEST)
  /// `MPI_ERR_ROOT`: a collective's root is not a rank of the communicator.
  public static let root = ErrorClass(rawValue: MPI_ERR_ROOT)
  /// `MPI_ERR_GROUP`: invalid group.
  public static let group = ErrorClass(rawValue: MPI_ERR_GROUP)
  /// `MPI_ERR_OP`: an operation that does not apply to the datatype (e.g. `.bitwiseAnd` on
  /// doubles); also thrown by `Op.custom` when every trampoline slot is taken.
  public static let op = ErrorClass(rawValue: MPI_ERR_OP)
  /// `MPI_ERR_TOPOLOGY`: a topology call on a communicator without that topology.
  public static let topology = ErrorClass(rawValue: MPI_ERR_TOPOLOGY)
  /// `MPI_ERR_DIMS`: invalid dimensions; also thrown by the Cartesian calls when an array's
  /// length does not match the grid's number of dimensions.
  public static let dims = ErrorClass(rawValue: MPI_ERR_DIMS)
  /// `MPI_ERR_ARG`: an invalid argument not covered by a more specific class.
  public static let arg = ErrorClass(rawValue: MPI_ERR_ARG)
  /// `MPI_ERR_UNKNOWN`: an error the implementation cannot classify.
  public static let unknown = ErrorClass(rawValue: MPI_ERR_UNKNOWN)
  /// `MPI_ERR_TRUNCATE`: the message is longer than the receive buffer.
  public static let truncate = ErrorClass(rawValue: MPI_ERR_TRUNCATE)
  /// `MPI_ERR_OTHER`: a known error without a class of its own; `Environment` throws it when MPI
  /// was already initialised or finalised.
  public static let other = ErrorClass(rawValue: MPI_ERR_OTHER)
  /// `MPI_ERR_INTERN`: an internal error in the MPI library.
  public static let intern = ErrorClass(rawValue: MPI_ERR_INTERN)
  /// `MPI_ERR_IN_STATUS`: a multi-request call (`MPI_Waitall`, …) failed; each status's
  /// `MPI_ERROR` field holds that request's own code.
  public static let inStatus = ErrorClass(rawValue: MPI_ERR_IN_STATUS)
  /// `MPI_ERR_PENDING`: in a failed multi-request call, a request that neither failed nor
  /// completed.
  public static let pending = ErrorClass(rawValue: MPI_ERR_PENDING)

  private static let names: [Int32: String] = [
    MPI_SUCCESS: "MPI_SUCCESS", MPI_ERR_BUFFER: "MPI_ERR_BUFFER", MPI_ERR_COUNT: "MPI_ERR_COUNT",
    MPI_ERR_TYPE: "MPI_ERR_TYPE", MPI_ERR_TAG: "MPI_ERR_TAG", MPI_ERR_COMM: "MPI_ERR_COMM",
    MPI_ERR_RANK: "MPI_ERR_RANK", MPI_ERR_REQUEST: "MPI_ERR_REQUEST", MPI_ERR_ROOT: "MPI_ERR_ROOT",
    MPI_ERR_GROUP: "MPI_ERR_GROUP", MPI_ERR_OP: "MPI_ERR_OP", MPI_ERR_TOPOLOGY: "MPI_ERR_TOPOLOGY",
    MPI_ERR_DIMS: "MPI_ERR_DIMS", MPI_ERR_ARG: "MPI_ERR_ARG", MPI_ERR_UNKNOWN: "MPI_ERR_UNKNOWN",
    MPI_ERR_TRUNCATE: "MPI_ERR_TRUNCATE", MPI_ERR_OTHER: "MPI_ERR_OTHER", MPI_ERR_INTERN: "MPI_ERR_INTERN",
    MPI_ERR_IN_STATUS: "MPI_ERR_IN_STATUS", MPI_ERR_PENDING: "MPI_ERR_PENDING",
  ]

  /// The C name, e.g. `"MPI_ERR_RANK"`.
  public var description: String { Self.names[rawValue] ?? "MPI error class \(rawValue)" }
}
