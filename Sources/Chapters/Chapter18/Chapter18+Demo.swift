import Foundation
import Imaging
import MPI
import VTK
import WorkbookKit

/// Chapter 18's demo (`./workbook run 18`). In this head start it is a measurement probe: every
/// rank renders its share of the scene with a persistent VTK window along the first frames of
/// the orbit, at several settings, and radix-k (chapter 17, k = 2, active pixels) composites
/// them; rank 0 prints the median frame time, triangles and bytes per setting. The window on
/// rank 0 and the policy loop are still to come (STATUS-ch18.md).
extension Chapter18 {
  /// Runs the probe.
  public static func demo() -> Never {
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in try probe(world, &report) }
  }

  static let demoWidth = 640, demoHeight = 480
  static var demoObjects: Int {
    ProcessInfo.processInfo.environment["CH18_OBJECTS"].flatMap(Int.init) ?? 2000
  }

  /// One rank's share of the scene, made once: one actor per object, one mapper per level.
  final class RankScene {
    let stage: Stage
    let objects: [SceneObject]
    let actors: [Actor]
    let mappers: [[PolyDataMapper]]

    init(objects: [SceneObject]) throws {
      stage = try Stage(width: demoWidth, height: demoHeight, background: ParallelScene.background)
      self.objects = objects
      let mappers = objects.map { o in
        (0...coarsestLevel).map { level in
          let r = max(o.resolution >> level, minimumResolution)
          return PolyDataMapper(
            input: SphereSource(radius: o.radius, center: o.center, thetaResolution: r, phiResolution: r))
        }
      }
      let actors = objects.indices.map { i in
        let a = Actor(mapper: mappers[i][0])
        a.setColor(objects[i].color.x, objects[i].color.y, objects[i].color.z)
        return a
      }
      for a in actors { stage.renderer.add(a) }
      self.mappers = mappers
      self.actors = actors
    }

    /// Renders one frame with `settings` from `camera`: the pixels (top row first), the
    /// triangles drawn by this rank after culling, and the seconds of VTK's render alone and of
    /// reading the colour and depth back.
    func frame(_ camera: PerspectiveCamera, _ settings: FrameSettings) -> (
      pixels: Chapter16.Pixels, triangles: Int, draw: Double, readBack: Double
    ) {
      let (w, h) = (demoWidth / settings.reduction, demoHeight / settings.reduction)
      stage.window.setSize(width: w, height: h)
      let vtkCamera = stage.renderer.activeCamera
      vtkCamera.configure(from: camera)
      let planes = vtkCamera.frustumPlanes(aspect: Double(w) / Double(h))
      var triangles = 0
      for (i, o) in objects.enumerated() {
        let keep = planes.allSatisfy { p in
          let n = SIMD3(p.x, p.y, p.z)
          let len = (n * n).sum().squareRoot()
          return ((n * o.center).sum() + p.w) / len >= -o.radius
        }
        actors[i].isVisible = keep
        if keep {
          actors[i].setMapper(mappers[i][settings.level])
          triangles += Chapter18.triangles(resolution: o.resolution, level: settings.level)
        }
      }
      let draw = stage.renderFrame()
      let start = Benchmark.now()
      let color = stage.window.captureColor()
      let depth = stage.window.captureDepth(rowOrder: .topDown)
      let pixels = Chapter16.pixels(color, depth)
      return (pixels, triangles, draw, Benchmark.now() - start)
    }
  }

  static func probe(_ world: Communicator, _ report: inout Report) throws {
    let (p, r) = (world.size, world.rank)
    let all = ParallelScene.objects(count: demoObjects)
    let scene = try RankScene(objects: all.filter { $0.id % p == r })
    let path = cameraPath().filter(\.moving).prefix(12).map(\.camera)
    let candidates = [
      FrameSettings.full, FrameSettings(level: 1, reduction: 1), FrameSettings(level: 1, reduction: 2),
      FrameSettings(level: 2, reduction: 2), FrameSettings(level: 2, reduction: 4),
    ]
    if r == 0 {
      let total = all.reduce(0) { $0 + triangles(resolution: $1.resolution, level: 0) }
      print(
        "\(all.count) spheres (\(total) triangles at full detail), id % \(p) == rank, \(demoWidth)x\(demoHeight); "
          + "\(path.count) orbit frames per setting after 2 warm-up frames; times are the slowest rank's.")
      print("   settings                          render      composite   frame       triangles   bytes (max rank)")
    }
    for settings in candidates {
      var render: [Double] = [], composite: [Double] = [], frame: [Double] = [], draw: [Double] = []
      var readBack: [Double] = []
      var tri = 0, bytes = 0
      for (n, camera) in ([path[0], path[1]] + path).enumerated() {
        try world.barrier()
        let t0 = Benchmark.now()
        let (pixels, triangles, drawSeconds, readSeconds) = scene.frame(camera, settings)
        let t1 = Benchmark.now()
        let link = Chapter17.Link(try world.duplicate())
        _ = try Chapter17.radixK(
          pixels, link: link, schedule: Chapter17.referenceSchedule(r, Chapter17.factors(ranks: p, k: 2)),
          rle: Chapter17.fastRLE, blend: Chapter17.zBlend)
        let t2 = Benchmark.now()
        let slowest = try world.allReduce([t1 - t0, t2 - t1, t2 - t0, drawSeconds, readSeconds], op: .max)
        let sums = try world.allReduce([triangles], op: .sum)
        let most = try world.allReduce([link.bytesSent + link.bytesReceived], op: .max)
        if n >= 2 {
          render.append(slowest[0])
          composite.append(slowest[1])
          frame.append(slowest[2])
          draw.append(slowest[3])
          readBack.append(slowest[4])
          tri = sums[0]
          bytes = most[0]
        }
      }
      let m = (Timings(samples: render).median, Timings(samples: composite).median, Timings(samples: frame).median)
      if r == 0 {
        print(
          "   " + "\(settings)".padding(toLength: 34, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: m.0).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: m.1).padding(toLength: 12, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: m.2).padding(toLength: 12, withPad: " ", startingAt: 0)
            + "\(tri)".padding(toLength: 12, withPad: " ", startingAt: 0) + Benchmark.describe(bytes: bytes))
      }
      if r == 0 {
        print(
          "      of the render: VTK's render \(Benchmark.describe(seconds: Timings(samples: draw).median)), "
            + "read-back \(Benchmark.describe(seconds: Timings(samples: readBack).median)) (slowest rank each)")
      }
      report.metric("seconds-level\(settings.level)-reduction\(settings.reduction)", m.2, unit: "s")
    }
  }
}
