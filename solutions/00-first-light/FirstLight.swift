import Imaging
import MPI

// Chapter 00: first light. Read lessons/00-first-light/README.md first.
//
// Every rank has rendered its own frame with VTK. Two small jobs:

/// Returns how many pixels of `image` are covered by the sphere, that is, differ from
/// `background`.
func coveredPixels(in image: RGBAImage, background: RGBA) -> Int {
  var count = 0
  for y in 0..<image.height {
    for x in 0..<image.width where image[x, y] != background {
      count += 1
    }
  }
  return count
}

/// Returns the sum of every rank's `local` count. Every rank must get the same total.
func totalCovered(_ local: Int, world: Communicator) throws -> Int {
  // MPI_Allreduce with MPI_SUM: every rank contributes, every rank receives the sum.
  try world.allReduce(local, op: .sum)
}
