import Imaging
import MPI

// Chapter 00: first light. Read lessons/00-first-light/README.md first.
//
// Every rank has rendered its own frame with VTK. Two small jobs:

/// Returns how many pixels of `image` are covered by the sphere, that is, differ from
/// `background`.
func coveredPixels(in image: RGBAImage, background: RGBA) -> Int {
  // TODO(00): visit every pixel (image[x, y] for x in 0..<image.width, y in 0..<image.height)
  // and count those that are not equal to `background`.
  return 0
}

/// Returns the sum of every rank's `local` count. Every rank must get the same total.
func totalCovered(_ local: Int, world: Communicator) throws -> Int {
  // TODO(00): combine the counts of all ranks. One MPI collective does it and gives the result
  // to every rank.
  return local
}
