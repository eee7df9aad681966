import CVTKBridge

// The VTK module: Swift classes over VTK 9.1, one wrapped VTK class per type.
//
// Each class names the VTK class it wraps, so what a learner writes here carries over to C++ or
// Python VTK. Objects own one VTK reference and give it back in `deinit`; VTK keeps its own
// references to what it holds (a renderer holds its actors), so dropping a Swift wrapper never
// pulls an object out of a scene.
//
// Not wrapped yet: volumes and image data, readers and writers other than `vtkPNGReader` (PNGs
// are written by `Imaging`), interaction styles and event loops (windows on screen are GLFW's
// job in `Window`).

/// The base of every wrapped VTK object: holds one reference and releases it in `deinit`.
///
/// Wraps `vtkObjectBase` (`Register` / `UnRegister`) through `vtkb_release`.
open class VTKObject: CustomStringConvertible {
  /// The bridge handle. Valid for the life of this object.
  public let handle: OpaquePointer

  /// Takes ownership of a handle the bridge returned (a new reference).
  ///
  /// The handle must be an instance of the VTK class this Swift class wraps (a `Camera` needs a
  /// vtkCamera): the bridge checks it at every call, and a wrapper given the wrong class traps at
  /// its first call with a message naming both classes.
  public required init(owning handle: OpaquePointer) {
    self.handle = handle
  }

  /// The VTK class (or a base of it) a handle must be for this Swift class's bridge calls to
  /// accept it. `wrap(_:)` checks it; every subclass overrides it.
  class var vtkClassName: String { "vtkObjectBase" }

  deinit { vtkb_release(handle) }

  /// The VTK class name (`GetClassName`), e.g. `"vtkOpenGLRenderer"` for a `Renderer`:
  /// VTK's object factories substitute the OpenGL implementation class.
  public var className: String { String(cString: vtkb_class_name(handle)) }

  /// Whether the object is an instance of the named VTK class or a subclass (`IsA`).
  public func isA(_ vtkClassName: String) -> Bool { vtkb_is_a(handle, vtkClassName) != 0 }

  /// VTK's reference count of the object (`GetReferenceCount`), for tests and teaching.
  public var referenceCount: Int { Int(vtkb_reference_count(handle)) }

  /// The Swift class and the VTK class behind it, e.g. `Renderer(vtkOpenGLRenderer)`.
  public var description: String { "\(type(of: self))(\(className))" }

  /// Wraps a handle of an object the bridge just shared with us (a new reference): nil for a null
  /// handle, and nil (releasing the reference) when the object is not a `vtkClassName`, for
  /// down-casts of objects VTK returns, such as an actor's mapper wrapped as a `PolyDataMapper`.
  static func wrap(_ handle: OpaquePointer?) -> Self? {
    guard let handle else { return nil }
    guard vtkb_is_a(handle, vtkClassName) != 0 else {
      vtkb_release(handle)
      return nil
    }
    return Self(owning: handle)
  }
}

/// Library-wide facts and switches.
public enum VTKLibrary {
  /// VTK's version string (`vtkVersion::GetVTKVersion`), e.g. `"9.1.0"`.
  public static var version: String { String(cString: vtkb_version()) }

  /// Handles the bridge has handed out and not yet seen released. Zero once every wrapper is
  /// gone: the workbook's leak check at exit.
  public static var liveHandles: Int { Int(vtkb_live_handles()) }

  /// VTK errors reported since start-up. They are still printed; tests assert this stays 0.
  public static var errorCount: Int { Int(vtkb_error_count()) }

  /// VTK warnings since start-up. They are not printed: VTK 9.1 repeats deprecation warnings on
  /// every render.
  public static var warningCount: Int { Int(vtkb_warning_count()) }

  /// Seeds VTK's global random generator (`vtkMath::RandomSeed`). `vtkMaskPoints` in random
  /// mode (the point cloud `vtkLODActor` builds) draws from it: seed it for repeatable counts.
  public static func seedRandom(_ seed: Int32) { vtkb_random_seed(seed) }

  /// Seconds on VTK's wall clock (`vtkTimerLog::GetUniversalTime`).
  public static var universalTime: Double { vtkb_universal_time() }
}

/// An axis-aligned box as VTK reports bounds: minimum and maximum along x, y and z.
public struct Bounds: Equatable, Sendable, CustomStringConvertible {
  /// The smallest x, y and z.
  public var min: SIMD3<Double>
  /// The largest x, y and z.
  public var max: SIMD3<Double>

  /// A box from its two corners. Nothing checks that `min` is below `max`: VTK reports the
  /// bounds of empty data as uninitialised, with `min > max`.
  public init(min: SIMD3<Double>, max: SIMD3<Double>) {
    self.min = min
    self.max = max
  }

  /// From VTK's order: xmin, xmax, ymin, ymax, zmin, zmax.
  public init(vtk b: [Double]) {
    precondition(b.count == 6)
    self.init(min: SIMD3(b[0], b[2], b[4]), max: SIMD3(b[1], b[3], b[5]))
  }

  /// The middle of the box.
  public var center: SIMD3<Double> { (min + max) / 2 }
  /// The box's extent along each axis (`max - min`).
  public var size: SIMD3<Double> { max - min }

  /// `[xmin, xmax] x [ymin, ymax] x [zmin, zmax]`.
  public var description: String {
    "[\(min.x), \(max.x)] x [\(min.y), \(max.y)] x [\(min.z), \(max.z)]"
  }
}
