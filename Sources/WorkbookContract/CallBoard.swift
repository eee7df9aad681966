import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

// The call board: one small file, mapped into every rank and read by the runner while the job
// runs, where each rank writes which blocking MPI call it is in and from which line of whose
// code. Open MPI busy-polls inside a blocking call, so CPU time cannot tell a rank that waits
// forever from one that works; this file can.
//
// Layout (little-endian, as the machine writes it):
//
//   header, 64 bytes   0: UInt64 magic "WBCALLS1"   8: UInt32 slot size (256)   12: UInt32 slots
//   slot r, 256 bytes at 64 + r * 256, written by world rank r only:
//     0  UInt64 sequence     odd while the rank rewrites the slot (a seqlock)
//     8  UInt64 progress     +1 each time a recorded call returns (a message moved, a wait ended)
//    16  UInt64 entered      CLOCK_MONOTONIC nanoseconds when the current call began
//    24  UInt32 state        0 never written, 1 outside MPI's blocking calls, 2 inside one
//    28  UInt32 line         the caller's line
//    32  Int64  count        elements (or requests, for waits on several), -1 when unknown
//    40  Int32  peer         destination, source or root (see `CallKind`)
//    44  Int32  tag
//    48  Int32  peer2        sendReceive's source
//    52  Int32  tag2         sendReceive's receive tag
//    56  UInt16 kind         `CallKind`
//    58  UInt16 detail       for `wait`: the `CallKind` that started the request
//    60  UInt8  type length, UInt8 file length, 2 bytes unused
//    64  32 bytes            element type name (UTF-8, truncated)
//    96  160 bytes           the caller's #fileID, "Module/File.swift" (UTF-8, truncated)
//
// The runner creates the file, zeroed, sized for the job's ranks, before mpirun starts; a rank
// maps it at MPI initialisation and writes only its own slot, so ranks that start at different
// times never race for it. A reader copies a slot between two reads of `sequence` and keeps the
// copy only when both are equal and even, so a slot read while its rank rewrites it is retried,
// never shown torn.

/// The shared file of per-rank call slots (`HarnessEnvironment.calls`): layout, creation by the
/// runner, writing by a rank (`CallBoard.Writer`), reading by the runner (`CallBoard.read`).
public enum CallBoard {
  /// "WBCALLS1" as a little-endian UInt64: the first 8 bytes of a call board.
  public static let magic: UInt64 = 0x3153_4C4C_4143_4257
  /// Bytes before the first slot.
  public static let headerSize = 64
  /// Bytes per rank.
  public static let slotSize = 256
  /// Bytes of the element type name kept in a slot.
  public static let typeCapacity = 32
  /// Bytes of the caller's `#fileID` kept in a slot.
  public static let fileCapacity = 160

  enum Offset {
    static let sequence = 0
    static let progress = 8
    static let entered = 16
    static let state = 24
    static let line = 28
    static let count = 32
    static let peer = 40
    static let tag = 44
    static let peer2 = 48
    static let tag2 = 52
    static let kind = 56
    static let detail = 58
    static let typeLength = 60
    static let fileLength = 61
    static let type = 64
    static let file = 96
  }

  /// The size of a board for `ranks` ranks.
  public static func fileSize(ranks: Int) -> Int { headerSize + ranks * slotSize }

  /// What a board file could not be made of.
  public struct BoardError: Error, CustomStringConvertible {
    /// Why, with the path.
    public let description: String
  }

