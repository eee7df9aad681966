import Foundation
import Imaging
import Launch
import MPI
import VTK
import Window
import WorkbookContract
import WorkbookKit

/// Chapter 00, first light: one VTK frame per rank, a sum across ranks, a window on screen.
public enum Chapter00 {
  /// The chapter's folder name under lessons/, exercises/ and solutions/. The harness prints it
  /// and writes images to `out/<name>` unless `WORKBOOK_OUT` says otherwise.
  public static let name = "00-first-light"

  /// The learner's two functions.
  public struct Learner {
    /// Pixels of `image` whose colour is not `background`.
    public var coveredPixels: (RGBAImage, RGBA) -> Int
    /// The sum of every rank's `local` count, known on every rank.
    public var totalCovered: (Int, Communicator) throws -> Int

    /// The learner's functions, one argument per property. An exercise's `main.swift` builds this
    /// and hands it to `check(_:)`.
    public init(
      coveredPixels: @escaping (RGBAImage, RGBA) -> Int,
      totalCovered: @escaping (Int, Communicator) throws -> Int
    ) {
      self.coveredPixels = coveredPixels
      self.totalCovered = totalCovered
    }
  }

  /// Rank `rank`'s frame: an unlit sphere whose size grows with the rank, so each rank's pixel
  /// count differs and a sum that drops a rank shows.
  static func renderRankScene(rank: Int, size: Int) throws -> RGBAImage {
    let stage = try Stage(width: 320, height: 240, background: SIMD3(0.1, 0.1, 0.15))
    let sphere = SphereSource(radius: 0.5 + 0.25 * Double(rank), thetaResolution: 64, phiResolution: 64)
    let actor = Actor(mapper: PolyDataMapper(input: sphere))
    let hue = Double(rank) / Double(max(size, 1))
    actor.setColor(0.9, 0.3 + 0.6 * hue, 0.2)
    actor.setLighting(false)
    stage.renderer.add(actor)
    stage.look(from: SIMD3(0, 0, 6))
    stage.renderFrame()
    return stage.window.captureColor()
  }

  /// The background as VTK captured it. The corner is never covered by the sphere; note that
  /// VTK clears the background with alpha 0.
  static func background(of image: RGBAImage) -> RGBA { image[0, 0] }

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      let image = try renderRankScene(rank: world.rank, size: world.size)
      let expected = referenceCount(image)
      let local = learner.coveredPixels(image, background(of: image))
      report.add(Checks.counter("covered-pixels", expected: expected, got: local, unit: "pixels"))
      // The reference total comes from gathering the reference counts, not from the learner.
      let referenceTotal = try world.allGather(expected).reduce(0, +)
      Harness.announce("totalCovered: the allreduce of covered pixels")
      let total = try learner.totalCovered(local, world)
      report.add(Checks.counter("total-covered", expected: referenceTotal, got: total, unit: "pixels"))
      report.metric("covered-pixels-rank-\(world.rank)", Double(expected), unit: "pixels")
    }
  }
}
