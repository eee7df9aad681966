import Foundation
import Imaging
import VTK
import WorkbookKit

extension Chapter07 {
  /// The demo (`./workbook run 7`): the city, its occluders' depth buffers (full resolution,
  /// compared with VTK's, and the small conservative one), what the hierarchical z-buffer culls,
  /// and VTK's picture with and without the culled objects.
  /// With `--bench` (`./workbook bench 7`), the benchmark.
  public static func demo() -> Never {
    if CommandLine.arguments.contains("--bench") { bench() }
    Harness.run(chapter: name) { report in
      let scene = makeScene()
      let depth = occluderDepth(scene)
      let small = smallOccluderDepth(scene)
      let hiz = HiZ(small, pixelShift: pixelShift)
      let rasterizer = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
      let rects = scene.occludees.map {
        ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height)
      }
      let hzbCulled = rects.map(hiz.isOccluded)
      let fullHZBCulled = rects.map(HiZ(depth).isOccluded).filter { $0 }.count
      let visible = scene.occludees.map { rasterizer.isVisible($0, in: depth) }
      let exactCulled = visible.filter { !$0 }.count
      let culledCount = hzbCulled.filter { $0 }.count
      var perLevel = [Int](repeating: 0, count: hiz.levels.count)
      for r in rects where !r.crossesNear && !r.isEmpty {
        perLevel[HiZ.level(for: r, levels: hiz.levels.count, pixelShift: pixelShift)] += 1
      }
      let total = scene.buildings.count + scene.props.count
      let claimed = small.values.filter { $0 < 1 }.count
      let covered = depth.values.filter { $0 < 1 }.count
      print(
        "City: \(scene.buildings.count) buildings and \(scene.props.count) small objects (\(total) in all); "
          + "\(scene.frustumCulled) outside the frustum; \(scene.occluders.count) buildings chosen as occluders; "
          + "\(scene.occludees.count) objects to test.")
      print(
        "Occluders drawn at \(width)×\(height) (reference) cover \(covered) pixels; drawn conservatively into "
          + "\(small.width)×\(small.height) (one texel per \(1 << pixelShift)×\(1 << pixelShift) pixels) they claim \(claimed) texels "
          + String(
            format: "(%.1f%% of the covered area: texels an edge crosses stay empty)",
            100 * Double(claimed << (2 * pixelShift)) / Double(max(covered, 1))))
      print(
        "Exact full-resolution test culls \(exactCulled); the \(small.width)×\(small.height) hierarchical z-buffer culls "
          + "\(culledCount) (\(String(format: "%.1f", 100 * Double(culledCount) / Double(max(exactCulled, 1))))% of those), "
          + "wrongly culled: \(scene.occludees.indices.filter { hzbCulled[$0] && visible[$0] }.count); "
          + "a \(width)×\(height) hierarchical z-buffer would cull \(fullHZBCulled)")
      print(
        "Pyramid levels used (level: objects): "
          + perLevel.enumerated().filter { $0.1 > 0 }
          .map { "\($0.0) (\(hiz.levels[$0.0].width)×\(hiz.levels[$0.0].height)): \($0.1)" }.joined(separator: ", "))
      report.add(checkConservative(small, full: depth, pixelShift: pixelShift))
      report.metric("hzb-culled", Double(culledCount), unit: "objects")
      report.metric("full-resolution-culled", Double(exactCulled), unit: "objects")

      // VTK: the same camera, our occluders alone (to compare depth buffers), then everything.
      let stage = try Stage(width: width, height: height, background: SIMD3(0.55, 0.7, 0.9))
      stage.renderer.activeCamera.configure(from: scene.camera)
      let out = Harness.outputDirectory(chapter: name)
      let occluderActors = scene.occluders.map {
        addBox(scene.buildings[$0], to: stage.renderer, color: (0.5, 0.55, 0.65))
      }
      stage.renderFrame()
      let vtkDepth = stage.window.captureDepth(rowOrder: depth.rowOrder)
      var coverageMismatch = 0
      var largest: Float = 0
      for i in 0..<depth.values.count {
        let a = depth.values[i]
        let b = vtkDepth.values[i]
        if (a < 1) != (b < 1) { coverageMismatch += 1 } else if a < 1 { largest = max(largest, abs(a - b)) }
      }
      print(
        "Our full-resolution CPU depth buffer vs VTK's z-buffer of the same occluders: \(coverageMismatch) pixels covered by one only "
          + "(edges), largest depth difference elsewhere \(largest)")
      report.metric("depth-coverage-mismatch", Double(coverageMismatch), unit: "pixels")
      report.metric("depth-max-difference", Double(largest), unit: "")
      // Both buffers as pictures at 640 × 480, on one grey scale; the small one with its texels enlarged.
      let range = depth.values.filter { $0 < 1 }.min().map { $0...(depth.values.filter { $0 < 1 }.max() ?? 1) }
      try depth.visualized(range: range)
        .writePNG(to: "\(out)/occluder-depth.png")
      let enlarged = (0..<(width * height)).map { i in small[(i % width) >> pixelShift, (i / width) >> pixelShift] }
      try DepthImage(width: width, height: height, values: enlarged, rowOrder: small.rowOrder).visualized(range: range)
        .writePNG(to: "\(out)/occluder-depth-small.png")

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
      report.add(
        Checks.image(
          "vtk-picture-unchanged", reduced, reference: full, tolerance: 0, badPixelBudget: 0.0005, directory: out))
      print(
        "VTK: \(occluderActors.count + testedActors.count) actors; one frame with everything \(Benchmark.describe(seconds: fullTime)), "
          + "without the culled ones \(Benchmark.describe(seconds: reducedTime)) (single frames; medians: ./workbook bench 7)"
      )

      // From above: occluders blue, culled objects red, the rest green.
      for (a, culled) in zip(testedActors, hzbCulled) {
        a.isVisible = true
        culled ? a.setColor(0.9, 0.15, 0.1) : a.setColor(0.2, 0.8, 0.3)
      }
      occluderActors.forEach { $0.setColor(0.2, 0.4, 0.95) }
      stage.renderer.activeCamera.configure(
        from: PerspectiveCamera(
          position: SIMD3(0, 170, 0.01), focalPoint: .zero,
          viewUp: SIMD3(1, 0, 0), viewAngle: 45, near: 100, far: 300))
      // The legend goes in the bottom-right corner, which the view from above leaves empty.
      let legend = Labels.legend(
        [
          ("from above; the camera is at the left edge, looking right", SIMD3(1, 1, 1)),
          ("blue: occluders (\(occluderActors.count))", SIMD3(0.35, 0.55, 1)),
          ("red: culled by the depth test (\(culledCount))", SIMD3(0.95, 0.25, 0.2)),
          ("green: kept (\(testedActors.count - culledCount))", SIMD3(0.2, 0.8, 0.3)),
        ], x: stage.width - Labels.margin, y: Labels.margin, fontSize: 15, rightAligned: true, upwards: true)
      try stage.captureLabelled(legend).opaque().writePNG(to: "\(out)/overview.png")
      print(
        "Wrote \(out)/occluder-depth.png, occluder-depth-small.png, all-objects.png, culled-removed.png and overview.png "
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
}
