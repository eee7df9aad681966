import CVTKBridge

// Pointer plumbing for bridge calls that fill arrays. Public files call these and never
// see a pointer.

/// Calls a bridge function that fills `count` doubles and returns them.
func fillDoubles(_ count: Int, _ body: (UnsafeMutablePointer<Double>) -> Void) -> [Double] {
  var out = [Double](repeating: 0, count: count)
  out.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  return out
}

/// Calls a bridge function that fills three doubles and returns them as a vector.
func fillVector(_ body: (UnsafeMutablePointer<Double>) -> Void) -> SIMD3<Double> {
  let v = fillDoubles(3, body)
  return SIMD3(v[0], v[1], v[2])
}

/// Calls a bridge function that fills VTK-ordered bounds.
func fillBounds(_ body: (UnsafeMutablePointer<Double>) -> Void) -> Bounds {
  Bounds(vtk: fillDoubles(6, body))
}

/// Passes three doubles as a C array.
func withVector<R>(_ v: SIMD3<Double>, _ body: (UnsafePointer<Double>) -> R) -> R {
  let a = [v.x, v.y, v.z]
  return a.withUnsafeBufferPointer { body($0.baseAddress!) }
}
