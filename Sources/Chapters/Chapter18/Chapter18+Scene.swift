import Foundation
import Imaging
import MPI
import VTK
import WorkbookKit

/// The capstone's machinery, shared by the checks and the demo: the scene, the scripted camera,
/// a persistent VTK renderer per rank, and one frame from the policy to the magnified image.
extension Chapter18 {
  /// The window's size (and the full-detail image's).
  static let width = 480, height = 360
  /// Spheres in the scene, the parallel chapters' layout (`ParallelScene.objects`).
  static let objectCount = 600
  /// Every sphere's resolution is the parallel scene's times this (16 to 80 points around):
  /// fewer, finer objects than chapters 14–17, so that a frame's cost is in its triangles and
  /// pixels rather than in VTK's fixed cost per actor (the lesson has the numbers).
  static let detail = 2
  /// The budget of a moving frame is the still full-detail frame's time divided by this.
  static let budgetRatio = 3.0

  /// The scene's objects, the same on every rank.
  static func sceneObjects() -> [SceneObject] { ParallelScene.objects(count: objectCount) }

  /// The resolution the capstone draws `object` with at level 0.
  static func resolution(_ object: SceneObject) -> Int { object.resolution * detail }

  /// Where the camera is: on a sphere around the scene's centre.
  struct Pose: Equatable, Sendable {
    /// Degrees around the vertical axis, 0 on +z.
    var azimuth: Double
    /// Degrees above the horizontal plane.
    var elevation: Double
    /// Distance from the centre.
    var distance: Double

    /// The camera: looking at the centre, +y up, 40° view angle; the clipping range is the
    /// same in every frame so that depths from different frames and ranks compare.
    var camera: PerspectiveCamera {
      let a = azimuth * .pi / 180
      let e = elevation * .pi / 180
      let position = distance * SIMD3(sin(a) * cos(e), sin(e), cos(a) * cos(e))
      return PerspectiveCamera(
        position: position, focalPoint: .zero, viewUp: SIMD3(0, 1, 0), viewAngle: 40, near: 1, far: 120)
    }
  }

  /// One frame of the scripted path: the pose and whether the camera moved since the frame
  /// before.
  struct PathFrame: Equatable, Sendable {
    var pose: Pose
    var moving: Bool
  }

  /// The scripted camera (headless, and in the checks): runs of moving frames separated by
  /// still ones. It orbits half way round at the parallel chapters' distance (62), dollies in
  /// to 22 (inside the 40-unit cube, where most objects are outside the view), holds still
  /// there, and comes back out while rising.
  ///
  /// Frames: 0–3 still; 4–39 orbit 180° (5° a frame); 40–43 still; 44–69 dolly in to 22
  /// while turning 2° a frame; 70–73 still (close); 74–99 dolly out to 62, turning back 4° and
  /// rising 1° a frame; 100–103 still.
  static func cameraPath() -> [PathFrame] {
    var pose = Pose(azimuth: 0, elevation: 0, distance: 62)
    var out: [PathFrame] = []
    func run(_ frames: Int, azimuth: Double = 0, elevation: Double = 0, distance: Double = 0) {
      let moving = azimuth != 0 || elevation != 0 || distance != 0
      for _ in 0..<frames {
        pose.azimuth += azimuth
        pose.elevation += elevation
        pose.distance += distance
        out.append(PathFrame(pose: pose, moving: moving))
      }
    }
    run(4)
    run(36, azimuth: 5)
    run(4)
    run(26, azimuth: 2, distance: -40.0 / 26)
    run(4)
    run(26, azimuth: -4, elevation: 1, distance: 40.0 / 26)
    run(4)
    return out
  }

  /// What one frame did, as rank 0 knows it.
  struct FrameRecord: Sendable {
    /// Whether the camera moved.
    var moving: Bool
    /// The settings it was drawn with.
    var settings: FrameSettings
    /// Rank 0's wall time from the frame's start (every rank at a barrier) to the magnified
    /// image (shown, in the demo): the policy, the slowest rank's render and composite, the
    /// gather and the magnification.
    var seconds: Double
    /// The slowest rank's culling and VTK render with colour and depth read-back.
    var render: Double
    /// The slowest rank's radix-k (from its own render's end).
    var composite: Double
    /// Rank 0's gather of the composited parts, magnification (and showing).
    var present: Double
    /// Triangles drawn, summed over the ranks (after culling).
    var triangles: Int
    /// Objects drawn, summed over the ranks (after culling).
    var objects: Int
    /// Bytes the ranks sent to one another while compositing, summed.
    var bytes: Int
  }

