import Foundation
import Launch
import VTK
import WorkbookKit

/// Chapter 02, vtkLODActor: building a chain of levels and driving VTK's choice among them.
public enum Chapter02 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "02-lod-actor"

  /// The learner's two functions.
  public struct Learner {
    /// Adds a medium and a low level of `mesh` to `actor`; returns their mappers, medium first.
    public var buildLODChain: (LODActor, Algorithm) -> [PolyDataMapper]
    /// The window's desired update rate (frames per second) that makes VTK draw `level`
    /// (0 full, 1 medium, 2 low), given each level's measured draw time in seconds.
    public var updateRate: (_ level: Int, _ drawTimes: [Double]) -> Double

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      buildLODChain: @escaping (LODActor, Algorithm) -> [PolyDataMapper],
      updateRate: @escaping (Int, [Double]) -> Double
    ) {
      self.buildLODChain = buildLODChain
      self.updateRate = updateRate
    }
  }

  static let levelNames = ["full", "medium", "low"]

  /// The factors each level's draw times are scaled by, one frame each: as given, 25 % longer,
  /// 20 % shorter (measured times wander; a rate must not sit on a boundary).
  static let drift = [1.0, 1.25, 0.8]

  /// Seconds per primitive in the check's cost model, about what llvmpipe spends per triangle
  /// (in the demo, the 2 M-triangle sphere's mapper measured its own draw time at 0.25 s).
  public static let secondsPerPrimitive = 1.5e-7

  /// The draw time the check gives a level: proportional to what it draws. VTK's own number comes
  /// from GPU timer queries read back frames late; on llvmpipe a small mesh sometimes measures as
  /// 3e-8 s, so two levels can tie by accident. A model keeps the choice the same on every run.
  static func modelledDrawTime(_ data: PolyData?) -> Double {
    Double(data?.primitiveCount ?? 0) * secondsPerPrimitive
  }

  /// Checks the learner's LOD chain (two mappers, each within its budget) and that their update
  /// rates make the real `vtkLODActor` draw each level, with draw times pinned by the cost model;
  /// then exits with the harness's status.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      // About 600 000 triangles: slow enough on a software rasteriser that its draw time is
      // orders of magnitude above a coarse level's, so the choice cannot flip on timer noise.
      let mesh = SphereSource(radius: 1, thetaResolution: 600, phiResolution: 500)
      mesh.update()
      let fullTriangles = mesh.output!.polygonCount
      let full = PolyDataMapper(input: mesh)
      let actor = LODActor()
      actor.setMapper(full)
      let returned = learner.buildLODChain(actor, mesh)
      let inActor = actor.lodMappers

      // The chain: exactly two levels added, the ones returned, medium first.
      let sameMappers =
        returned.count == 2 && inActor.count == 2
        && zip(returned, inActor).allSatisfy { $0.isSame(as: $1) }
      var chainProblem = "\(returned.count) returned, \(inActor.count) in the actor's LOD mapper list"
      if !sameMappers && returned.count == 2 && inActor.count == 2 {
        let sameSet = returned.allSatisfy { r in inActor.contains { $0.isSame(as: r) } }
        chainProblem +=
          sameSet
          ? ": the same 2 mappers in another order (addLODMapper appends: add medium first, return [medium, low])"
          : ": the mappers returned are not the ones added to the actor"
      }
      report.add(
        Checks.that(
          "lod-chain", sameMappers,
          expected: "2 LOD mappers added with AddLODMapper, returned medium first", got: chainProblem))
      guard sameMappers else { return }

      // Budgets, from the poly data each level draws.
      for m in returned { m.update() }
      let medium = returned[0].input
      let low = returned[1].input
      let mediumTriangles = medium?.polygonCount ?? 0
      let swapped = (low?.primitiveCount ?? 0) > (medium?.primitiveCount ?? 0)
      report.add(
        Checks.within(
          "medium-budget", 5_000...60_000, got: mediumTriangles, unit: "triangles",
          detail: "the full level has \(fullTriangles) triangles"
            + (swapped ? "; the second level returned draws more than the first: medium comes first" : "")))
      let lowPrimitives = low?.primitiveCount ?? 0
      report.add(
        Checks.within("low-budget", 1...2_000, got: lowPrimitives, unit: "primitives (points, lines, triangles)"))

      // Draw times from the cost model, pinned into each mapper before every frame.
      full.update()
      let mappers = [full, returned[0], returned[1]]
      let drawTimes = [modelledDrawTime(full.input), modelledDrawTime(medium), modelledDrawTime(low)]
      for (i, t) in drawTimes.enumerated() { report.metric("draw-time-\(levelNames[i])", t, unit: "s") }

      // Drive the real vtkLODActor to each level through the window's desired update rate.
      let stage = try Stage(width: 400, height: 300)
      let window = stage.window
      let renderer = stage.renderer
      renderer.add(actor)
      renderer.resetCamera()
      mappers.forEach { $0.observeRenders() }
      // Measured draw times wander from frame to frame: each level is drawn three times, with the
      // draw times as given, 25 % longer and 20 % shorter. A time right on a level's boundary
      // (1 / drawTimes[level], for example) passes the first frame and fails one of the others.
      for level in 0..<3 {
        let rate = learner.updateRate(level, drawTimes)
        var wrong: (scale: Double, drawn: String)? = nil
        for scale in drift {
          let before = mappers.map { $0.renderCount ?? 0 }
          window.desiredUpdateRate = rate
          for (m, t) in zip(mappers, drawTimes) { m.setTimeToDraw(t * scale) }
          window.render()
          let drawn = (0..<3).first { mappers[$0].renderCount! > before[$0] }
          if drawn != level, wrong == nil { wrong = (scale, drawn.map { levelNames[$0] } ?? "nothing") }
        }
        let allocated = "\(Checks.format(rate)) fps (allocated \(Checks.format(renderer.allocatedRenderTime)) s)"
        report.add(
          Checks.that(
            "draws-\(levelNames[level])", wrong == nil,
            expected: "VTK draws the \(levelNames[level]) level, also with every draw time ×1.25 and ×0.8",
            got: wrong.map { "it drew \($0.drawn) at \(allocated) with the draw times ×\(Checks.format($0.scale))" }
              ?? "it drew \(levelNames[level]) at \(allocated)",
            detail:
              "draw times: full \(Checks.format(drawTimes[0])) s, medium \(Checks.format(drawTimes[1])) s, low \(Checks.format(drawTimes[2])) s"
              + (wrong == nil
                ? ""
                : "; a time on a level's boundary flips with the first change in a measured time: aim between the levels, far from both")
          ))
      }
    }
  }
}
