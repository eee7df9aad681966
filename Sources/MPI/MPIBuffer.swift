#if canImport(Glibc)
import Glibc
#endif

/// Heap storage with a fixed address, for non-blocking operations.
///
/// A non-blocking send or receive keeps using its buffer after the call returns, so the buffer
/// must not move or disappear until the request completes. Swift arrays may do both (a copy on
/// write moves the elements); an `MPIBuffer` does neither, and a `Request` keeps its buffer
/// alive until it completes.
///
/// ```swift
/// let halo = MPIBuffer<Double>(count: 64)
/// let r = try world.ireceive(into: halo, from: left)
/// // ... compute the interior ...
/// let status = try r.wait()
/// let values = halo.array
/// ```
public final class MPIBuffer<T: MPIElement> {
  /// The storage; valid for the buffer's lifetime.
  public let storage: UnsafeMutableBufferPointer<T>

  /// A buffer of `count` zero-initialised elements.
  /// - Precondition: `T` is a plain value type (no references), as every `MPIElement` should be.
  public init(count: Int) {
    precondition(_isPOD(T.self), "MPIBuffer holds plain values only")
    precondition(count >= 0, "MPIBuffer count must not be negative")
    storage = .allocate(capacity: count)
    if count > 0 { memset(storage.baseAddress!, 0, count * MemoryLayout<T>.stride) }
  }

  /// A buffer holding a copy of `values`.
  public convenience init(_ values: [T]) {
    self.init(count: values.count)
    _ = storage.update(fromContentsOf: values)
  }

  deinit { storage.deallocate() }

  /// Number of elements.
  @inlinable public var count: Int { storage.count }

  /// A copy of the contents.
  public var array: [T] { Array(storage) }

  /// A copy of the first `n` elements, e.g. the part a receive filled
  /// (`n = try status.count(of: T.self)`).
  public func prefix(_ n: Int) -> [T] { Array(storage.prefix(n)) }

  /// Element `i`, bounds-checked (unlike the raw `storage`).
  @inlinable
  public subscript(i: Int) -> T {
    get {
      precondition(i >= 0 && i < storage.count, "MPIBuffer index \(i) out of range 0..<\(storage.count)")
      return storage[i]
    }
    set {
      precondition(i >= 0 && i < storage.count, "MPIBuffer index \(i) out of range 0..<\(storage.count)")
      storage[i] = newValue
    }
  }

  /// Overwrites the first `values.count` elements with `values`.
  public func assign(_ values: [T]) {
    precondition(values.count <= storage.count, "\(values.count) values do not fit in an MPIBuffer of \(storage.count)")
    _ = UnsafeMutableBufferPointer(rebasing: storage[0..<values.count]).update(fromContentsOf: values)
  }
}
