import CVTKBridge

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// How this module handles bridge failures.
//
// Every bridge function that takes a handle checks its class first and returns a `vtkb_status`
// (vtkbridge.h); a wrong handle no longer reaches C++ as a null pointer. `check(_:)` turns a
// status into a thrown `VTKBridgeError`. Which wrappers throw, trap or return nil:
//
// - Trap (`must(_:)`): calls that the typed API cannot get wrong. A `Camera` holds a vtkCamera,
//   a `Renderer` a vtkRenderer, and each wrapper calls only bridge functions that accept its class,
//   so a failure means a handle was wrapped as the wrong Swift class (a misused `init(owning:)`):
//   a programmer mistake. `must` stops with the bridge's message (function, argument, expected
//   and actual class) and the wrapper's file and line. Making these `throws` would put `try` on
//   hundreds of call sites for an error no correct program meets. The same goes for the two
//   read-backs VTK itself can fail (`captureColor`, `captureDepth`), which trapped already.
// - Return nil: handles VTK hands back whose class Swift cannot promise, i.e. down-casts. An
//   actor's mapper (any vtkMapper, wrapped as `PolyDataMapper`), a vtkLODActor's mapper list, the
//   LOD filters, a renderer's cullers, a pipeline's output. `VTKObject.wrap(_:)` checks the handle
//   against the wrapper's `vtkClassName` (`IsA`) before wrapping it and gives nil, releasing the
//   handle, when it does not match, as these optional results already did for "none".
// - Throw, then turn into nil: `PNGReader.read`, where failure is about the file, not the program.
//
// Helpers below also do the pointer plumbing for bridge calls that fill arrays, so that public
// files never see a pointer.

/// Turns a bridge status into a thrown `VTKBridgeError` carrying the bridge's message.
@inline(__always)
func check(_ status: vtkb_status) throws(VTKBridgeError) {
  if _fastPath(status == VTKB_OK) { return }
  throw VTKBridgeError(lastFailure: status)
}

/// Runs a bridge call that cannot fail through the typed API, trapping with the bridge's message
/// (and the caller's file and line) if it does.
@inline(__always)
func must(_ status: vtkb_status, file: StaticString = #fileID, line: UInt = #line) {
  if _fastPath(status == VTKB_OK) { return }
  bridgeFailure(status, file: file, line: line)
}

/// Runs a bridge getter that writes one value through its last argument and returns the value;
/// traps as `must(_:)` does.
@inline(__always)
func must<T>(
  _ initial: T, file: StaticString = #fileID, line: UInt = #line,
  _ call: (UnsafeMutablePointer<T>) -> vtkb_status
) -> T {
  var value = initial
  must(withUnsafeMutablePointer(to: &value) { call($0) }, file: file, line: line)
  return value
}

/// The trap behind `must`, kept out of line so the success path stays small.
@inline(never)
func bridgeFailure(_ status: vtkb_status, file: StaticString, line: UInt) -> Never {
  let error = VTKBridgeError(lastFailure: status)
  let hint = status == VTKB_ERR_FAILED ? "" : " (was a handle wrapped as the wrong Swift class?)"
  fatalError("VTK bridge: \(error)\(hint)", file: file, line: line)
}

/// Calls a bridge function that fills `count` doubles and returns them.
func fillDoubles(
  _ count: Int, file: StaticString = #fileID, line: UInt = #line,
  _ body: (UnsafeMutablePointer<Double>) -> vtkb_status
) -> [Double] {
  var out = [Double](repeating: 0, count: count)
  must(out.withUnsafeMutableBufferPointer { body($0.baseAddress!) }, file: file, line: line)
  return out
}

/// Calls a bridge function that fills three doubles and returns them as a vector.
func fillVector(
  file: StaticString = #fileID, line: UInt = #line,
  _ body: (UnsafeMutablePointer<Double>) -> vtkb_status
) -> SIMD3<Double> {
  let v = fillDoubles(3, file: file, line: line, body)
  return SIMD3(v[0], v[1], v[2])
}

/// Calls a bridge function that fills VTK-ordered bounds.
func fillBounds(
  file: StaticString = #fileID, line: UInt = #line,
  _ body: (UnsafeMutablePointer<Double>) -> vtkb_status
) -> Bounds {
  Bounds(vtk: fillDoubles(6, file: file, line: line, body))
}

/// Passes three doubles as a C array.
func withVector<R>(_ v: SIMD3<Double>, _ body: (UnsafePointer<Double>) -> R) -> R {
  let a = [v.x, v.y, v.z]
  return a.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Seconds on the monotonic clock (`clock_gettime(CLOCK_MONOTONIC)`), for timing one bridge call.
func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
