import Foundation
import Imaging
import Launch
import VTK
import WorkbookKit

extension Chapter03 {
  /// The demo: the three simplification filters on the chapter's torus (triangles, build time,
  /// deviation), vtkLODProp3D choosing by estimated time and learning from measured time, and
  /// vtkQuadricLODActor switching between interactive and still frames.
  public static func demo() -> Never {
    Harness.run(chapter: name) { report in
      try HeadlessDisplay.ensureForThisProcess()
      let out = Harness.outputDirectory(chapter: name)
      decimationTable(&report)
      try lodPropFrames(&report)
      try quadricLODActorFrames(&report, out: out)
    }
  }

  static func decimationTable(_ report: inout Report) {
    let torus = makeTorus()
    torus.update()
    let input = torus.output!.polygonCount
    print("torus R = \(ringRadius), r = \(tubeRadius): \(input) triangles; deviation = largest distance of a vertex or")
    print(
      "triangle centre from the true surface, as % of r. One build each, \(ProcessInfo.processInfo.activeProcessorCount) cores.\n"
    )
    print("filter                      triangles   share   deviation    build")
    let rows: [(String, () -> Algorithm)] = [
      ("QuadricDecimation 0.70", { QuadricDecimation(targetReduction: 0.70) }),
      ("DecimatePro 0.70", { DecimatePro(targetReduction: 0.70) }),
      ("QuadricDecimation 0.95", { QuadricDecimation(targetReduction: 0.95) }),
      ("DecimatePro 0.95", { DecimatePro(targetReduction: 0.95) }),
      ("QuadricClustering 16", { QuadricClustering(divisions: 16) }),
      ("QuadricDecimation 0.99", { QuadricDecimation(targetReduction: 0.99) }),
      ("DecimatePro 0.99", { DecimatePro(targetReduction: 0.99) }),
      ("QuadricClustering 10", { QuadricClustering(divisions: 10) }),
    ]
    for (label, make) in rows {
      let filter = make()
      filter.setInput(torus)
      let seconds = Benchmark.time { filter.update() }
      let data = filter.output!
      let tris = data.polygonCount
      print(
        label.padding(toLength: 26, withPad: " ", startingAt: 0)
          + String(format: "%10d  %5.2f%%   %7.2f%%  ", tris, 100 * Double(tris) / Double(input), 100 * deviation(data))
          + Benchmark.describe(seconds: seconds).leftPadded(8))
      report.metric("build-\(label.replacingOccurrences(of: " ", with: "-").lowercased())", seconds, unit: "s")
    }
  }

  static func lodPropFrames(_ report: inout Report) throws {
    print("\nvtkLODProp3D with the four reference levels, estimates from the triangle model (1.5e-7 s per triangle):")
    let torus = makeTorus()
    let mappers = referenceMappers(torus)
    mappers.forEach { $0.update() }
    let prop = LODProp3D()
    let ids = mappers.map { prop.addLOD($0, estimatedTime: modelledTime($0.input!.polygonCount)) }
    for (i, id) in ids.enumerated() { prop.setLevel(Double(i), forLOD: id) }
    let stage = try Stage(width: 480, height: 360)
    stage.renderer.add(prop)
    stage.renderer.resetCamera()
    for time in [1.0, 0.01, 0.002, 0.0005, 0.0001, 1.0] {
      stage.renderer.allocatedRenderTime = time
      let frame = stage.renderFrame()
      let chosen = prop.lastRenderedLOD
      let estimates = ids.map { Checks.format(prop.estimatedTime(ofLOD: $0)) }.joined(separator: ", ")
      print(
        "  allocated \(Checks.format(time).leftPadded(7)) s -> LOD \(chosen) (index \(ids.firstIndex(of: chosen) ?? -1)), frame \(Benchmark.describe(seconds: frame)); estimates now [\(estimates)]"
      )
    }
    print("  (after each frame VTK blends the drawn LOD's measured time into its estimate: 0.25 old + 0.75 new)")
  }

  static func quadricLODActorFrames(_ report: inout Report, out: String) throws {
    print("\nvtkQuadricLODActor on a 320 000-triangle torus:")
    let torus = TorusSource(ringRadius: ringRadius, crossSectionRadius: tubeRadius, uResolution: 400, vResolution: 400)
    let stage = try Stage(width: 640, height: 480)
    let interactor = Interactor(window: stage.window)  // vtkQuadricLODActor::Render reads it unchecked
    let actor = QuadricLODActor()
    actor.setMapper(PolyDataMapper(input: torus))
    actor.setColor(0.5, 0.7, 0.9)
    stage.renderer.add(actor)
    stage.renderer.resetCamera()
    for (label, rate) in [
      ("still (rate \(Checks.format(interactor.stillUpdateRate)) fps)", interactor.stillUpdateRate),
      ("moving (rate \(Checks.format(interactor.desiredUpdateRate)) fps)", interactor.desiredUpdateRate),
    ] {
      stage.window.desiredUpdateRate = rate
      stage.renderFrame()
      let frames = Benchmark.measure(runs: 7, warmup: 1) { stage.renderFrame() }
      let lodTriangles = actor.lodFilter?.output?.polygonCount ?? 0
      print(
        "  \(label.padding(toLength: 24, withPad: " ", startingAt: 0)) allocated \(Checks.format(stage.renderer.allocatedRenderTime)) s, frame \(Benchmark.describe(seconds: frames.median)) (the clustered level has \(lodTriangles) triangles)"
      )
      report.metric("quadric-lod-frame-\(rate > 1 ? "moving" : "still")", frames.median, unit: "s")
      // Which level the frame drew: the clustered one only when the window's rate asks for speed.
      let what =
        rate > 1
        ? "clustered level, \(Labels.grouped(lodTriangles)) triangles"
        : "full torus, \(Labels.grouped(torus.output?.polygonCount ?? 0)) triangles"
      let caption = Labels.topLeft("vtkQuadricLODActor \(label)\n\(what)", height: stage.height)
      try stage.captureLabelled([caption]).opaque().writePNG(
        to: "\(out)/quadric-lod-\(rate > 1 ? "moving" : "still").png")
    }
    print("  wrote \(out)/quadric-lod-still.png and quadric-lod-moving.png")
  }
}
