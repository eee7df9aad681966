// workbook-probe: small programs that exercise the platform end to end. The tests and
// `workbook doctor` launch them (under mpirun, under Xvfb); each prints what it saw and exits
// 0 only when what it saw was right.
import Foundation
import Imaging
import Launch
import MPI
import VTK
import Window

#if canImport(Glibc)
  import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
  print(
    "usage: workbook-probe <vtk-scene|mpi-allreduce|mpi-errors|window-roundtrip|hang|supervise|deadlock|crash-rank|flood|display> [args]"
  )
  exit(2)
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("probe \(command): \(message)\n".utf8))
  exit(1)
}

switch command {
case "vtk-scene":
  try HeadlessDisplay.ensureForThisProcess()
  let output = arguments.count > 1 ? arguments[1] : nil
  try ProbeScenes.vtkScene(pngPath: output)
case "mpi-allreduce":
  try Environment.run { env in
    let world = env.world
    let sum = try world.allReduce(Double(world.rank + 1), op: .sum)
    let expected = Double(world.size * (world.size + 1) / 2)
    let maxRank = try world.allReduce(world.rank, op: .max)
    if world.rank == 0 { print("allreduce size=\(world.size) sum=\(sum) expected=\(expected) max-rank=\(maxRank)") }
    if sum != expected || maxRank != world.size - 1 { fail("rank \(world.rank) got sum \(sum), max \(maxRank)") }
  }
case "mpi-errors":
  try Environment.run { env in
    let world = env.world
    var caught: [String] = []
    do {
      _ = try world.broadcast(Int32(7), root: world.size)
      fail("broadcast with root \(world.size) did not throw")
    } catch let e as MPIError {
      guard e.errorClass == .root else { fail("expected MPI_ERR_ROOT, got \(e)") }
      caught.append(e.description)
    }
    do {
      try world.send([1.0], to: world.size + 5)
      fail("send to rank \(world.size + 5) did not throw")
    } catch let e as MPIError {
      guard e.errorClass == .rank else { fail("expected MPI_ERR_RANK, got \(e)") }
      caught.append(e.description)
    }
    if world.rank == 0 { caught.forEach { print("caught: \($0)") } }
    try world.barrier()
  }
case "window-roundtrip":
  try HeadlessDisplay.ensureForThisProcess()
  var image = RGBAImage(width: 160, height: 120, fill: RGBA(10, 20, 30))
  for y in 0..<image.height {
    for x in 0..<image.width { image[x, y] = RGBA(UInt8(x), UInt8(y * 2), UInt8((x + y) % 256)) }
  }
  let window = try Window(title: "probe", width: image.width, height: image.height)
  window.show(image)
  let back = try window.capture()
  let same = back == image
  print("window \(back.width)x\(back.height) renderer=\(window.openGLRenderer) identical=\(same)")
  if !same {
    var shown = 0
    for y in 0..<image.height {
      for x in 0..<image.width where back[x, y] != image[x, y] && shown < 5 {
        print("(\(x), \(y)): sent \(image[x, y]) read \(back[x, y])")
        shown += 1
      }
    }
    fail("image read back from the window differs")
  }
case "hang":
  while true { sleep(60) }
case "supervise":
  // Starts the rest of the command line the way the runner starts a chapter program (Launch's
  // runProcess: a session of its own, watched) and waits; the tests SIGKILL this process to see
  // that what it started does not outlive it.
  guard arguments.count > 2 else { fail("usage: supervise <program> [args]") }
  _ = try runProcess(arguments[1], Array(arguments.dropFirst(2)), timeout: 3600)
case "deadlock":
  // Both ranks wait to receive before anyone sends.
  try Environment.run { env in
    let world = env.world
    var buffer = [Double](repeating: 0, count: 4)
    try world.receive(into: &buffer, from: 1 - world.rank)
    try world.send(buffer, to: 1 - world.rank)
  }
case "crash-rank":
  let victim = arguments.count > 1 ? Int(arguments[1]) ?? 1 : 1
  try Environment.run { env in
    let world = env.world
    if world.rank == victim {
      // A real invalid write (raise(SIGSEGV) would return once Swift's backtracer handled it).
      let address = UnsafeMutablePointer<Int>(bitPattern: 16)!
      address.pointee = 42
    }
    try world.barrier()
  }
case "flood":
  // Rank `victim` (or the only process) prints without end, as a debugging print in a loop does.
  let victim = arguments.count > 1 ? Int(arguments[1]) ?? 0 : 0
  let rank = Int(ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_RANK"] ?? "0") ?? 0
  if rank == victim {
    while true { print("frame 12: camera at (0.0, 0.0, 5.0), 3000 props, culled 1092, a line of debugging output") }
  }
  while true { sleep(60) }
case "display":
  let display = try HeadlessDisplay.start()
  print("display=\(display.name ?? "wayland") own=\(display.isOwnServer)")
  display.stop()
default:
  fail("unknown probe")
}
