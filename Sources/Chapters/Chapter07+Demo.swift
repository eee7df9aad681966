import Foundation
import Imaging
import VTK
import WorkbookKit

extension Chapter07 {
  /// The demo (`./workbook run 7`): the city, its occluders' depth buffer next to VTK's, what the
  /// hierarchical z-buffer culls, and VTK's picture with and without the culled objects.
  /// With `--bench` (`./workbook bench 7`), the benchmark.
  public static func demo() -> Never {
    if CommandLine.arguments.contains("--bench") { bench() }
    Harness.run(chapter: name) { report in
      let scene = makeScene()
      let depth = occluderDepth(scene)
      let hiz = HiZ(depth)
      let rasterizer = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
      let rects = scene.occludees.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) }
      let hzbCulled = rects.map(hiz.isOccluded)
      let visible = scene.occludees.map { rasterizer.isVisible($0, in: depth) }
      let exactCulled = visible.filter { !$0 }.count
      var perLevel = [Int](repeating: 0, count: hiz.levels.count)
      for r in rects where !r.crossesNear && !r.isEmpty { perLevel[HiZ.level(for: r, levels: hiz.levels.count)] += 1 }
      let total = scene.buildings.count + scene.props.count
      print("City: \(scene.buildings.count) buildings and \(scene.props.count) small objects (\(total) in all); "
        + "\(scene.frustumCulled) outside the frustum; \(scene.occluders.count) buildings drawn as occluders into a "
        + "\(width)×\(height) depth buffer; \(scene.occludees.count) objects to test.")
      print("Full-resolution (per-pixel) test culls \(exactCulled); the hierarchical z-buffer culls "
        + "\(hzbCulled.filter { $0 }.count) (\(String(format: "%.1f", 100 * Double(hzbCulled.filter { $0 }.count) / Double(max(exactCulled, 1))))% of those), "
        + "wrongly culled: \(scene.occludees.indices.filter { hzbCulled[$0] && visible[$0] }.count)")
      print("Pyramid levels used (level: objects): " + perLevel.enumerated().filter { $0.1 > 0 }
        .map { "\($0.0) (\(hiz.levels[$0.0].width)×\(hiz.levels[$0.0].height)): \($0.1)" }.joined(separator: ", "))
      report.metric("hzb-culled", Double(hzbCulled.filter { $0 }.count), unit: "objects")
      report.metric("full-resolution-culled", Double(exactCulled), unit: "objects")

      // VTK: the same camera, our occluders alone (to compare depth buffers), then everything.
      let stage = try Stage(width: width, height: height, background: SIMD3(0.55, 0.7, 0.9))
      stage.renderer.activeCamera.configure(from: scene.camera)
      let out = Harness.outputDirectory(chapter: name)
      let occluderActors = scene.occluders.map { addBox(scene.buildings[$0], to: stage.renderer, color: (0.5, 0.55, 0.65)) }
      stage.renderFrame()
      let vtkDepth = stage.window.captureDepth().flippedVertically()  // rows from the bottom, like ours
      var coverageMismatch = 0, largest: Float = 0
      for i in 0..<depth.values.count {
        let a = depth.values[i], b = vtkDepth.values[i]
        if (a < 1) != (b < 1) { coverageMismatch += 1 } else if a < 1 { largest = max(largest, abs(a - b)) }
      }
      print("Our CPU depth buffer vs VTK's z-buffer of the same occluders: \(coverageMismatch) pixels covered by one only "
        + "(edges), largest depth difference elsewhere \(largest)")
      report.metric("depth-coverage-mismatch", Double(coverageMismatch), unit: "pixels")
      report.metric("depth-max-difference", Double(largest), unit: "")
      try DepthImage(width: width, height: height, values: depth.values).flippedVertically().visualized()
        .writePNG(to: "\(out)/occluder-depth.png")

      // Everything drawn, then without what the z-buffer culled: the pictures must agree.
      var testedActors: [Actor] = []
      for (b, isBuilding) in zip(scene.occludees, scene.occludeeIsBuilding) {
        testedActors.append(addBox(b, to: stage.renderer, color: isBuilding ? (0.5, 0.55, 0.65) : (0.95, 0.55, 0.15)))
      }
      stage.renderFrame()
      let full = stage.window.captureColor()
      let fullTime = stage.renderFrame()
      for (a, culled) in zip(testedActors, hzbCulled) where culled { a.isVisible = false }
      stage.renderFrame()
      let reduced = stage.window.captureColor()
      let reducedTime = stage.renderFrame()
      try full.writePNG(to: "\(out)/all-objects.png")
      try reduced.writePNG(to: "\(out)/culled-removed.png")
      report.add(Checks.image("vtk-picture-unchanged", reduced, reference: full, tolerance: 0, badPixelBudget: 0.0005, directory: out))
      print("VTK: \(occluderActors.count + testedActors.count) actors; one frame with everything \(Benchmark.describe(seconds: fullTime)), "
        + "without the culled ones \(Benchmark.describe(seconds: reducedTime)) (single frames; medians: ./workbook bench 7)")