  /// One rank's share of the scene, made once: one actor per object, one mapper per level.
  final class RankScene {
    let stage: Stage
    let objects: [SceneObject]
    let actors: [Actor]
    let mappers: [[PolyDataMapper]]

    init(objects: [SceneObject]) throws {
      stage = try Stage(width: width, height: height, background: ParallelScene.background)
      self.objects = objects
      let mappers = objects.map { o in
        (0...coarsestLevel).map { level in
          let r = max(resolution(o) >> level, minimumResolution)
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

    /// Draws every level once (small), so that no sphere is first generated and uploaded
    /// during a timed frame.
    func warmUp(_ pose: Pose) {
      for level in (0...coarsestLevel).reversed() {
        _ = frame(pose.camera, FrameSettings(level: level, reduction: maximumReduction))
      }
    }

    /// Renders one frame with `settings` from `camera`: the reduced image's pixels (top row
    /// first, with depth), and the triangles and objects drawn after culling by the bounding
    /// sphere against the frustum (chapter 06's test). `hideAll` draws no object at all (to
    /// time what a frame costs besides its objects).
    func frame(_ camera: PerspectiveCamera, _ settings: FrameSettings, hideAll: Bool = false) -> (
      pixels: Chapter16.Pixels, triangles: Int, objects: Int
    ) {
      let (w, h) = reducedSize(width: width, height: height, factor: settings.reduction)
      stage.window.setSize(width: w, height: h)
      let vtkCamera = stage.renderer.activeCamera
      vtkCamera.configure(from: camera)
      let kept = keeps(objects, vtkCamera, aspect: Double(w) / Double(h))
      var triangles = 0
      var drawn = 0
      for (i, o) in objects.enumerated() {
        let keep = kept[i] && !hideAll
        actors[i].isVisible = keep
        if keep {
          actors[i].setMapper(mappers[i][settings.level])
          triangles += Chapter18.triangles(resolution: resolution(o), level: settings.level)
          drawn += 1
        }
      }
      stage.renderFrame()
      let color = stage.window.captureColor()
      let depth = stage.window.captureDepth(rowOrder: .topDown)
      return (Chapter16.pixels(color, depth), triangles, drawn)
    }
  }

  /// For each object, whether its bounding sphere is not entirely outside one of `camera`'s
  /// frustum planes (chapter 06's sphere test): the objects a frame draws.
  static func keeps(_ objects: [SceneObject], _ camera: Camera, aspect: Double) -> [Bool] {
    let planes = camera.frustumPlanes(aspect: aspect).map { p in
      // Normalised, so that the plane's value at a point is its signed distance.
      p / (p.x * p.x + p.y * p.y + p.z * p.z).squareRoot()
    }
    return objects.map { o in
      planes.allSatisfy { p in p.x * o.center.x + p.y * o.center.y + p.z * o.center.z + p.w >= -o.radius }
    }
  }

  /// What rank 0 decides before a frame.
  struct Step: Sendable {
    var pose: Pose
    var moving: Bool
    var settings: FrameSettings
    /// The frame's number on its path, for `label`.
    var frame = 0
    /// Whether this is the same frame drawn again (the budget checks' redraw).
    var again = false
  }

  /// Runs frames on every rank: rank 0 decides (pose, motion, settings), broadcasts them, every
  /// rank renders its objects (id % P == rank), radix-k with k = 2 composites (chapter 17's
  /// reference, active pixels), rank 0 gathers the parts and magnifies them.
  final class Flight {
    let world: Communicator
    let comm: Communicator
    let scene: RankScene
    let schedule: [Chapter17.Round]

    init(world: Communicator, objects: [SceneObject]) throws {
      self.world = world
      comm = try world.duplicate()
      let (p, r) = (world.size, world.rank)
      scene = try RankScene(objects: objects.filter { $0.id % p == r })
      schedule = Chapter17.referenceSchedule(r, Chapter17.factors(ranks: p, k: 2))
    }

    /// One frame. Every rank calls it; `decide` runs on rank 0 only, inside the timed frame
    /// (nil ends the flight: every rank returns nil). `magnify` and `present` run on rank 0,
    /// which gets the record and the full-size image; the others get a record with their own
    /// numbers only.
    /// `label`, when given, names the path in `Harness.announce` (with the step's frame number)
    /// before the render and before the magnification (the checks' learner code), so that a
    /// time-out says where it stopped on every rank.
    func frame(
      decide: () -> Step?, magnify: (Image, Int, Int, Int) -> [UInt32], present: (Image) -> Void = { _ in },
      label: String? = nil
    ) throws -> (record: FrameRecord, image: Image?)? {
      let root = world.rank == 0
      try world.barrier()
      let t0 = Benchmark.now()
      var message = [Double](repeating: 0, count: 9)
      if root, let step = decide() {
        message = [
          1, step.pose.azimuth, step.pose.elevation, step.pose.distance, step.moving ? 1 : 0,
          Double(step.settings.level), Double(step.settings.reduction), Double(step.frame), step.again ? 1 : 0,
        ]
      }
      try world.broadcast(&message)
      guard message[0] == 1 else { return nil }
      let label = label.map { "\($0), frame \(Int(message[7]))\(message[8] == 1 ? " drawn again" : "")" }
      if let label { Harness.announce("\(label): render and composite") }
      let pose = Pose(azimuth: message[1], elevation: message[2], distance: message[3])
      let settings = FrameSettings(level: Int(message[5]), reduction: Int(message[6]))
      let drawn = scene.frame(pose.camera, settings)
      let t1 = Benchmark.now()
      let link = Chapter17.Link(comm)
      let part = try Chapter17.radixK(
        drawn.pixels, link: link, schedule: schedule, rle: Chapter17.fastRLE, blend: Chapter17.zBlend)
      let t2 = Benchmark.now()
      let numbers = try world.gather([
        Double(part.range.lowerBound), Double(part.range.upperBound), t1 - t0, t2 - t1, Double(drawn.triangles),
        Double(drawn.objects), Double(link.bytesSent),
      ])
      let colors = try world.gatherVarying(part.pixels.color)
      var record = FrameRecord(
        moving: message[4] == 1, settings: settings, seconds: 0, render: t1 - t0, composite: t2 - t1, present: 0,
        triangles: drawn.triangles, objects: drawn.objects, bytes: link.bytesSent)
      guard let numbers, let colors else { return (record, nil) }
      let (w, h) = reducedSize(width: width, height: height, factor: settings.reduction)
      var reduced = [UInt32](repeating: 0, count: w * h)
      for q in 0..<world.size {
        let lo = Int(numbers[7 * q])
        let hi = Int(numbers[7 * q + 1])
        if hi - lo == colors[q].count { reduced.replaceSubrange(lo..<hi, with: colors[q]) }
      }
      if let label { Harness.announce("\(label): magnify") }
      var full = magnify(Image(width: w, height: h, pixels: reduced), settings.reduction, width, height)
      if full.count != width * height { full = [UInt32](repeating: 0, count: width * height) }
      let image = Image(width: width, height: height, pixels: full)
      present(image)
      let t3 = Benchmark.now()
      let column = { (k: Int) in (0..<self.world.size).map { numbers[7 * $0 + k] } }
      record.seconds = t3 - t0
      record.render = column(2).max() ?? 0
      record.composite = column(3).max() ?? 0
      record.present = t3 - t2
      record.triangles = Int(column(4).reduce(0, +))
      record.objects = Int(column(5).reduce(0, +))
      record.bytes = Int(column(6).reduce(0, +))
      return (record, image)
    }

    /// The budget: the still full-detail frame from `pose`, two warm-up frames and then the
    /// median of five, divided by `budgetRatio`. Every rank gets the same numbers (rank 0's,
    /// broadcast), with rank 0's image of the last frame.
    func measureBudget(_ pose: Pose) throws -> (still: Double, budget: Double, image: Image?) {
      scene.warmUp(pose)
      var samples: [Double] = []
      var image: Image?
      for n in 0..<7 {
        guard
          let (record, picture) = try frame(
            decide: { Step(pose: pose, moving: false, settings: .full) }, magnify: referenceMagnify)
        else { break }
        if n >= 2 { samples.append(record.seconds) }
        image = picture
      }
      let still = try world.broadcast(Timings(samples: samples).median)
      return (still, still / budgetRatio, image)
    }
  }

  /// The 95th percentile of `values` (nearest rank), 0 when empty.
  static func percentile95(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((0.95 * Double(sorted.count)).rounded(.up)) - 1)]
  }

  /// An `Image` as an opaque `RGBAImage`, for PNGs and windows.
  static func rgba(_ image: Image) -> RGBAImage {
    RGBAImage(width: image.width, height: image.height, pixels: image.pixels.withUnsafeBytes { Array($0) }).opaque()
  }
}
