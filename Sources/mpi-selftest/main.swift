// mpi-selftest: every call of the MPI module, with a result check, under a real mpirun.
//
//   mpirun -n 3 mpi-selftest              run every case; rank 0 prints "ok <case> [3 ranks]"
//   mpirun -n 3 mpi-selftest <case> ...   only those cases
//   mpi-selftest --list                    the case names
//
// Misuse the module should report loudly, each ending the job (Tests/MPITests check how):
//   drop-request   rank 0 lets an incomplete receive request go out of scope
//   drop-batch     the same with a RequestBatch of two receives
//   fatal-error    MPI_ERRORS_ARE_FATAL on the world, then the last rank sends to a rank that
//                  does not exist
//   abort          the last rank calls MPI_Abort with code 7
//
// And one measurement: `mpi-selftest call-overhead` (rank 0 prints what a call of the module
// costs beyond C's, see CallOverhead.swift).
//
// Exit status: 0 when every check passed on every rank, 1 when one failed.
import Foundation
import MPI

#if canImport(Glibc)
  import Glibc
#endif

let cases =
  PointToPointCases.all + NonblockingCases.all + CollectiveCases.all + DatatypeCases.all + TopologyCases.all
  + ErrorCases.all
let arguments = Array(CommandLine.arguments.dropFirst())

if arguments == ["--list"] {
  cases.forEach { print($0.name) }
  exit(0)
}

switch arguments.first {
case "drop-request":
  try Environment.run { env in
    let world = env.world
    if world.rank == 0 {
      // Nobody sends with tag 99. Leaving the function drops the request while it is active.
      func forgetful() throws {
        let pending = try world.ireceive(into: MPIBuffer<Int32>(count: 1), from: world.size - 1, tag: 99)
        _ = pending
      }
      try forgetful()
      print("not reached: the dropped request did not stop the program")
    }
    try world.barrier()
  }
  exit(0)
case "drop-batch":
  try Environment.run { env in
    let world = env.world
    if world.rank == 0 {
      func forgetful() throws {
        let batch = RequestBatch()
        try world.ireceive(into: MPIBuffer<Int32>(count: 1), from: world.size - 1, tag: 98, in: batch)
        try world.ireceive(into: MPIBuffer<Int32>(count: 1), from: world.size - 1, tag: 97, in: batch)
      }
      try forgetful()
      print("not reached: the dropped batch did not stop the program")
    }
    try world.barrier()
  }
  exit(0)
case "fatal-error":
  try Environment.run { env in
    try env.world.setErrorHandling(.fatal)
    // One rank makes the mistake; the others wait for it in a barrier.
    if env.world.rank == env.world.size - 1 {
      try env.world.send([1.0], to: env.world.size)
      print("not reached: a fatal error handler returned")
    }
    try env.world.barrier()
    print("not reached: rank \(env.world.rank) left the barrier")
  }
  exit(0)
case "abort":
  try Environment.run { env in
    if env.world.rank == env.world.size - 1 { Environment.abort(code: 7) }
    // The others wait in a barrier that can never complete; MPI_Abort must end them too.
    try env.world.barrier()
    print("not reached: rank \(env.world.rank) left the barrier")
  }
  exit(0)
case "call-overhead":
  try Environment.run { env in
    if env.world.rank == 0 { print(try CallOverhead.table(env.world)) }
  }
  exit(0)
default:
  break
}

let selected = arguments.isEmpty ? cases : cases.filter { arguments.contains($0.name) }
if selected.count != max(arguments.count, arguments.isEmpty ? cases.count : 0) {
  FileHandle.standardError.write(Data("unknown case in \(arguments); known: \(cases.map(\.name))\n".utf8))
  exit(2)
}

var failedCases = 0
var ranCases = 0
try Environment.run(threadLevel: .funneled) { env in
  let world = env.world
  for c in selected {
    guard world.size >= c.minimumRanks else {
      if world.rank == 0 { print("skip \(c.name) [\(world.size) ranks]: needs \(c.minimumRanks)") }
      continue
    }
    try world.barrier()
    ranCases += 1
    let expect = Expectations()
    do {
      try c.body(world, env, expect)
    } catch {
      expect.that(false, "threw \(error)")
    }
    // Every rank's failures, to rank 0.
    let text = expect.failures.map { "rank \(world.rank): \($0)" }.joined(separator: "\n")
    let all = try world.gatherVarying(Array(text.utf8))
    let checked = try world.reduce(expect.checked, op: .sum)
    if let all, let checked {
      let failures = all.map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
      if failures.isEmpty {
        print("ok \(c.name) [\(world.size) ranks] (\(checked) checks)")
      } else {
        failedCases += 1
        print(
          "FAIL \(c.name) [\(world.size) ranks]\n"
            + failures.joined(separator: "\n").split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      }
    }
  }
  if world.rank == 0 {
    print(
      "selftest: \(ranCases - failedCases) of \(ranCases) cases passed at \(world.size) ranks (\(selected.count - ranCases) skipped)"
    )
  }
  failedCases = try world.broadcast(failedCases)
}
fflush(nil)
exit(failedCases == 0 ? 0 : 1)
