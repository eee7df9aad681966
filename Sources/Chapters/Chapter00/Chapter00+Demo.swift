import Foundation
import Imaging
import Launch
import MPI
import VTK
import Window
import WorkbookContract
import WorkbookKit

/// Chapter 00's demo.
extension Chapter00 {
  /// The demo: every rank renders, rank 0 gathers the frames, shows them in a GLFW window next to
  /// each other, reads the window back, and writes both pictures.
  public static func demo() -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let image = try renderRankScene(rank: world.rank, size: world.size)
      let count = referenceCount(image)
      let total = try world.allReduce(count, op: .sum)
      let frames = try world.gatherVarying(image.pixels)
      report.metric("total-covered", Double(total), unit: "pixels")
      guard let frames else { return }
      let images = frames.map { RGBAImage(width: image.width, height: image.height, pixels: $0) }
      let out = Harness.outputDirectory(chapter: name)
      try images[0].opaque().writePNG(to: "\(out)/rank0-scene.png")
      try HeadlessDisplay.ensureForThisProcess()
      let grid = RGBAImage.grid(images, columns: images.count)
      let window = try Window(title: "first light: \(world.size) ranks", width: grid.width, height: grid.height)
      window.show(grid)
      let onScreen = try window.capture()
      try onScreen.writePNG(to: "\(out)/window.png")
      print(
        "rank 0: \(world.size) frames, \(total) covered pixels in all; wrote \(out)/rank0-scene.png and \(out)/window.png"
      )
      print(
        "VTK \(VTKLibrary.version); OpenGL: \(window.openGLRenderer); \(Environment.libraryVersion.split(separator: ",").first ?? "")"
      )
      // The screen has no alpha channel (VTK clears with alpha 0), so compare colours only.
      report.add(
        Checks.image(
          "window-shows-frames", onScreen, reference: grid, tolerance: 0, badPixelBudget: 0,
          directory: out))
      window.keepOpen(
        seconds: ProcessInfo.processInfo.environment[HarnessEnvironment.keepOpen].flatMap(Double.init) ?? 0)
    }
  }
}
