import Foundation
import Imaging
import MPI
import VTK
import Window
import WorkbookContract
import WorkbookKit

/// Chapter 18's demo (`./workbook run 18`).
extension Chapter18 {
  /// The demo: every rank renders its share of the scene with VTK, radix-k composites it, and
  /// rank 0 shows each frame in a window titled with the frame's numbers, following the
  /// scripted camera with the reference policy. Prints the frame-time table and writes a still
  /// and a moving frame. With `--keep-open S` (`WORKBOOK_KEEP_OPEN`), the window then stays for
  /// S seconds and a drag with the left mouse button orbits the camera.
  public static func demo() -> Never {
    Harness.keepFreedMemory()
    Harness.runMPI(chapter: name) { world, report in try tour(world, &report) }
  }

  /// The window title of a frame.
  static func title(_ n: Int, _ r: FrameRecord) -> String {
    let ms = String(format: "%.1f ms", r.seconds * 1000)
    return "frame \(n) · \(ms) · \(r.triangles) triangles · \(Benchmark.describe(bytes: r.bytes)) · "
      + "\(r.moving ? "moving" : "still") (level \(r.settings.level), 1/\(r.settings.reduction))"
  }

  static func tour(_ world: Communicator, _ report: inout Report) throws {
    let (p, root) = (world.size, world.rank == 0)
    let objects = sceneObjects()
    let path = cameraPath()
    let flight = try Flight(world: world, objects: objects)
    let (still, budget, _) = try flight.measureBudget(path[0].pose)
    let window = root ? try Window(title: "capstone", width: width, height: height) : nil
    if root {
      let total = objects.reduce(0) { $0 + triangles(resolution: resolution($1), level: 0) }
      print(
        "\(objects.count) spheres, \(total) triangles at full detail, split id % \(p) == rank; \(width)x\(height); "
          + "radix-k k = 2 with active pixels.")
      print(
        "Still full-detail frame \(Benchmark.describe(seconds: still)) (median of 5 after 2 warm-ups): budget "
          + "\(Benchmark.describe(seconds: budget)) (1/\(Int(budgetRatio))).")
    }
    let out = Harness.outputDirectory(chapter: name)
    var previous = FrameSettings.full
    var recent: [Double] = []
    var records: [FrameRecord] = []
    var index = 0
    while true {
      let drawn = try flight.frame(
        decide: { () -> Step? in
          guard index < path.count else { return nil }
          let f = path[index]
          let s = referenceSettings(
            Motion(moving: f.moving, previous: previous, recentSeconds: recent, budget: budget))
          return Step(pose: f.pose, moving: f.moving, settings: s)
        }, magnify: referenceMagnify, present: { window?.show(rgba($0)) })
      guard let (record, image) = drawn else { break }
      if root, let image {
        records.append(record)
        window?.setTitle(title(index, record))
        window?.pollEvents()
        previous = record.settings
        recent = Array((recent + [record.seconds]).suffix(history))
        // Frames 69 and 73 look from almost the same place: the last moving frame before the
        // close-up stop, and the close-up itself.
        // The saved pictures carry the window title's line, drawn by VTK over them.
        let caption = { [Labels.topLeft(title(index, record), height: height, fontSize: 14)] }
        if index == 69 { try Labels.stamp(rgba(image), caption()).writePNG(to: "\(out)/moving.png") }
        if index == 73 { try Labels.stamp(rgba(image), caption()).writePNG(to: "\(out)/still.png") }
        if index == 3 { try compareWithSerial(image, objects: objects, pose: path[3].pose, &report) }
      }
      index += 1
    }
    let costs = try floorProbe(flight, pose: path[0].pose)
    if root {
      printTable(records, ranks: p, still: still, budget: budget, &report)
      print(costs)
      print("Wrote \(out)/still.png (frame 73, close, still) and \(out)/moving.png (frame 69, moving).")
    }
    let keep = ProcessInfo.processInfo.environment[HarnessEnvironment.keepOpen].flatMap(Double.init) ?? 0
    if keep > 0 { try orbit(flight, window: window, seconds: keep, budget: budget) }
  }

