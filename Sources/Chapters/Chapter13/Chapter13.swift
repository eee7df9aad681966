import Foundation
import MPI
import WorkbookKit

/// Chapter 13, errors and faults: MPI errors as Swift errors, agreeing that something failed,
/// and checkpoints that let a long job restart after Open MPI 4.1 aborts it.
public enum Chapter13 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "13-errors-and-faults"

  /// What went wrong, in the program's own words.
  public enum Problem: Equatable, Sendable {
    /// A send or receive named a rank the communicator does not have (MPI_ERR_RANK).
    case noSuchRank
    /// A collective named a root the communicator does not have (MPI_ERR_ROOT).
    case noSuchRoot
    /// A message was longer than the receive buffer (MPI_ERR_TRUNCATE).
    case messageTooLong
    /// A tag was negative or too large (MPI_ERR_TAG).
    case badTag
    /// Any other MPI error.
    case otherMPIError
    /// Not an MPI error at all.
    case notAnMPIError
  }

  /// A long job's state on one rank: how far it got and its values.
  public struct State: Equatable, Sendable {
    /// The step this state belongs to (0 at the start).
    public var step: Int
    /// This rank's values.
    public var values: [Double]

    /// A state from its step and values.
    public init(step: Int, values: [Double]) {
      self.step = step
      self.values = values
    }
  }

  /// A checkpoint file that is shorter than its header says, or whose checksum does not match.
  public struct DamagedCheckpoint: Error, CustomStringConvertible {
    /// What is wrong, e.g. "checksum mismatch".
    public let reason: String
    /// `damaged checkpoint: <reason>`.
    public var description: String { "damaged checkpoint: \(reason)" }
  }

  /// The checkpoint format: "WBCK", step, count, the values, then an FNV-1a checksum of all
  /// bytes before it. Little-endian, as on every machine the workbook runs on.
  public static func encode(_ state: State) -> Data {
    var data = Data("WBCK".utf8)
    func append<T>(_ value: T) { withUnsafeBytes(of: value) { data.append(contentsOf: $0) } }
    append(Int64(state.step))
    append(Int64(state.values.count))
    state.values.forEach { append($0) }
    append(fnv1a(data))
    return data
  }

  /// Reads a checkpoint written by `encode`.
  /// - Throws: `DamagedCheckpoint` when the data is short, not a checkpoint, or corrupted.
  public static func decode(_ data: Data) throws -> State {
    let bytes = [UInt8](data)
    guard bytes.count >= 28, bytes.starts(with: Array("WBCK".utf8)) else {
      throw DamagedCheckpoint(reason: "no header")
    }
    func read<T>(_: T.Type, at offset: Int) -> T {
      bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
    let step = Int(read(Int64.self, at: 4))
    let count = Int(read(Int64.self, at: 12))
    guard count >= 0, bytes.count == 20 + 8 * count + 8 else {
      throw DamagedCheckpoint(reason: "\(bytes.count) bytes, the header promises \(20 + 8 * max(count, 0) + 8)")
    }
    guard read(UInt64.self, at: bytes.count - 8) == fnv1a(Data(bytes.prefix(bytes.count - 8))) else {
      throw DamagedCheckpoint(reason: "checksum mismatch")
    }
    return State(step: step, values: (0..<count).map { read(Double.self, at: 20 + 8 * $0) })
  }

  static func fnv1a(_ data: Data) -> UInt64 {
    data.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }

  /// Where rank `rank`'s checkpoint of step `step` lives in `directory`.
  public static func checkpointPath(directory: String, rank: Int, step: Int) -> String {
    "\(directory)/rank-\(rank)-step-\(step).ckpt"
  }

  /// The learner's four functions.
  public struct Learner {
    /// Says what went wrong, from an error an MPI call (or anything else) threw.
    public var classify: (Error) -> Problem
    /// Every rank passes the error it hit (nil if none); returns, on every rank, whether any rank
    /// hit one, so that all ranks take the same path afterwards.
    public var anyRankFailed: (Error?, Communicator) throws -> Bool
    /// (state, directory, rank) → writes the state as that rank's checkpoint of `state.step`, at
    /// `checkpointPath(directory:rank:step:)` in the `encode` format, never leaving a partly
    /// written file under that name.
    public var writeCheckpoint: (State, String, Int) throws -> Void
    /// (directory, world) → the newest step for which every rank has a checkpoint that decodes,
    /// or nil; the same answer on every rank.
    public var restartStep: (String, Communicator) throws -> Int?

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      classify: @escaping (Error) -> Problem, anyRankFailed: @escaping (Error?, Communicator) throws -> Bool,
      writeCheckpoint: @escaping (State, String, Int) throws -> Void,
      restartStep: @escaping (String, Communicator) throws -> Int?
    ) {
      self.classify = classify
      self.anyRankFailed = anyRankFailed
      self.writeCheckpoint = writeCheckpoint
      self.restartStep = restartStep
    }
  }

  /// The long job: each step mixes every rank's values with the global mean (an allreduce), so
  /// every rank's state depends on every other's.
  static let valuesPerRank = 8, totalSteps = 60
  /// The job writes a checkpoint every this many steps.
  public static let checkpointEvery = 10

  static func initialState(rank: Int) -> State {
    State(step: 0, values: (0..<valuesPerRank).map { Double(rank * valuesPerRank + $0) })
  }

  static func advance(_ state: State, globalSum: Double, ranks: Int) -> State {
    let mean = globalSum / Double(ranks * valuesPerRank)
    return State(step: state.step + 1, values: state.values.map { 0.75 * $0 + 0.25 * mean + 1 })
  }

  /// One parallel step.
  static func step(_ state: State, _ world: Communicator) throws -> State {
    advance(state, globalSum: try world.allReduce(state.values.reduce(0, +), op: .sum), ranks: world.size)
  }

  /// The serial reference: every rank's state after `steps` steps, computed in one process.
  static func serialStates(ranks: Int, steps: Int) -> [State] {
    var states = (0..<ranks).map(initialState(rank:))
    for _ in 0..<steps {
      let sum = states.map { $0.values.reduce(0, +) }.reduce(0, +)
      states = states.map { advance($0, globalSum: sum, ranks: ranks) }
    }
    return states
  }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      try errors(world, learner, &report)
      try checkpoints(world, learner, &report)
    }
  }
}
