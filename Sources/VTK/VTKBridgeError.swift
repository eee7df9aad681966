import CVTKBridge

/// A failure reported by the C bridge under this module: its raw status code, the bridge's
/// message, and the bridge function that failed.
///
/// Bridge functions check the class of every handle they are given (`SafeDownCast`), so a handle
/// of the wrong class comes back as a status instead of a null pointer dereferenced in C++. The
/// typed wrappers cannot pass a wrong handle unless one was wrapped as the wrong Swift class, so
/// most of them trap with this error's text rather than throw it (see Internals/Calls.swift).
///
/// ```swift
/// // vtkb_camera_dolly: cam is a vtkOpenGLRenderer, not a vtkCamera
/// print(error)
/// ```
public struct VTKBridgeError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The `vtkb_status` the bridge function returned: `nullHandle`, `wrongClass` or `vtkFailed`.
  public let code: Int32
  /// Why it failed, e.g. `"cam is a vtkOpenGLRenderer, not a vtkCamera"`.
  public let message: String
  /// The bridge function that failed, e.g. `"vtkb_camera_dolly"`.
  public let function: String

  /// `VTKB_ERR_NULL_HANDLE`: a handle argument was null.
  public static let nullHandle: Int32 = VTKB_ERR_NULL_HANDLE
  /// `VTKB_ERR_WRONG_CLASS`: a handle argument is not an instance of the VTK class the function
  /// needs; the message names the argument, its class and the class expected.
  public static let wrongClass: Int32 = VTKB_ERR_WRONG_CLASS
  /// `VTKB_ERR_FAILED`: the handles were right but the call could not be done (VTK returned no
  /// pixels, a file is not a readable PNG, no VTK event has the name given).
  public static let vtkFailed: Int32 = VTKB_ERR_FAILED

  /// `function: message`, e.g. `vtkb_camera_dolly: cam is a vtkOpenGLRenderer, not a vtkCamera`.
  public var description: String { "\(function): \(message)" }

  /// An error with the given parts, for tests and for failures the Swift layer finds itself.
  public init(code: Int32, message: String, function: String) {
    self.code = code
    self.message = message
    self.function = function
  }

  /// The failure the bridge recorded for this thread's last failed call, which returned `code`
  /// (`vtkb_last_error`, `vtkb_last_error_function`). Read it right after that call.
  init(lastFailure code: vtkb_status) {
    self.init(
      code: code, message: String(cString: vtkb_last_error()),
      function: String(cString: vtkb_last_error_function()))
  }
}