  /// Frame 3 (still, before any motion) against VTK's render of the whole scene at full detail
  /// in one process.
  static func compareWithSerial(_ image: Image, objects: [SceneObject], pose: Pose, _ report: inout Report) throws {
    let stage = try Stage(width: width, height: height, background: ParallelScene.background)
    for o in objects {
      let r = resolution(o)
      let a = Actor(
        mapper: PolyDataMapper(
          input: SphereSource(radius: o.radius, center: o.center, thetaResolution: r, phiResolution: r)))
      a.setColor(o.color.x, o.color.y, o.color.z)
      stage.renderer.add(a)
    }
    stage.renderer.activeCamera.configure(from: pose.camera)
    stage.renderFrame()
    let cmp = ImageComparison(rgba(image), reference: stage.window.captureColor().opaque(), tolerance: 2)
    print(
      "The still frame against VTK's render of the whole scene in one process: \(cmp.badPixels) of "
        + "\(width * height) pixels differ by more than 2 levels.")
    report.metric("still-pixels-differing-from-serial", Double(cmp.badPixels), unit: "pixels")
  }

  /// Where the time of a coarse frame goes: each rank's render (culling, VTK's render, colour
  /// and depth read-back) at 1/4 resolution, so that pixels cost little, with no object shown
  /// and at each level; slowest rank, median of 5 after 2 warm-ups. From levels 0 and 2 (the
  /// same actors, different triangles): the cost per triangle, and what is left per actor.
  static func floorProbe(_ flight: Flight, pose: Pose) throws -> String {
    let world = flight.world
    func time(_ level: Int, hideAll: Bool) throws -> (seconds: Double, triangles: Int, objects: Int) {
      var samples: [Double] = []
      var counts = (0, 0)
      for n in 0..<7 {
        try world.barrier()
        let start = Benchmark.now()
        let f = flight.scene.frame(
          pose.camera, FrameSettings(level: level, reduction: maximumReduction), hideAll: hideAll)
        let slowest = try world.allReduce(Benchmark.now() - start, op: .max)
        if n >= 2 { samples.append(slowest) }
        counts = (f.triangles, f.objects)
      }
      // Per rank: the busiest rank's counts.
      let most = try world.allReduce([counts.0, counts.1], op: .max)
      return (Timings(samples: samples).median, most[0], most[1])
    }
    let none = try time(0, hideAll: true)
    let levels = try (0...coarsestLevel).map { try time($0, hideAll: false) }
    let perTriangle = (levels[0].seconds - levels[2].seconds) / Double(levels[0].triangles - levels[2].triangles)
    let perActor =
      (levels[2].seconds - none.seconds - perTriangle * Double(levels[2].triangles)) / Double(levels[2].objects)
    var text = "\nOne rank's render at 1/\(maximumReduction) resolution from frame 0 (slowest rank, median of 5): "
    text += "no object shown \(Benchmark.describe(seconds: none.seconds))"
    for (level, t) in levels.enumerated() {
      text +=
        "; level \(level) \(Benchmark.describe(seconds: t.seconds)) (\(t.objects) actors, \(t.triangles) triangles)"
    }
    text += String(
      format: ".\nFrom levels 0 and 2: %.1f ns per triangle; what is left, per actor: %.1f µs.", perTriangle * 1e9,
      perActor * 1e6)
    return text
  }

