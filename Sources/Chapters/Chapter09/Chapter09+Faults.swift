import Foundation
import MPI

#if canImport(Glibc)
  import Glibc
#endif

/// Chapter 09's harness with learner code that does not merely compute a wrong answer but
/// misbehaves: the faults a learner really causes. The runner must turn each into a verdict
/// within seconds (or at the time limit, for a plain endless loop), stop every process it
/// started, and leave nothing running. Rank 1 misbehaves; rank 0 does the right thing and then
/// waits for it, as a real job would.
extension Chapter09 {
  static var faults: [String: () -> Never] {
    [
      // `exit(3)` on one rank, in the middle of the ring.
      "09-fault-exit": { check(.init(shiftRight: onRankOne(exitThree), collectMail: referenceCollectMail)) },
      // A force-unwrapped nil on one rank.
      "09-fault-crash": { check(.init(shiftRight: onRankOne(crash), collectMail: referenceCollectMail)) },
      // An endless loop on one rank only (with a sleep inside, so the optimiser cannot drop it).
      "09-fault-spin": { check(.init(shiftRight: onRankOne(spin), collectMail: referenceCollectMail)) },
      // An array that grows without end on one rank.
      "09-fault-allocate": { check(.init(shiftRight: onRankOne(allocate), collectMail: referenceCollectMail)) },
      // A print inside an endless loop.
      "09-fault-flood": { check(.init(shiftRight: onRankOne(flood), collectMail: referenceCollectMail)) },
      // Starts a child that ignores SIGTERM, then hangs.
      "09-fault-stubborn-child": {
        check(.init(shiftRight: onRankOne(stubbornChild), collectMail: referenceCollectMail))
      },
    ]
  }

  /// Rank 1 runs `fault`; every other rank shifts correctly.
  static func onRankOne(
    _ fault: @escaping ([Double], Communicator) throws -> [Double]
  ) -> ([Double], Communicator) throws -> [Double] {
    { mine, world in world.rank == 1 ? try fault(mine, world) : try referenceShiftRight(mine, world) }
  }

  static func exitThree(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    exit(3)
  }

  static func crash(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    let nothing: [Double]? = mine.isEmpty ? mine : nil
    return nothing!
  }

  static func spin(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var turns = 0
    while turns >= 0 {
      turns += 1
      usleep(1_000)
    }
    return mine
  }

  static func allocate(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var hoard: [[Double]] = []
    while true {
      // 8 MiB per step, written so the pages are really used.
      hoard.append([Double](repeating: Double(hoard.count), count: 1 << 20))
      if hoard.count == Int.max { break }
    }
    return hoard.last ?? mine
  }

  static func flood(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var line = 0
    while line >= 0 {
      line += 1
      print("value \(line): \(mine.first ?? 0)")
    }
    return mine
  }

  static func stubbornChild(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [
      strdup("/bin/sh"), strdup("-c"), strdup("trap '' TERM; while :; do sleep 1; done"), nil,
    ]
    defer { argv.forEach { free($0) } }
    _ = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
    return try spin(mine, world)
  }
}
