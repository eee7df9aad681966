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
  // The heap block itself, and `storage` (its public view), are in Internals/Memory.swift.
  @usableFromInline let memory: AlignedStorage<T>

  /// Buffers of at least this many bytes start on a page boundary.
  ///
  /// Where a message sits in memory matters to shared-memory MPI: a large message is copied
  /// between the processes page by page (with `process_vm_readv` in Open MPI's vader
  /// transport), and a buffer that starts mid-page touches one page more. Measured with a C
  /// ping-pong on the development machine: 4 KiB took 2.80 µs from a page-aligned buffer and
  /// 3.19 µs from a Swift array's storage; 64 KiB 28.0 µs against 30.9 µs. The OSU benchmarks
  /// align their buffers the same way.
  public static var pageAlignmentThreshold: Int { 4096 }

  /// A buffer of `count` zero-initialised elements, page-aligned from 4 KiB up.
  /// - Precondition: `T` is a plain value type (no references), as every `MPIElement` should be.
  public init(count: Int) {
    precondition(_isPOD(T.self), "MPIBuffer holds plain values only")
    precondition(count >= 0, "MPIBuffer count must not be negative")
    let bytes = count * MemoryLayout<T>.stride
    let alignment = bytes >= Self.pageAlignmentThreshold ? 4096 : max(64, MemoryLayout<T>.alignment)
    memory = AlignedStorage(count: count, alignment: alignment)
  }

  /// A buffer holding a copy of `values`.
  public convenience init(_ values: [T]) {
    self.init(count: values.count)
    memory.assign(values)
  }

  deinit { memory.deallocate() }

  /// Number of elements.
  @inlinable public var count: Int { memory.count }

  /// A copy of the contents.
  public var array: [T] { memory.prefix(memory.count) }

  /// A copy of the first `n` elements, e.g. the part a receive filled
  /// (`n = try status.count(of: T.self)`).
  public func prefix(_ n: Int) -> [T] { memory.prefix(n) }

  /// Element `i`, bounds-checked (unlike the raw `storage`).
  @inlinable
  public subscript(i: Int) -> T {
    get {
      precondition(i >= 0 && i < memory.count, "MPIBuffer index \(i) out of range 0..<\(memory.count)")
      return memory[i]
    }
    set {
      precondition(i >= 0 && i < memory.count, "MPIBuffer index \(i) out of range 0..<\(memory.count)")
      memory[i] = newValue
    }
  }

  /// Overwrites the first `values.count` elements with `values`.
  public func assign(_ values: [T]) {
    precondition(values.count <= memory.count, "\(values.count) values do not fit in an MPIBuffer of \(memory.count)")
    memory.assign(values)
  }
}