  /// Median of `values`, 0 when empty.
  static func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : Timings(samples: values).median }

  static func printTable(
    _ records: [FrameRecord], ranks p: Int, still: Double, budget: Double, _ report: inout Report
  ) {
    let moving = records.filter(\.moving)
    let stills = records.filter { !$0.moving }
    let within = Double(moving.filter { $0.seconds <= budget }.count) / Double(max(moving.count, 1))
    func ms(_ s: Double) -> String { String(format: "%.1f", s * 1000) }
    func kib(_ b: Double) -> String { String(format: "%.0f", b / 1024) }
    let m = (
      median: median(moving.map(\.seconds)), p95: percentile95(moving.map(\.seconds)),
      triangles: median(moving.map { Double($0.triangles) }), bytes: median(moving.map { Double($0.bytes) })
    )
    let s = (
      median: median(stills.map(\.seconds)), triangles: median(stills.map { Double($0.triangles) }),
      bytes: median(stills.map { Double($0.bytes) })
    )
    print("\nThe scripted path: \(records.count) frames, \(moving.count) moving, \(stills.count) still.")
    print(
      "| P | moving median | moving p95 | still | budget | within budget | triangles moving / still | KiB composited moving / still |"
    )
    print(
      "| \(p) | \(ms(m.median)) ms | \(ms(m.p95)) ms | \(ms(s.median)) ms | \(ms(budget)) ms | "
        + String(format: "%.1f %%", within * 100) + " | \(Int(m.triangles)) / \(Int(s.triangles)) | "
        + "\(kib(m.bytes)) / \(kib(s.bytes)) |")
    print("Medians of the split, slowest rank for render and composite, rank 0 for gather + magnify + show:")
    print("| P | frames | render | composite | gather, magnify, show |")
    for (label, set) in [("moving", moving), ("still", stills)] {
      print(
        "| \(p) | \(label) | \(ms(median(set.map(\.render)))) ms | \(ms(median(set.map(\.composite)))) ms | "
          + "\(ms(median(set.map(\.present)))) ms |")
    }
    if records.count > 73 {
      let (far, close) = (records[3], records[73])
      print(
        "Culling: the still frame 3 (distance 62) draws \(far.objects) of \(objectCount) spheres, \(far.triangles) "
          + "triangles, in \(ms(far.seconds)) ms; the close-up still frame 73 (distance 22) \(close.objects), "
          + "\(close.triangles) triangles, in \(ms(close.seconds)) ms.")
    }
    let settings = Dictionary(grouping: moving, by: { $0.settings.description }).map { "\($0.key): \($0.value.count)" }
    print("Moving frames by settings: " + settings.sorted().joined(separator: ", ") + ".")
    report.metric("still-seconds", still, unit: "s")
    report.metric("budget-seconds", budget, unit: "s")
    report.metric("moving-median-seconds", m.median, unit: "s")
    report.metric("moving-p95-seconds", m.p95, unit: "s")
    report.metric("moving-within-budget", within, unit: "fraction")
  }

  /// Orbits by mouse drag for `seconds` (or until the window closes): rank 0 reads the cursor
  /// and broadcasts each frame's pose; a frame is drawn when the camera moved, and once more
  /// at full detail when it stops. Rank 0 waits for the mouse before a frame starts (the other
  /// ranks wait in the frame's barrier), so the wait is not part of the frame's time.
  static func orbit(_ flight: Flight, window: Window?, seconds: Double, budget: Double) throws {
    let end = Benchmark.now() + seconds
    var pose = cameraPath()[0].pose
    var previous = FrameSettings.full
    var recent: [Double] = []
    var last: (x: Double, y: Double)?
    var drawnStill = true
    var n = 0
    while true {
      var step: Step?
      if let window {
        while step == nil && Benchmark.now() < end && !window.shouldClose {
          window.pollEvents()
          let cursor = window.cursorPosition
          var moved = false
          if window.isLeftButtonDown, let l = last, cursor != l {
            pose.azimuth -= 0.4 * (cursor.x - l.x)
            pose.elevation = min(80, max(-80, pose.elevation + 0.4 * (cursor.y - l.y)))
            moved = true
          }
          last = window.isLeftButtonDown ? cursor : nil
          if moved || !drawnStill {
            drawnStill = !moved
            let s = referenceSettings(Motion(moving: moved, previous: previous, recentSeconds: recent, budget: budget))
            step = Step(pose: pose, moving: moved, settings: s)
          } else {
            window.keepOpen(seconds: 0.02)
          }
        }
      }
      let drawn = try flight.frame(
        decide: { step }, magnify: referenceMagnify, present: { window?.show(rgba($0)) })
      guard let (record, _) = drawn else { break }
      if let window {
        window.setTitle(title(n, record))
        previous = record.settings
        recent = Array((recent + [record.seconds]).suffix(history))
      }
      n += 1
    }
  }
}
