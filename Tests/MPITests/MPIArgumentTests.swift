import Foundation
import Testing
import WorkbookTestSupport

@testable import MPI

// The MPI module's own checks, run against the call layer's mock (Sources/MPI/Internals/
// Mocking.swift) in this test process: no mpirun, no MPI_Init. Each test says which C calls the
// wrappers made, with which arguments, or that a bad argument was caught before any call. The
// real calls are covered by MPIModuleTests, which runs mpi-selftest under mpirun.

/// A communicator the mock answers for: this process is `rank` of `size`.
private func mockCommunicator(_ mock: MockMPI, rank: Int32 = 0, size: Int32 = 1) -> Communicator {
  mock.rank = rank
  mock.size = size
  let world = Communicator(predefined: mock.newHandle())
  mock.clearCalls()
  return world
}

/// A recorded call, written the way the call layer records it.
private func call(_ name: String, _ arguments: AnyHashable...) -> MockMPI.Call { MockMPI.Call(name, arguments) }

/// The address of an array's first element, as the mock records buffer addresses.
private func address<T>(_ values: [T]) -> Int { values.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }

/// A derived datatype the mock knows the extents of: `extent` between consecutive elements,
/// data in `trueLowerBound ..< trueLowerBound + trueExtent` bytes of each.
private func mockType(_ mock: MockMPI, lowerBound: Int = 0, extent: Int, trueLowerBound: Int = 0, trueExtent: Int)
  -> Datatype
{
  let type = Datatype(predefined: mock.newHandle())
  mock.extents[type.raw] = (lowerBound, extent)
  mock.trueExtents[type.raw] = (trueLowerBound, trueExtent)
  return type
}

@Suite struct MPIArgumentTests {
  // MARK: The seam itself

