import CMPI

/// An error returned by an MPI call: its error class, the implementation's message, and the
/// MPI function that failed.
///
/// The workbook installs `MPI_ERRORS_RETURN` on the world and self communicators at start-up, so
/// a bad argument (an invalid rank, a root outside the communicator, a message longer than the
/// receive buffer) comes back here as a Swift error instead of aborting the whole job.
///
/// ```swift
/// do {
///   try world.send([1, 2, 3], to: world.size)      // no such rank
/// } catch let error as MPIError where error.errorClass == .rank {
///   print(error)   // MPI_Send: MPI_ERR_RANK: invalid rank
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

  public var description: String {
    // Open MPI's messages already start with the class name ("MPI_ERR_RANK: invalid rank").
    message.hasPrefix(errorClass.description) ? "\(function): \(message)" : "\(function): \(errorClass): \(message)"
  }

  init(code: Int32, function: String) {
    self.code = code
    self.function = function
    var cls: Int32 = 0
    if MPI_Error_class(code, &cls) != MPI_SUCCESS { cls = code }
    self.errorClass = ErrorClass(rawValue: cls)
    var buffer = [CChar](repeating: 0, count: 512)
    var length: Int32 = 0
    if MPI_Error_string(code, &buffer, &length) == MPI_SUCCESS {
      self.message = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    } else {
      self.message = "unknown error code \(code)"
    }
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
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static let success = ErrorClass(rawValue: MPI_SUCCESS)
  public static let buffer = ErrorClass(rawValue: MPI_ERR_BUFFER)
  public static let count = ErrorClass(rawValue: MPI_ERR_COUNT)
  public static let type = ErrorClass(rawValue: MPI_ERR_TYPE)
  public static let tag = ErrorClass(rawValue: MPI_ERR_TAG)
  public static let comm = ErrorClass(rawValue: MPI_ERR_COMM)
  public static let rank = ErrorClass(rawValue: MPI_ERR_RANK)
  public static let request = ErrorClass(rawValue: MPI_ERR_REQUEST)
  public static let root = ErrorClass(rawValue: MPI_ERR_ROOT)
  public static let group = ErrorClass(rawValue: MPI_ERR_GROUP)
  public static let op = ErrorClass(rawValue: MPI_ERR_OP)
  public static let topology = ErrorClass(rawValue: MPI_ERR_TOPOLOGY)
  public static let dims = ErrorClass(rawValue: MPI_ERR_DIMS)
  public static let arg = ErrorClass(rawValue: MPI_ERR_ARG)
  public static let unknown = ErrorClass(rawValue: MPI_ERR_UNKNOWN)
  public static let truncate = ErrorClass(rawValue: MPI_ERR_TRUNCATE)
  public static let other = ErrorClass(rawValue: MPI_ERR_OTHER)
  public static let intern = ErrorClass(rawValue: MPI_ERR_INTERN)
  public static let inStatus = ErrorClass(rawValue: MPI_ERR_IN_STATUS)
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
