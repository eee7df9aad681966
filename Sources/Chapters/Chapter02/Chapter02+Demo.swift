import Foundation
import Imaging
import Launch
import VTK
import WorkbookKit

extension Chapter02 {
  /// The demo: each representation of a 2 M-triangle sphere, what it draws and what its frame
  /// costs; then vtkLODActor with its own default levels, switching by measured time.
  public static func demo() -> Never {
    Harness.run(chapter: name) { report in
      try HeadlessDisplay.ensureForThisProcess()
      let out = Harness.outputDirectory(chapter: name)
      VTKLibrary.seedRandom(1)
      let mesh = SphereSource(radius: 1, thetaResolution: 1000, phiResolution: 1002)
      let buildMesh = Benchmark.time { mesh.update() }
      let stage = try Stage(width: 640, height: 480)
      print(
        "mesh: \(mesh.output!.polygonCount) triangles (built in \(Benchmark.describe(seconds: buildMesh))); 640x480 offscreen, \(ProcessInfo.processInfo.activeProcessorCount) cores"
      )

      // 1. Each level on its own: primitives, build time, frame time.
      let levels: [(String, Algorithm?)] = [
        ("full mesh", nil),
        ("QuadricClustering 64^3", QuadricClustering(divisions: 64)),
        ("QuadricClustering 24^3", QuadricClustering(divisions: 24)),
        ("MaskPoints 5000 (cloud)", MaskPoints(maximumPoints: 5000)),
        ("OutlineFilter", OutlineFilter()),
      ]
      print("\nlevel                      primitives     build      frame (median of 7)")
      var pictures: [RGBAImage] = []
      var fullFrame = 0.0
      var cloudFrame = 0.0
      for (label, filter) in levels {
        let source: Algorithm = filter ?? mesh
        filter?.setInput(mesh)
        let build = filter.map { f in Benchmark.time { f.update() } } ?? buildMesh
        let actor = Actor(mapper: PolyDataMapper(input: source))
        actor.setColor(0.9, 0.6, 0.3)
        if filter is MaskPoints { actor.setPointSize(2) }
        stage.renderer.add(actor)
        stage.renderer.resetCamera()
        let frames = Benchmark.measure(runs: 7, warmup: 1) { stage.renderFrame() }
        let primitives = source.output?.primitiveCount ?? 0
        // The panels are shown at half size, so the label's font is twice what should be read.
        let caption = Labels.topLeft("\(label)\n\(describe(source.output))", height: stage.height, fontSize: 30)
        pictures.append(stage.captureLabelled([caption]).opaque())
        stage.renderer.remove(actor)
        print(
          label.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: " %10d", primitives)
            + Benchmark.describe(seconds: build).leftPadded(10)
            + Benchmark.describe(seconds: frames.median).leftPadded(10))
        // frame-full, frame-quadricclustering-64, …: the filter's name, and the divisions when given.
        let words = label.split(separator: " ")
        let divisions = words.dropFirst().first.flatMap { $0.hasSuffix("^3") ? "-" + $0.dropLast(2) : nil } ?? ""
        report.metric("frame-\(words[0].lowercased())\(divisions)", frames.median, unit: "s")
        if filter == nil { fullFrame = frames.median }
        if filter is MaskPoints { cloudFrame = frames.median }
      }
      print(String(format: "\nthe point cloud frame is %.0fx faster than the full frame", fullFrame / cloudFrame))
      report.metric("full-over-cloud", fullFrame / cloudFrame, unit: "x")
      try RGBAImage.grid(pictures.map { downsample($0) }, columns: 5).writePNG(to: "\(out)/levels.png")

      // 2. vtkLODActor with its own levels, as an interactor would drive it.
      print("\nvtkLODActor with its default levels (a 150-point cloud, then the outline):")
      let lod = LODActor()
      let full = PolyDataMapper(input: mesh)
      lod.setMapper(full)
      stage.renderer.add(lod)
      stage.renderer.resetCamera()
      stage.window.desiredUpdateRate = 15  // the interactor's rate while the camera moves
      stage.window.render()  // the first render builds the levels
      let mappers = [full] + lod.lodMappers
      mappers.forEach { $0.observeRenders() }
      for frame in 1...8 {
        let before = mappers.map { $0.renderCount ?? 0 }
        let t = stage.renderFrame()
        let drawn = (0..<mappers.count).first { mappers[$0].renderCount! > before[$0] } ?? -1
        let what = ["full", "cloud", "outline"][max(drawn, 0)]
        print(
          "  moving frame \(frame): drew \(what.padding(toLength: 7, withPad: " ", startingAt: 0)) in \(Benchmark.describe(seconds: t))"
            + " (full mapper's measured draw time \(Benchmark.describe(seconds: full.timeToDraw)))")
      }
      stage.window.desiredUpdateRate = 0.0001  // the still rate when the camera stops
      let before = full.renderCount!
      let still = stage.renderFrame()
      print(
        "  still frame: drew \(full.renderCount! > before ? "full" : "a low level") in \(Benchmark.describe(seconds: still))"
      )
      print("\nwrote \(out)/levels.png")
    }
  }

  /// Half the size, each pixel the mean of a 2x2 block, for a compact contact sheet. (Averaging
  /// rather than keeping every other pixel keeps the labels' thin strokes readable.)
  static func downsample(_ image: RGBAImage) -> RGBAImage {
    var out = RGBAImage(width: image.width / 2, height: image.height / 2, fill: .black)
    for y in 0..<out.height {
      for x in 0..<out.width {
        let block = [
          image[2 * x, 2 * y], image[2 * x + 1, 2 * y], image[2 * x, 2 * y + 1], image[2 * x + 1, 2 * y + 1],
        ]
        func mean(_ c: KeyPath<RGBA, UInt8>) -> UInt8 { UInt8(block.reduce(0) { $0 + Int($1[keyPath: c]) } / 4) }
        out[x, y] = RGBA(mean(\.r), mean(\.g), mean(\.b), mean(\.a))
      }
    }
    return out
  }

  /// What a level draws, for its panel's label: "1,996,000 triangles", "5,000 points", "12 lines".
  static func describe(_ data: PolyData?) -> String {
    guard let data else { return "no output" }
    let parts = [
      (data.polygonCount, "triangles"), (data.stripCount, "strips"), (data.lineCount, "lines"),
      (data.vertexPointCount, "points"),
    ].filter { $0.0 > 0 }
    return parts.map { "\(Labels.grouped($0.0)) \($0.1)" }.joined(separator: ", ")
  }
}

extension String {
  /// The string right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