  /// Lines of Swift source that call MPI directly or handle pointers: what only
  /// Sources/MPI/Internals may contain.
  static func boundaryViolations(in text: String) -> [String] {
    let directCall = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9_])MPI_[A-Za-z_]+\\(")
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
      line.contains("Unsafe")
        || directCall.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }
  }

  @Test func detectorFindsCallsAndPointers() {
    #expect(Self.boundaryViolations(in: "try check(MPI_Send(p, 1, t, 0, 0, c), \"MPI_Send\")").count == 1)
    #expect(Self.boundaryViolations(in: "var status = MPI_Status()").count == 1)
    #expect(Self.boundaryViolations(in: "let p: UnsafeRawPointer? = nil").count == 1)
    #expect(Self.boundaryViolations(in: "MPI_Comm_rank(raw, &r)").count == 1)
    // Names in prose and strings, the predefined-handle getters and the call layer's own
    // functions are fine.
    #expect(Self.boundaryViolations(in: "/// Sends (`MPI_Send`, MPI 3.1 §3.2.1).").isEmpty)
    #expect(Self.boundaryViolations(in: "try mpi_wait(&raw, \"MPI_Wait (\\(operation))\")").isEmpty)
    #expect(Self.boundaryViolations(in: "Datatype(predefined: WB_MPI_DOUBLE())").isEmpty)
  }

  /// Every MPI call and every pointer of the module lives in Sources/MPI/Internals.
  @Test func publicFilesHoldNoMPICallAndNoPointer() throws {
    let folder = URL(fileURLWithPath: TestSupport.root).appendingPathComponent("Sources/MPI")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
      .sorted()
    #expect(files.count >= 15, "read \(files)")
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let found = Self.boundaryViolations(in: text)
      #expect(found.isEmpty, "\(file) calls MPI or uses pointers outside Internals: \(found)")
    }
  }

  // MARK: Bounds of explicit datatypes (checkSpan)

  @Test func negativeCountIsRejectedBeforeAnyCall() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock)
      let error = #expect(throws: MPIError.self) { try world.send([1.0, 2.0], count: -1, datatype: .double, to: 0) }
      #expect(error?.errorClass == .count)
      #expect(error?.function == "MPI_Send")
      #expect(mock.calls.isEmpty)
    }
  }

  @Test func offsetOutsideTheArrayIsABufferError() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock)
      let double = mockType(mock, extent: 8, trueExtent: 8)
      var values = [Double](repeating: 0, count: 4)
      for offset in [-1, 5] {
        let error = #expect(throws: MPIError.self) {
          try world.receive(into: &values, startingAt: offset, count: 0, datatype: double, from: 1)
        }
        #expect(error?.errorClass == .buffer, "offset \(offset)")
        #expect(error?.function == "MPI_Recv")
      }
      #expect(mock.calls.isEmpty)
      // One past the end is a valid place for nothing.
      try world.receive(into: &values, startingAt: 4, count: 0, datatype: double, from: 1)
      #expect(mock.names == ["MPI_Recv"])
    }
  }

  /// Column 2 of a row-major 4 x 5 matrix of doubles fits; the same column type started at
  /// element 5 reaches 8 bytes past the end.
  @Test func vectorTypeMayNotReachPastTheArray() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      // MPI_Type_vector(4, 1, 5, MPI_DOUBLE): 16 doubles from the first to the last element.
      let column = mockType(mock, extent: 128, trueExtent: 128)
      let matrix = [Double](repeating: 1, count: 20)
      try world.send(matrix, startingAt: 2, count: 1, datatype: column, to: 1, tag: 3)
      #expect(
        mock.calls.last == call("MPI_Send", address(matrix) + 16, Int32(1), column.raw, Int32(1), Int32(3), world.raw))
      mock.clearCalls()

      let error = #expect(throws: MPIError.self) {
        try world.send(matrix, startingAt: 5, count: 1, datatype: column, to: 1)
      }
      #expect(error?.errorClass == .buffer)
      #expect(
        error?.message.contains("covers bytes 40..<168, but the buffer has 160 bytes") == true,
        "\(String(describing: error))")
      #expect(!mock.names.contains("MPI_Send"))
    }
  }

  /// A column resized to one double (the type that scatters columns): consecutive elements
  /// start 8 bytes apart, but each still touches 128 bytes. Five fit in a 4 x 5 matrix, six do
  /// not; judging by the extent alone would let the sixth through.
  @Test func resizedTypeIsCheckedByItsTrueExtent() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      let resizedColumn = mockType(mock, extent: 8, trueExtent: 128)
      var matrix = [Double](repeating: 0, count: 20)
      try world.broadcast(&matrix, count: 5, datatype: resizedColumn, root: 0)
      #expect(mock.names.last == "MPI_Bcast")
      let error = #expect(throws: MPIError.self) {
        try world.broadcast(&matrix, count: 6, datatype: resizedColumn, root: 0)
      }
      #expect(error?.errorClass == .buffer)
      #expect(mock.names.filter { $0 == "MPI_Bcast" }.count == 1)
    }
  }

  /// Data before the element's start (a negative true lower bound) is outside the array too.
  @Test func dataBeforeTheFirstElementIsABufferError() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      let reachingBack = mockType(mock, extent: 8, trueLowerBound: -8, trueExtent: 16)
      let values = [Int64](repeating: 0, count: 4)
      let error = #expect(throws: MPIError.self) { try world.send(values, count: 1, datatype: reachingBack, to: 1) }
      #expect(error?.errorClass == .buffer)
      try world.send(values, startingAt: 1, count: 1, datatype: reachingBack, to: 1)
      #expect(mock.names.last == "MPI_Send")
    }
  }

  /// The root checks the whole send buffer (`count x size` elements of the send type), every
  /// rank its receive buffer; other ranks do not look at the root's buffer.
  @Test func scatterWithDatatypesChecksBothSides() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let root = mockCommunicator(mock, rank: 0, size: 3)
      // A column of a row-major 3 x 3 matrix of doubles, resized to one double: 7 doubles
      // from its first element to its last, consecutive columns 8 bytes apart.
      let column = mockType(mock, extent: 8, trueExtent: 56)
      let double = mockType(mock, extent: 8, trueExtent: 8)
      var received = [Double](repeating: 0, count: 3)
      // One column to each of 3 ranks: the whole matrix.
      try root.scatter(
        [Double](repeating: 0, count: 9), count: 1, datatype: column, into: &received, count: 3,
        datatype: double)
      #expect(mock.calls.last == call("MPI_Scatter", Int32(1), column.raw, Int32(3), double.raw, Int32(0), root.raw))
      // Six doubles are too few for three such columns.
      let tooSmall = #expect(throws: MPIError.self) {
        try root.scatter(
          [Double](repeating: 0, count: 6), count: 1, datatype: column, into: &received, count: 3,
          datatype: double)
      }
      #expect(tooSmall?.errorClass == .buffer)
      // Four doubles do not fit in three.
      let tooMany = #expect(throws: MPIError.self) {
        try root.scatter(
          [Double](repeating: 0, count: 9), count: 1, datatype: column, into: &received, count: 4,
          datatype: double)
      }
      #expect(tooMany?.errorClass == .buffer)

      mock.rank = 1
      let other = Communicator(predefined: mock.newHandle())
      try other.scatter([Double](), count: 1, datatype: column, into: &received, count: 3, datatype: double)
      #expect(mock.names.last == "MPI_Scatter")
    }
  }

  // MARK: Counts of the collectives

  @Test func scattervNeedsOneNonNegativeCountPerRank() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 0, size: 3)
      let tasks = Array(0..<10).map(Int32.init)
      for counts in [[4, 3], [4, 3, 3, 0], [5, 6, -1]] {
        let error = #expect(throws: MPIError.self) { _ = try world.scatter(tasks, counts: counts) }
        #expect(error?.errorClass == .count, "counts \(counts)")
        #expect(error?.function == "MPI_Scatterv")
      }
      let wrongTotal = #expect(throws: MPIError.self) { _ = try world.scatter(tasks, counts: [4, 3, 2]) }
      #expect(wrongTotal?.errorClass == .count)
      #expect(wrongTotal?.message == "root has 10 elements, counts add up to 9")
      #expect(mock.calls.isEmpty)

      let mine = try world.scatter(tasks, counts: [4, 3, 3])
      #expect(mine.count == 4)
      #expect(
        mock.calls == [
          call(
            "MPI_Scatterv", [Int32(4), 3, 3], [Int32(0), 4, 7], Int32.mpiDatatype.raw, Int32(4),
            Int32.mpiDatatype.raw, Int32(0), world.raw)
        ])
    }
  }

  /// Only the root's elements must add up; the other ranks pass what they like.
  @Test func scattervChecksTheTotalAtTheRootOnly() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 2, size: 3)
      let mine = try world.scatter([Double](), counts: [2, 1, 1], root: 0)
      #expect(mine == [0])
      #expect(
        mock.calls.last
          == call(
            "MPI_Scatterv", [Int32(2), 1, 1], [Int32(0), 2, 3], Double.mpiDatatype.raw, Int32(1),
            Double.mpiDatatype.raw, Int32(0), world.raw))
    }
  }

  /// Counts and displacements are C ints: a count or a running total past `Int32.max` throws
  /// `.count` instead of wrapping around.
  @Test func scattervCountsMustFitInACInt() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 1, size: 3)
      let big = #expect(throws: MPIError.self) { _ = try world.scatter([Double](), counts: [1 << 31, 0, 0]) }
      #expect(big?.errorClass == .count)
      #expect(big?.message == "count 2147483648 does not fit in a C int")
      let total = #expect(throws: MPIError.self) { _ = try world.scatter([Double](), counts: [Int(Int32.max), 1, 0]) }
      #expect(total?.errorClass == .count)
      #expect(total?.function == "MPI_Scatterv")
      #expect(mock.calls.isEmpty)
    }
  }

  @Test func equalChunksMustMatchTheRanks() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 0, size: 4)
      let scatter = #expect(throws: MPIError.self) { _ = try world.scatter([1.0, 2.0, 3.0], chunk: 1) }
      #expect(scatter?.errorClass == .count)
      #expect(scatter?.function == "MPI_Scatter")
      let allToAll = #expect(throws: MPIError.self) {
        _ = try world.allToAll([Int32](repeating: 0, count: 6), chunk: 2)
      }
      #expect(allToAll?.errorClass == .count)
      let varying = #expect(throws: MPIError.self) { _ = try world.allToAllVarying([[1.0], [2.0]]) }
      #expect(varying?.errorClass == .count)
      #expect(varying?.function == "MPI_Alltoallv")
      #expect(mock.calls.isEmpty)
      // Away from the root, the elements are not looked at.
      mock.rank = 2
      let other = Communicator(predefined: mock.newHandle())
      #expect(try other.scatter([], chunk: 2) == [0.0, 0.0])
      #expect(mock.names.last == "MPI_Scatter")
    }
  }

  @Test func countsBeyondACIntAreCountErrors() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      for make in [
        { try Datatype.contiguous(Int(Int32.max) + 1, of: .byte) },
        { try Datatype.vector(count: 2, blockLength: 1, stride: 1 << 40, of: .double) },
      ] {
        let error = #expect(throws: MPIError.self) { _ = try make() }
        #expect(error?.errorClass == .count)
      }
      #expect(mock.calls.isEmpty)
    }
  }

  // MARK: What reaches C

  @Test func sendPassesItsArgumentsThrough() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 0, size: 2)
      let values = [1.0, 2.0, 3.0]
      try world.send(values, to: 1, tag: 7)
      let buffer = MPIBuffer<UInt8>(count: 4)
      try world.send(buffer, to: 1, tag: 8)
      // Tags and ranks out of C's range are clamped, so MPI itself rejects them.
      try world.send(values, to: 1, tag: Int.max)
      #expect(
        mock.calls == [
          call("MPI_Send", address(values), Int32(3), Double.mpiDatatype.raw, Int32(1), Int32(7), world.raw),
          call(
            "MPI_Send", Int(bitPattern: buffer.storage.baseAddress), Int32(4), UInt8.mpiDatatype.raw, Int32(1),
            Int32(8),
            world.raw),
          call("MPI_Send", address(values), Int32(3), Double.mpiDatatype.raw, Int32(1), Int32.max, world.raw),
        ])
    }
  }

  /// Ranges of arrays go to C as the address of their first element, and a range outside the
  /// array is a buffer error before any call.
  @Test func rangesPassTheirFirstElementAndStayInside() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, rank: 0, size: 2)
      let values: [UInt32] = [1, 2, 3, 4, 5]
      var into = [UInt32](repeating: 0, count: 5)
      try world.send(values, range: 2..<5, to: 1, tag: 3)
      _ = try world.sendReceive(
        values, range: 1..<3, to: 1, sendTag: 4, into: &into, range: 3..<5, from: 1, receiveTag: 4)
      #expect(
        mock.calls == [
          call("MPI_Send", address(values) + 8, Int32(3), UInt32.mpiDatatype.raw, Int32(1), Int32(3), world.raw),
          call(
            "MPI_Sendrecv", address(values) + 4, Int32(2), UInt32.mpiDatatype.raw, Int32(1), Int32(4),
            address(into) + 12,
            Int32(2), UInt32.mpiDatatype.raw, Int32(1), Int32(4), world.raw),
        ])
      let before = mock.calls.count
      for bad in [3..<6, -1..<2] {
        let error = #expect(throws: MPIError.self) { try world.send(values, range: bad, to: 1) }
        #expect(error?.errorClass == .buffer, "range \(bad)")
        let receiveError = #expect(throws: MPIError.self) { try world.receive(into: &into, range: bad, from: 1) }
        #expect(receiveError?.errorClass == .buffer, "range \(bad)")
      }
      #expect(mock.calls.count == before)
    }
  }

  @Test func derivedTypeIsBuiltAndCommitted() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let column = try Datatype.vector(count: 4, blockLength: 1, stride: 5, of: .double)
      #expect(
        mock.calls == [
          call("MPI_Type_vector", Int32(4), Int32(1), Int32(5), Datatype.double.raw),
          call("MPI_Type_commit", Optional(column.raw)),
        ])
    }
  }

  /// A failed commit frees the type it could not commit, and throws MPI's error.
  @Test func failedCommitFreesTheType() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      mock.codes["MPI_Type_commit"] = ErrorClass.type.rawValue
      let error = #expect(throws: MPIError.self) { _ = try Datatype.contiguous(3, of: .float) }
      #expect(error?.errorClass == .type)
      #expect(error?.function == "MPI_Type_commit")
      #expect(
        mock.names.filter { $0.hasPrefix("MPI_Type") } == ["MPI_Type_contiguous", "MPI_Type_commit", "MPI_Type_free"])
    }
  }

  @Test func allReducePassesCountTypeAndOp() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      var result: [Int32] = []
      try world.allReduce([1, 2], into: &result, op: .sum)
      #expect(result.count == 2)
      #expect(mock.calls == [call("MPI_Allreduce", Int32(2), Int32.mpiDatatype.raw, Op.sum.raw, world.raw)])
    }
  }

  /// An error code from C becomes an `MPIError` naming the call; a wait names its operation.
  @Test func errorCodesBecomeErrorsNamingTheCall() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      mock.codes["MPI_Send"] = ErrorClass.rank.rawValue
      let send = #expect(throws: MPIError.self) { try world.send([1], to: 5) }
      #expect(send?.errorClass == .rank)
      #expect(send?.function == "MPI_Send")

      mock.codes["MPI_Wait"] = ErrorClass.truncate.rawValue
      let request = try world.isend(MPIBuffer<Int32>(count: 1), to: 1, tag: 7)
      let wait = #expect(throws: MPIError.self) { try request.wait() }
      #expect(wait?.errorClass == .truncate)
      #expect(wait?.function == "MPI_Wait (MPI_Isend to rank 1, tag 7)")
    }
  }

  @Test func batchKeepsHandlesUntilItsWait() throws {
    try withMockedMPI { (mock: MockMPI) throws in
      let world = mockCommunicator(mock, size: 2)
      let batch = RequestBatch(capacity: 1)
      let out = MPIBuffer<Double>(count: 2)
      let into = MPIBuffer<Double>(count: 2)
      try world.isend(out, to: 1, tag: 1, in: batch)
      try world.ireceive(into: into, from: 1, tag: 2, in: batch)
      #expect(batch.count == 2)
      mock.codes["MPI_Isend"] = ErrorClass.rank.rawValue
      #expect(throws: MPIError.self) { try world.isend(out, to: 9, in: batch) }
      #expect(batch.count == 2, "a failed start adds nothing")
      try batch.waitAll()
      #expect(batch.count == 0)
      #expect(mock.calls.last?.name == "MPI_Waitall")
      #expect(mock.calls.last?.arguments.first == AnyHashable(Int32(2)))
    }
  }
}
