import Foundation
import VTK
import WorkbookKit

extension Chapter06 {
  /// The demo (`./workbook run 6`): the planes next to VTK's, what each test keeps on a VTK scene,
  /// pictures, and plane-test counts. With `--bench` (`./workbook bench 6`), the benchmark.
  public static func demo() -> Never {
    if CommandLine.arguments.contains("--bench") { bench() }
    Harness.run(chapter: name) { report in
      let stage = try Stage(width: width, height: height)
      let camera = stage.renderer.activeCamera
      apply(sceneCamera, to: camera)
      let vtkMatrix = Matrix4(rowMajor: camera.compositeProjectionMatrix(aspect: stage.aspect))
      let swiftMatrix = sceneCamera.viewProjection(aspect: stage.aspect)
      let vtkPlanes = Frustum(planes: camera.frustumPlanes(aspect: stage.aspect).map(Plane.init))
      let extracted = Frustum(viewProjection: vtkMatrix)
      let planeError = zip(vtkPlanes.planes, extracted.planes).map { v, e in
        (0..<4).map { abs(v.coefficients[$0] - e.coefficients[$0]) }.max()!
      }.max()!
      print(
        "Camera at \(sceneCamera.position) looking at \(sceneCamera.focalPoint), view angle \(sceneCamera.viewAngle)°, "
          + "clipping range \(sceneCamera.near)...\(sceneCamera.far), aspect \(Checks.format(stage.aspect))")
      print("planes (a, b, c, d), VTK GetFrustumPlanes vs extracted from GetCompositeProjectionTransformMatrix:")
      for (k, (v, e)) in zip(vtkPlanes.planes, extracted.planes).enumerated() {
        print(
          "  \(Frustum.planeNames[k].padding(toLength: 7, withPad: " ", startingAt: 0)) \(fmt(v.coefficients))   \(fmt(e.coefficients))"
        )
      }
      report.metric("plane-extraction-max-difference", planeError, unit: "")
      report.metric("swift-camera-vs-vtk-matrix-max-difference", swiftMatrix.maxDifference(to: vtkMatrix), unit: "")
      report.add(Checks.atMost("swift-camera-matches-vtk", 1e-12, got: swiftMatrix.maxDifference(to: vtkMatrix)))

      // A VTK scene: what VTK's culler keeps, what our sphere and box tests keep.
      let boxes = makeBoxes(count: 2_000, seed: 60)
      let actors = addActors(for: boxes, to: stage.renderer)
      let vtkKept = Set(FrustumCoverageCuller().cull(actors, in: stage.renderer).kept)
      let vtkBoxes = actors.map { AABB($0.bounds) }
      let sphereKept = Set(BruteForceCuller.visibleSpheres(vtkBoxes, vtkPlanes))
      let classes = BruteForceCuller.classes(vtkBoxes, vtkPlanes)
      let boxKept = Set(classes.indices.filter { classes[$0] != .outside })
      print("\n\(boxes.count) VTK actors (vtkCubeSource, static mappers):")
      print(
        "  vtkFrustumCoverageCuller keeps \(vtkKept.count); our sphere test keeps \(sphereKept.count) "
          + "(same set: \(vtkKept == sphereKept)); our box test keeps \(boxKept.count)")
      print(
        "  box classes: \(classes.filter { $0 == .inside }.count) inside, "
          + "\(classes.filter { $0 == .intersecting }.count) intersecting, \(classes.filter { $0 == .outside }.count) outside"
      )
      report.add(Checks.sameSet("vtk-culler-is-a-sphere-test", expected: vtkKept, got: sphereKept))
      report.add(Checks.subset("box-keeps-less-than-vtk", boxKept, of: vtkKept))

      // Pictures: the camera's view, and the whole scene from above, coloured by class.
      let out = Harness.outputDirectory(chapter: name)
      for (a, c) in zip(actors, classes) {
        switch c {
        case .inside: a.setColor(0.2, 0.8, 0.3)
        case .intersecting: a.setColor(0.95, 0.8, 0.2)
        case .outside: a.setColor(0.45, 0.45, 0.5)
        }
      }
      stage.renderFrame()
      let rendered = stage.renderer.propsRendered
      let count = { (c: Containment) in Labels.grouped(classes.filter { $0 == c }.count) }
      let inside = ("green: inside the frustum (\(count(.inside)))", SIMD3(0.2, 0.8, 0.3))
      let crossing = ("yellow: crossing a plane (\(count(.intersecting)))", SIMD3(0.95, 0.8, 0.2))
      let outside = ("grey: outside, culled (\(count(.outside)))", SIMD3(0.6, 0.6, 0.65))
      let top = stage.height - Labels.margin
      try stage.captureLabelled(
        [Labels.topLeft("the camera's view: \(rendered) props drawn", height: stage.height, fontSize: 15)]
          + Labels.legend([inside, crossing], x: Labels.margin, y: top - 24, fontSize: 14)
      ).opaque().writePNG(to: "\(out)/camera-view.png")
      apply(
        PerspectiveCamera(
          position: SIMD3(0, 330, 0.01), focalPoint: .zero, viewUp: SIMD3(0, 0, -1), viewAngle: 40,
          near: 100, far: 600), to: camera)
      try stage.captureLabelled(
        [
          Labels.topLeft(
            "from above: \(boxes.count) boxes, by the frustum", height: stage.height, fontSize: 15)
        ]
          + Labels.legend([inside, crossing, outside], x: Labels.margin, y: top - 24, fontSize: 14)
      ).opaque().writePNG(to: "\(out)/overview.png")
      print(
        "  the camera's frame drew \(rendered) props; wrote \(out)/camera-view.png and \(out)/overview.png "
          + "(from above: green inside, yellow intersecting, grey outside)")
      stage.renderer.removeAllProps()

      // Plane tests: flat loop vs hierarchy.
      let big = makeBoxes(count: 200_000)
      var flat = 0
      let exact = BruteForceCuller.visibleBoxes(big, vtkPlanes, tests: &flat)
      let bvh = BVH(boxes: big)
      var masked = CullStats()
      var unmasked = CullStats()
      let viaTree = bvh.cull(vtkPlanes, stats: &masked)
      _ = bvh.cullWithoutMasking(vtkPlanes, stats: &unmasked)
      print(
        "\n\(big.count) boxes, \(exact.count) visible. Plane tests: flat loop \(flat), hierarchy without masking "
          + "\(unmasked.planeTests), with masking \(masked.planeTests) (\(masked.nodesVisited) nodes visited)")
      report.add(Checks.sameSet("bvh-equals-flat", expected: Set(exact), got: Set(viaTree)))
      report.metric("plane-tests-flat", Double(flat), unit: "tests")
      report.metric("plane-tests-bvh-masked", Double(masked.planeTests), unit: "tests")
      print("\nTimings: ./workbook bench 6")
    }
  }

  static func fmt(_ v: SIMD4<Double>) -> String {
    "(" + [v.x, v.y, v.z, v.w].map { String(format: "%+.6f", $0) }.joined(separator: ", ") + ")"
  }
}
