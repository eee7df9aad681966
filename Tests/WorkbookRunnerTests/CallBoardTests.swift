import Foundation
import Synchronization
import Testing

@testable import WorkbookContract

/// Tells the writer thread of a test to stop.
private final class StopFlag: Sendable { let stop = Atomic(false) }

/// The call board's layout, writer and reader, in one process (no MPI).
@Suite struct CallBoardTests {
  func temporaryBoard(ranks: Int) throws -> String {
    let path = NSTemporaryDirectory() + "callboard-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try CallBoard.create(path: path, ranks: ranks)
    return path
  }

  @Test func aNewBoardHasAHeaderAndEmptySlots() throws {
    let path = try temporaryBoard(ranks: 3)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.count == 64 + 3 * 256)
    #expect(Array(bytes[0..<8]) == Array("WBCALLS1".utf8))
    #expect(bytes[8] == 0 && bytes[9] == 1)  // slot size 256, little-endian
    #expect(bytes[12] == 3)
    #expect(CallBoard.read(path: path, ranks: 3) == [nil, nil, nil])
  }

  @Test func aWrittenCallReadsBackWithItsDescription() throws {
    let path = try temporaryBoard(ranks: 2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try #require(CallBoard.Writer(path: path, rank: 1))
    Array("Double".utf8).withUnsafeBytes {
      writer.enter(
        .send, peer: 0, tag: 0, count: 200_000, type: $0, file: "exercise09/PointToPoint.swift", line: 12)
    }
    let read = CallBoard.read(path: path, ranks: 2)
    #expect(read[0] == nil)
    let call = try #require(read[1])
    #expect(call.state == .inCall)
    #expect(call.progress == 0)
    #expect(call.enteredNanoseconds > 0)
    #expect(call.file == "exercise09/PointToPoint.swift")
    #expect(call.fileName == "PointToPoint.swift")
    #expect(!call.isWorkbookCode)
    #expect(call.whatAndWhere == "send to 0, tag 0 (200000 Double) at PointToPoint.swift:12")

    writer.leave()
    let after = try #require(CallBoard.read(path: path, ranks: 2)[1])
    #expect(after.state == .idle)
    #expect(after.progress == 1)
    // The last call stays, for "its last MPI call was …".
    #expect(after.kind == .send && after.line == 12)
  }

  @Test func descriptionsSayWhatEachCallWaitsFor() {
    func call(
      _ kind: CallKind, detail: CallKind? = nil, peer: Int32 = -1, tag: Int32 = -1, count: Int64 = -1,
      type: String = "", file: String = "exercise09/Mailbox.swift"
    ) -> RankCall {
      RankCall(
        state: .inCall, progress: 0, kind: kind, detail: detail, peer: peer, tag: tag, count: count,
        elementType: type, file: file, line: 7)
    }
    #expect(call(.receive, peer: -1, tag: -1).what == "receive from any rank, any tag")
    #expect(call(.receive, peer: 2, tag: 3, count: 8, type: "Int32").what == "receive from 2, tag 3 (room for 8 Int32)")
    #expect(call(.broadcast, peer: 1, count: 1001, type: "Double").what == "broadcast from root 1 (1001 Double)")
    #expect(call(.wait, detail: .startReceive, peer: 0, tag: 5).what == "wait for a receive from 0, tag 5")
    #expect(call(.waitAll, count: 4).what == "wait for all of 4 requests")
    #expect(call(.barrier, file: "Chapters/Harness.swift").isWorkbookCode)
    #expect(call(.barrier, file: "Chapters/Chapter14+Checks.swift").isWorkbookCode)
    #expect(!call(.barrier, file: "Chapters/Chapter09+Variants.swift").isWorkbookCode)
    #expect(!call(.barrier, file: "Chapters/Chapter09+Reference.swift").isWorkbookCode)
    #expect(call(.finalize, file: "MPI/Environment.swift").whatAndWhere == "MPI_Finalize: its program ended")
  }

  @Test func aSlotBeingRewrittenIsNeverReadTorn() throws {
    let path = try temporaryBoard(ranks: 1)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try #require(CallBoard.Writer(path: path, rank: 0))
    writer.enter(.barrier, type: UnsafeRawBufferPointer(start: nil, count: 0), file: "x/A.swift", line: 1)
    // A rank stopped half-way through a rewrite leaves an odd sequence: the reader gives up on
    // the slot rather than show a mix of two calls.
    let odd = writer.begin()
    #expect(CallBoard.read(path: path, ranks: 1) == [nil])
    writer.end(odd)
    #expect(CallBoard.read(path: path, ranks: 1)[0]?.kind == .barrier)
  }

  @Test func aConcurrentWriterNeverShowsAMixOfTwoCalls() throws {
    let path = try temporaryBoard(ranks: 1)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try #require(CallBoard.Writer(path: path, rank: 0))
    let done = StopFlag()
    let thread = Thread {
      let empty = UnsafeRawBufferPointer(start: nil, count: 0)
      var i = 0
      while !done.stop.load(ordering: .relaxed) {
        // Two calls whose fields always go together: a send from line 10, a receive from line 20.
        if i % 2 == 0 {
          writer.enter(.send, peer: 1, tag: 10, count: 10, type: empty, file: "x/Short.swift", line: 10)
        } else {
          writer.enter(.receive, peer: 2, tag: 20, count: 20, type: empty, file: "x/AMuchLongerName.swift", line: 20)
        }
        writer.leave()
        i += 1
      }
    }
    thread.start()
    var seen = 0
    for _ in 0..<20_000 {
      guard let c = CallBoard.read(path: path, ranks: 1).first ?? nil else { continue }
      seen += 1
      let consistent =
        (c.kind == .send && c.line == 10 && c.tag == 10 && c.file == "x/Short.swift")
        || (c.kind == .receive && c.line == 20 && c.tag == 20 && c.file == "x/AMuchLongerName.swift")
      #expect(consistent, "torn read: \(c)")
      if !consistent { break }
    }
    done.stop.store(true, ordering: .relaxed)
    #expect(seen > 0)
  }

  @Test func noBoardOrAWrongFileReadsAsEmpty() throws {
    #expect(CallBoard.read(path: "/nonexistent/board", ranks: 2).isEmpty)
    let path = NSTemporaryDirectory() + "not-a-board-\(getpid())"
    try Data(repeating: 7, count: 600).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(CallBoard.read(path: path, ranks: 2).isEmpty)
    #expect(CallBoard.Writer(path: path, rank: 0) == nil)
  }

  @Test func aRankBeyondTheBoardGetsNoSlot() throws {
    let path = try temporaryBoard(ranks: 2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(CallBoard.Writer(path: path, rank: 2) == nil)
    #expect(CallBoard.read(path: path, ranks: 3) == [nil, nil, nil])
  }
}