  /// Creates (or replaces) the board at `path` with `ranks` empty slots. The runner calls it
  /// before it starts the job.
  public static func create(path: String, ranks: Int) throws {
    var bytes = [UInt8](repeating: 0, count: fileSize(ranks: ranks))
    withUnsafeBytes(of: magic.littleEndian) { m in for i in 0..<8 { bytes[i] = m[i] } }
    withUnsafeBytes(of: UInt32(slotSize).littleEndian) { s in for i in 0..<4 { bytes[8 + i] = s[i] } }
    withUnsafeBytes(of: UInt32(ranks).littleEndian) { s in for i in 0..<4 { bytes[12 + i] = s[i] } }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { throw BoardError(description: "cannot create \(path): errno \(errno)") }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw BoardError(description: "cannot write \(path): errno \(errno)") }
  }

  /// A whole board mapped into memory, shared with every process that maps the same file.
  final class Mapping {
    let base: UnsafeMutableRawPointer
    let length: Int
    let slots: Int

    /// Maps the board at `path`, or nil when it is missing, too short or not a board.
    init?(path: String) {
      let fd = open(path, O_RDWR)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var info = stat()
      guard fstat(fd, &info) == 0, Int(info.st_size) >= CallBoard.headerSize else { return nil }
      let length = Int(info.st_size)
      guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
      let slots = Int(UInt32(littleEndian: p.load(fromByteOffset: 12, as: UInt32.self)))
      guard UInt64(littleEndian: p.load(as: UInt64.self)) == CallBoard.magic,
        Int(UInt32(littleEndian: p.load(fromByteOffset: 8, as: UInt32.self))) == CallBoard.slotSize,
        CallBoard.fileSize(ranks: slots) <= length
      else {
        munmap(p, length)
        return nil
      }
      self.base = p
      self.length = length
      self.slots = slots
    }

    deinit { munmap(base, length) }

    func slot(_ rank: Int) -> UnsafeMutableRawPointer { base + CallBoard.headerSize + rank * CallBoard.slotSize }
  }

  /// The 8-byte word at `offset` of a slot, as an atomic: the sequence and the progress counter.
  static func word(_ slot: UnsafeMutableRawPointer, _ offset: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
    (slot + offset).assumingMemoryBound(to: Atomic<UInt64>.self)
  }

  /// What the runner reads: each rank's slot, in rank order, for ranks `0..<ranks`; nil for a
  /// rank without a slot, one that never wrote it (it has not initialised MPI yet, or runs on
  /// another machine, where the file is not shared), or one that could not be read consistently.
  /// Empty when there is no board at `path`.
  public static func read(path: String, ranks: Int) -> [RankCall?] {
    guard let board = Mapping(path: path) else { return [] }
    return (0..<ranks).map { r in r < board.slots ? readSlot(board.slot(r)) : nil }
  }

  /// One slot, copied while its rank was not rewriting it.
  static func readSlot(_ slot: UnsafeMutableRawPointer) -> RankCall? {
    let sequence = word(slot, Offset.sequence)
    var copy = [UInt8](repeating: 0, count: slotSize)
    // A rank rewrites its slot in well under a microsecond; a few hundred tries is plenty.
    for _ in 0..<1000 {
      let before = sequence.pointee.load(ordering: .acquiring)
      if before & 1 == 1 { continue }
      copy.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: slot, count: slotSize)) }
      atomicMemoryFence(ordering: .acquiring)
      if sequence.pointee.load(ordering: .relaxed) == before {
        return copy.withUnsafeBytes { RankCall(slot: $0) }
      }
    }
    return nil
  }

  /// Writes one rank's slot. Made by the MPI module when `HarnessEnvironment.calls` is set; every
  /// recorded call is `enter` before it and `leave` after it.
  // Unchecked: a rank writes its slot from the thread that calls MPI; the reader is another
  // process and copes with concurrent writes through the sequence.
  public final class Writer: @unchecked Sendable {
    let mapping: Mapping
    let slot: UnsafeMutableRawPointer

    /// Maps the board at `path` and takes slot `rank`; nil when there is no usable board or no
    /// slot for that rank.
    public init?(path: String, rank: Int) {
      guard let mapping = Mapping(path: path), rank >= 0, rank < mapping.slots else { return nil }
      self.mapping = mapping
      self.slot = mapping.slot(rank)
    }

    /// Starts a rewrite: the sequence becomes odd before any field changes.
    @inline(__always)
    func begin() -> UInt64 {
      let s = CallBoard.word(slot, Offset.sequence)
      let odd = s.pointee.load(ordering: .relaxed) | 1
      s.pointee.store(odd, ordering: .relaxed)
      // Keeps the field stores below from becoming visible before the odd sequence.
      atomicMemoryFence(ordering: .releasing)
      return odd
    }

    /// Ends a rewrite: the sequence becomes even again, after every field store.
    @inline(__always)
    func end(_ odd: UInt64) {
      CallBoard.word(slot, Offset.sequence).pointee.store(odd &+ 1, ordering: .releasing)
    }

    /// Records that this rank enters a blocking call.
    /// - Parameters:
    ///   - type: the element type's name, UTF-8 (empty when there is none).
    ///   - file: the caller's `#fileID`.
    public func enter(
      _ kind: CallKind, detail: CallKind? = nil, peer: Int32 = -1, tag: Int32 = -1, peer2: Int32 = -1,
      tag2: Int32 = -1, count: Int64 = -1, type: UnsafeRawBufferPointer, file: StaticString, line: UInt
    ) {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let odd = begin()
      slot.storeBytes(
        of: UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec), toByteOffset: Offset.entered, as: UInt64.self)
      slot.storeBytes(of: CallState.inCall.rawValue, toByteOffset: Offset.state, as: UInt32.self)
      slot.storeBytes(of: UInt32(truncatingIfNeeded: line), toByteOffset: Offset.line, as: UInt32.self)
      slot.storeBytes(of: count, toByteOffset: Offset.count, as: Int64.self)
      slot.storeBytes(of: peer, toByteOffset: Offset.peer, as: Int32.self)
      slot.storeBytes(of: tag, toByteOffset: Offset.tag, as: Int32.self)
      slot.storeBytes(of: peer2, toByteOffset: Offset.peer2, as: Int32.self)
      slot.storeBytes(of: tag2, toByteOffset: Offset.tag2, as: Int32.self)
      slot.storeBytes(of: kind.rawValue, toByteOffset: Offset.kind, as: UInt16.self)
      slot.storeBytes(of: detail?.rawValue ?? 0, toByteOffset: Offset.detail, as: UInt16.self)
      let typeLength = min(type.count, CallBoard.typeCapacity)
      if typeLength > 0 { (slot + Offset.type).copyMemory(from: type.baseAddress!, byteCount: typeLength) }
      slot.storeBytes(of: UInt8(typeLength), toByteOffset: Offset.typeLength, as: UInt8.self)
      let fileLength = file.hasPointerRepresentation ? min(file.utf8CodeUnitCount, CallBoard.fileCapacity) : 0
      if fileLength > 0 { (slot + Offset.file).copyMemory(from: file.utf8Start, byteCount: fileLength) }
      slot.storeBytes(of: UInt8(fileLength), toByteOffset: Offset.fileLength, as: UInt8.self)
      end(odd)
    }

    /// Records that the call entered last has returned (or thrown): the rank is outside MPI's
    /// blocking calls again and its progress counter moves on. The call's description stays, as
    /// the rank's last call.
    public func leave() {
      let odd = begin()
      slot.storeBytes(of: CallState.idle.rawValue, toByteOffset: Offset.state, as: UInt32.self)
      let progress = CallBoard.word(slot, Offset.progress)
      progress.pointee.store(progress.pointee.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
      end(odd)
    }
  }
}