      // From above: occluders blue, culled objects red, the rest green.
      for (a, culled) in zip(testedActors, hzbCulled) {
        a.isVisible = true
        culled ? a.setColor(0.9, 0.15, 0.1) : a.setColor(0.2, 0.8, 0.3)
      }
      occluderActors.forEach { $0.setColor(0.2, 0.4, 0.95) }
      stage.renderer.activeCamera.configure(from: PerspectiveCamera(position: SIMD3(0, 170, 0.01), focalPoint: .zero,
                                                                    viewUp: SIMD3(1, 0, 0), viewAngle: 45, near: 100, far: 300))
      stage.renderFrame()
      try stage.window.captureColor().writePNG(to: "\(out)/overview.png")
      print("Wrote \(out)/occluder-depth.png, all-objects.png, culled-removed.png and overview.png "
        + "(from above: occluders blue, culled red, kept green; the camera is at the left edge, looking right)")
    }
  }

  /// One VTK actor for a box, lit, with a static mapper.
  static func addBox(_ b: AABB, to renderer: Renderer, color: (Double, Double, Double)) -> Actor {
    let cube = CubeSource(size: b.size, center: b.center)
    cube.update()
    let mapper = PolyDataMapper(input: cube)
    mapper.setStatic(true)
    let actor = Actor(mapper: mapper)
    actor.setColor(color.0, color.1, color.2)
    renderer.add(actor)
    return actor
  }

  /// `./workbook bench 7`: the parts of a frame's occlusion test, and what culling saves VTK.
  static func bench() -> Never {
    Harness.run(chapter: name) { report in
      let runs = 15
      print(BenchMachine.description(settings: "release build, one thread, \(width)×\(height) depth buffer, \(runs) timed runs after 3 warm-ups, medians"))
      let scene = makeScene()
      let depth = occluderDepth(scene)
      let hiz = HiZ(depth)
      let rasterizer = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
      let objects = scene.occludees
      let rects = objects.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) }
      let t = BenchMachine.interleaved(runs: runs, warmup: 3, [
        { _ = occluderDepth(scene) },
        { _ = HiZ(depth) },
        { for r in rects { _ = hiz.isOccluded(r) } },
        { for r in rects { _ = HiZ.isOccludedFullResolution(r, in: depth) } },
        { for b in objects { _ = rasterizer.isVisible(b, in: depth) } },
        { _ = objects.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) } },
      ])
      let n = Double(objects.count)
      let rows = ["rasterise \(scene.occluders.count) occluders", "build the max pyramid", "HZB tests (≤ 2×2 texels each)",
                  "full-resolution rectangle tests (every pixel)", "exact per-pixel test (rasterise each object)",
                  "screen rectangles (project 8 corners)"]
      print("\n\(objects.count) objects tested per frame.\n\n| step | median per frame | per object |\n|---|---|---|")
      for (name, timing) in zip(rows, t) {
        print("| \(name) | \(timing.medianDescription) | \(Benchmark.describe(seconds: timing.median / n)) |")
      }
      let hzb = t[1].median + t[2].median
      print(String(format: "\npyramid + HZB tests: %@, %.1f× faster than the full-resolution rectangle tests, %.0f× faster than the exact test",
                   Benchmark.describe(seconds: hzb), t[3].median / hzb, t[4].median / hzb))
      report.metric("hzb-vs-full-resolution", t[3].median / hzb, unit: "x")
      report.metric("hzb-vs-exact", t[4].median / hzb, unit: "x")

      // What it buys VTK: frame time with every object in the frustum vs without the culled ones.
      let culled = rects.map(hiz.isOccluded)
      let stage = try Stage(width: width, height: height)
      stage.renderer.activeCamera.configure(from: scene.camera)
      scene.occluders.forEach { _ = addBox(scene.buildings[$0], to: stage.renderer, color: (0.5, 0.55, 0.65)) }
      let actors = objects.map { addBox($0, to: stage.renderer, color: (0.95, 0.55, 0.15)) }
      let frames = BenchMachine.interleaved(runs: 9, warmup: 2, [
        { actors.forEach { $0.isVisible = true }; stage.renderFrame() },
        { for (a, c) in zip(actors, culled) { a.isVisible = !c }; stage.renderFrame() },
      ])
      print("\nVTK (llvmpipe, \(width)×\(height), \(actors.count + scene.occluders.count) actors, static mappers, VTK's own frustum culler on): "
        + "frame \(frames[0].medianDescription) with every object, \(frames[1].medianDescription) without the \(culled.filter { $0 }.count) "
        + String(format: "culled ones (%.2f×); the frame timings include setting visibility", frames[0].median / frames[1].median))
      report.metric("vtk-frame-all", frames[0].median, unit: "s")
      report.metric("vtk-frame-culled", frames[1].median, unit: "s")
    }
  }
}
