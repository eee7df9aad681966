import CMPI

// The memory MPI reads and writes, and the only place where the module turns Swift storage into
// addresses. The call functions (Calls+*.swift) take a `MessageSource` to read from or a
// `MessageTarget` to write into, so one function serves arrays, `MPIBuffer`s and single values
// alike; everything here is @inlinable, so a call specialises down to the pointer it passes.

/// Memory an MPI call reads from.
@usableFromInline
protocol MessageSource {
  /// Calls `body` with the address of element `offset` (counted in the storage's own element
  /// type), valid only during `body`. Nil only for storage with no address (an empty array).
  func withSourceAddress<R>(at offset: Int, _ body: (UnsafeRawPointer?) throws -> R) rethrows -> R
}

/// Memory an MPI call writes into.
@usableFromInline
protocol MessageTarget {
  /// Calls `body` with the writable address of element `offset`, valid only during `body`.
  mutating func withTargetAddress<R>(at offset: Int, _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R
}

extension Array: MessageSource, MessageTarget {
  @inlinable @inline(__always)
  func withSourceAddress<R>(at offset: Int, _ body: (UnsafeRawPointer?) throws -> R) rethrows -> R {
    try withUnsafeBufferPointer { p in try body(p.baseAddress.map { UnsafeRawPointer($0 + offset) }) }
  }

  @inlinable @inline(__always)
  mutating func withTargetAddress<R>(at offset: Int, _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R {
    try withUnsafeMutableBufferPointer { p in try body(p.baseAddress.map { UnsafeMutableRawPointer($0 + offset) }) }
  }
}

extension MPIBuffer: MessageSource, MessageTarget {
  @inlinable @inline(__always)
  func withSourceAddress<R>(at offset: Int, _ body: (UnsafeRawPointer?) throws -> R) rethrows -> R {
    try body(UnsafeRawPointer(memory.base + offset))
  }

  // Not mutating: the buffer is a class, and its storage never moves.
  @inlinable @inline(__always)
  func withTargetAddress<R>(at offset: Int, _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R {
    try body(UnsafeMutableRawPointer(memory.base + offset))
  }
}

/// One value as a message of one element: sending, broadcasting or reducing a single value
/// without an array.
@usableFromInline
struct OneValue<T>: MessageSource, MessageTarget {
  @usableFromInline var value: T

  @inlinable @inline(__always)
  init(_ value: T) { self.value = value }

  /// A value with every byte zero, to receive into. `T` must be a plain value type.
  @inlinable
  static func zeroed() -> OneValue<T> {
    withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { p in
      UnsafeMutableRawPointer(p.baseAddress!).initializeMemory(
        as: UInt8.self, repeating: 0, count: MemoryLayout<T>.size)
      return OneValue(p.baseAddress!.move())
    }
  }

  @inlinable @inline(__always)
  func withSourceAddress<R>(at offset: Int, _ body: (UnsafeRawPointer?) throws -> R) rethrows -> R {
    try withUnsafePointer(to: value) { p in try body(UnsafeRawPointer(p + offset)) }
  }

  @inlinable @inline(__always)
  mutating func withTargetAddress<R>(at offset: Int, _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R {
    try withUnsafeMutablePointer(to: &value) { p in try body(UnsafeMutableRawPointer(p + offset)) }
  }
}

// MARK: - MPIBuffer's storage

/// The fixed heap block behind an `MPIBuffer`: allocated aligned and zeroed, freed by the
/// buffer's `deinit`. A pointer and a count, so reaching it from the buffer costs nothing; the
/// pointer is never nil (an empty buffer still allocates one byte), so passing it to MPI needs
/// no check.
@usableFromInline
struct AlignedStorage<T> {
  @usableFromInline let base: UnsafeMutablePointer<T>
  @usableFromInline let count: Int

  /// `count` elements with every byte zero, starting on an `alignment`-byte boundary.
  init(count: Int, alignment: Int) {
    let bytes = count * MemoryLayout<T>.stride
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: alignment)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 1))
    base = raw.bindMemory(to: T.self, capacity: count)
    self.count = count
  }

  func deallocate() { UnsafeMutableRawPointer(base).deallocate() }

  /// The elements as a buffer pointer.
  @inlinable var elements: UnsafeMutableBufferPointer<T> { UnsafeMutableBufferPointer(start: base, count: count) }

  /// Element `i`, unchecked: the buffer checks the index.
  @inlinable
  subscript(i: Int) -> T {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }

  /// A copy of the first `n` elements.
  func prefix(_ n: Int) -> [T] { Array(elements.prefix(n)) }

  /// Overwrites the first `values.count` elements; the caller checks that they fit.
  func assign(_ values: [T]) {
    _ = UnsafeMutableBufferPointer(rebasing: elements[0..<values.count]).update(fromContentsOf: values)
  }
}

extension MPIBuffer {
  /// The storage; valid for the buffer's lifetime.
  @inlinable public var storage: UnsafeMutableBufferPointer<T> { memory.elements }
}

// MARK: - Receive arrays

extension Array where Element: MPIElement {
  /// `count` elements with every byte zero: a receive buffer.
  @inlinable
  init(zeroed count: Int) {
    self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0 {
        UnsafeMutableRawPointer(buffer.baseAddress!).initializeMemory(
          as: UInt8.self, repeating: 0,
          count: count * MemoryLayout<Element>.stride)
      }
      initialized = count
    }
  }
}