/// Where a rank is, as far as the call board knows.
public enum CallState: UInt32, Sendable {
  /// The rank has not recorded any call yet.
  case never = 0
  /// The rank is outside MPI's blocking calls (computing, or in a non-blocking call).
  case idle = 1
  /// The rank is inside a blocking MPI call.
  case inCall = 2
}

/// The blocking and collective calls of the MPI module that a call board records.
public enum CallKind: UInt16, Sendable, CaseIterable {
  /// `peer` is the destination, `tag` the tag (`MPI_Send`).
  case send = 1
  /// As `send` (`MPI_Ssend`).
  case synchronousSend
  /// `peer` is the source, `tag` the tag, `count` the room (`MPI_Recv`, `MPI_Mprobe`+`MPI_Mrecv`).
  case receive
  /// `peer`/`tag` are the send's, `peer2`/`tag2` the receive's (`MPI_Sendrecv`).
  case sendReceive
  /// As `sendReceive` (`MPI_Sendrecv_replace`).
  case sendReceiveReplace
  /// `peer` is the source, `tag` the tag (`MPI_Probe`).
  case probe
  /// A wait for one request: `detail` says which call started it, `peer`/`tag` are its (`MPI_Wait`).
  case wait
  /// `count` requests (`MPI_Waitall`).
  case waitAll
  /// `count` requests (`MPI_Waitany`).
  case waitAny
  /// `MPI_Barrier`.
  case barrier
  /// `peer` is the root (`MPI_Bcast`).
  case broadcast
  /// `peer` is the root (`MPI_Gather`, `MPI_Gatherv`).
  case gather
  /// `peer` is the root (`MPI_Scatter`, `MPI_Scatterv`).
  case scatter
  /// `MPI_Allgather`, `MPI_Allgatherv`.
  case allGather
  /// `MPI_Alltoall`, `MPI_Alltoallv`.
  case allToAll
  /// `peer` is the root (`MPI_Reduce`).
  case reduce
  /// `MPI_Allreduce`.
  case allReduce
  /// `MPI_Scan`.
  case scan
  /// `MPI_Exscan`.
  case exclusiveScan
  /// A collective that makes a communicator: `MPI_Comm_dup`, `MPI_Comm_split`,
  /// `MPI_Comm_create`, `MPI_Cart_create`, `MPI_Cart_sub`.
  case newCommunicator
  /// `MPI_Finalize`: the rank's program is ending.
  case finalize
  /// `MPI_Isend`, only as the `detail` of a `wait`.
  case startSend
  /// `MPI_Irecv`, only as the `detail` of a `wait`.
  case startReceive
  /// `MPI_Issend`, only as the `detail` of a `wait`.
  case startSynchronousSend
}

/// One rank's slot as the runner read it.
public struct RankCall: Equatable, Sendable {
  /// Inside a blocking call, outside, or never seen.
  public var state: CallState
  /// How many recorded calls this rank has completed.
  public var progress: UInt64
  /// CLOCK_MONOTONIC nanoseconds when the current (or last) call began.
  public var enteredNanoseconds: UInt64
  /// The current (or last) call.
  public var kind: CallKind?
  /// For `wait`: what started the request.
  public var detail: CallKind?
  /// Destination, source or root; -1 when the call has none.
  public var peer: Int32
  /// The tag; -1 when the call has none.
  public var tag: Int32
  /// `sendReceive`'s source.
  public var peer2: Int32
  /// `sendReceive`'s receive tag.
  public var tag2: Int32
  /// Elements (or requests); -1 when unknown.
  public var count: Int64
  /// The element type's name, e.g. "Double"; empty when the call has none.
  public var elementType: String
  /// The caller's `#fileID`, e.g. "exercise09/PointToPoint.swift".
  public var file: String
  /// The caller's line.
  public var line: Int

  /// A slot from its fields; tests build snapshots with it.
  public init(
    state: CallState, progress: UInt64, enteredNanoseconds: UInt64 = 0, kind: CallKind?, detail: CallKind? = nil,
    peer: Int32 = -1, tag: Int32 = -1, peer2: Int32 = -1, tag2: Int32 = -1, count: Int64 = -1,
    elementType: String = "", file: String, line: Int
  ) {
    self.state = state
    self.progress = progress
    self.enteredNanoseconds = enteredNanoseconds
    self.kind = kind
    self.detail = detail
    self.peer = peer
    self.tag = tag
    self.peer2 = peer2
    self.tag2 = tag2
    self.count = count
    self.elementType = elementType
    self.file = file
    self.line = line
  }

  /// Decodes a slot's bytes; nil for a slot its rank never wrote.
  init?(slot b: UnsafeRawBufferPointer) {
    typealias O = CallBoard.Offset
    guard let state = CallState(rawValue: b.load(fromByteOffset: O.state, as: UInt32.self)), state != .never else {
      return nil
    }
    func text(_ offset: Int, _ length: Int) -> String {
      String(decoding: UnsafeRawBufferPointer(rebasing: b[offset..<offset + length]), as: UTF8.self)
    }
    self.init(
      state: state, progress: b.load(fromByteOffset: O.progress, as: UInt64.self),
      enteredNanoseconds: b.load(fromByteOffset: O.entered, as: UInt64.self),
      kind: CallKind(rawValue: b.load(fromByteOffset: O.kind, as: UInt16.self)),
      detail: CallKind(rawValue: b.load(fromByteOffset: O.detail, as: UInt16.self)),
      peer: b.load(fromByteOffset: O.peer, as: Int32.self), tag: b.load(fromByteOffset: O.tag, as: Int32.self),
      peer2: b.load(fromByteOffset: O.peer2, as: Int32.self), tag2: b.load(fromByteOffset: O.tag2, as: Int32.self),
      count: b.load(fromByteOffset: O.count, as: Int64.self),
      elementType: text(O.type, min(Int(b[O.typeLength]), CallBoard.typeCapacity)),
      file: text(O.file, min(Int(b[O.fileLength]), CallBoard.fileCapacity)),
      line: Int(b.load(fromByteOffset: O.line, as: UInt32.self)))
  }

  /// The file name without its module, e.g. "PointToPoint.swift".
  public var fileName: String { file.split(separator: "/").last.map(String.init) ?? file }

  /// Whether the call was made by the workbook's own code rather than the learner's: the chapter
  /// harness and checks (module `Chapters`, except the variants and answer keys that stand in
  /// for a learner) or the MPI module itself (finalisation at exit).
  public var isWorkbookCode: Bool {
    let parts = file.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return false }
    if parts[0] == "MPI" { return true }
    return parts[0] == "Chapters" && !parts[1].hasSuffix("+Variants.swift") && !parts[1].hasSuffix("+Reference.swift")
  }

  /// The call in words, e.g. "send to 1, tag 0 (200000 Double)" or "broadcast from root 1".
  public var what: String {
    func rank(_ r: Int32) -> String { r == -2 ? "no rank (MPI_PROC_NULL)" : (r < 0 ? "any rank" : "\(r)") }
    func tagText(_ t: Int32) -> String { t < 0 ? "any tag" : "tag \(t)" }
    let elements = count >= 0 ? "\(count)\(elementType.isEmpty ? " elements" : " \(elementType)")" : ""
    let payload = elements.isEmpty ? "" : " (\(elements))"
    let room = elements.isEmpty ? "" : " (room for \(elements))"
    guard let kind else { return "an MPI call" }
    switch kind {
    case .send: return "send to \(rank(peer)), \(tagText(tag))\(payload)"
    case .synchronousSend: return "synchronous send to \(rank(peer)), \(tagText(tag))\(payload)"
    case .receive: return "receive from \(rank(peer)), \(tagText(tag))\(room)"
    case .sendReceive, .sendReceiveReplace:
      return "send-receive: send to \(rank(peer)), \(tagText(tag)); receive from \(rank(peer2)), \(tagText(tag2))"
    case .probe: return "probe for a message from \(rank(peer)), \(tagText(tag))"
    case .wait:
      switch detail {
      case .startReceive?: return "wait for a receive from \(rank(peer)), \(tagText(tag))"
      case .startSend?: return "wait for a send to \(rank(peer)), \(tagText(tag))"
      case .startSynchronousSend?: return "wait for a synchronous send to \(rank(peer)), \(tagText(tag))"
      default: return "wait for a request"
      }
    case .waitAll: return "wait for all of \(count) requests"
    case .waitAny: return "wait for any of \(count) requests"
    case .barrier: return "barrier"
    case .broadcast: return "broadcast from root \(peer)\(payload)"
    case .gather: return "gather to root \(peer)\(payload)"
    case .scatter: return "scatter from root \(peer)"
    case .allGather: return "all-gather\(payload)"
    case .allToAll: return "all-to-all"
    case .reduce: return "reduce to root \(peer)\(payload)"
    case .allReduce: return "all-reduce\(payload)"
    case .scan: return "scan\(payload)"
    case .exclusiveScan: return "exclusive scan\(payload)"
    case .newCommunicator: return "making a communicator (a collective call)"
    case .finalize: return "MPI_Finalize: its program ended"
    case .startSend: return "isend to \(rank(peer))"
    case .startReceive: return "ireceive from \(rank(peer))"
    case .startSynchronousSend: return "issend to \(rank(peer))"
    }
  }

  /// "send to 1, tag 0 (200000 Double) at PointToPoint.swift:12"; the workbook's own calls say
  /// where they are too, and finalisation says only what it is.
  public var whatAndWhere: String {
    kind == .finalize ? what : "\(what) at \(fileName):\(line)"
  }
}
