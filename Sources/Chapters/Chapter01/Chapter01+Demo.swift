import Foundation
import Launch
import VTK
import WorkbookKit

extension Chapter01 {
  /// The demo: a first frame against steady frames, multisampling on and off, and the time
  /// budget as it flows from the interactor's rates down to each prop. `--bench` times frames
  /// for meshes of growing size.
  public static func demo() -> Never {
    Harness.run(chapter: name) { report in
      try HeadlessDisplay.ensureForThisProcess()
      let out = Harness.outputDirectory(chapter: name)
      if CommandLine.arguments.contains("--bench") {
        bench(&report)
        return
      }
      // 1. First frame vs steady state, multisampling off (the solution's configuration).
      let (window, main, overlay, torus) = makeWindow(multisamples: 0, resolution: 300)
      let first = Benchmark.time {
        window.render()
        window.waitForCompletion()
      }
      let steady = Benchmark.measure(runs: 15, warmup: 2) {
        window.render()
        window.waitForCompletion()
      }
      print("torus of \(2 * 300 * 300) triangles, 640x480, \(window.openGLRenderer)")
      print(String(format: "first frame   %8.1f ms  (shader compilation, buffer upload)", first * 1e3))
      print(
        String(
          format: "steady frames %8.1f ms median, %.1f ms IQR over 15 frames", steady.median * 1e3,
          steady.interquartileRange * 1e3))
      report.metric("first-frame", first, unit: "s")
      report.metric("steady-frame-median", steady.median, unit: "s")
      try window.captureColor().opaque().writePNG(to: "\(out)/frame.png")

      // 2. Multisampling costs time even when nobody looks at the edges.
      let (msaa, _, _, _) = makeWindow(multisamples: 8, resolution: 300)
      let asked = msaa.multisamples
      msaa.render()
      // VTK clamps MultiSamples to the driver's GL_MAX_SAMPLES when it first builds its framebuffer.
      let used = msaa.multisamples
      print("asked for \(asked) samples per pixel; GetMultiSamples() after the first frame: \(used)")
      let withMSAA = Benchmark.measure(runs: 15, warmup: 2) {
        msaa.render()
        msaa.waitForCompletion()
      }
      print(
        String(
          format: "%dx multisampling %5.1f ms median (%.2fx the frame without)", used, withMSAA.median * 1e3,
          withMSAA.median / steady.median))
      report.metric("msaa8-over-msaa0", withMSAA.median / steady.median, unit: "x")

      // 3. The budget: interactor rates -> window -> renderer -> props.
      let interactor = Interactor(window: window)
      let second = Actor(
        mapper: PolyDataMapper(
          input: SphereSource(
            radius: 0.3, center: SIMD3(0, 0, 1.2),
            thetaResolution: 32, phiResolution: 32)))
      main.add(second)
      print("\nbudget flow (2 renderers in the window):")
      for (label, rate) in [
        ("moving: interactor desired rate", interactor.desiredUpdateRate),
        ("resting: interactor still rate", interactor.stillUpdateRate),
      ] {
        window.desiredUpdateRate = rate
        window.render()
        print("  \(label) \(Checks.format(rate)) fps")
        print(
          "    main renderer allocated \(Checks.format(main.allocatedRenderTime)) s, overlay \(Checks.format(overlay.allocatedRenderTime)) s"
        )
        print(
          "    torus gets \(Checks.format(torus.allocatedRenderTime)) s (coverage \(Checks.format(torus.renderTimeMultiplier))), sphere \(Checks.format(second.allocatedRenderTime)) s (coverage \(Checks.format(second.renderTimeMultiplier)))"
        )
      }
      print("\nwrote \(out)/frame.png")
    }
  }

  static func makeWindow(multisamples: Int, resolution: Int, width: Int = 640, height: Int = 480)
    -> (RenderWindow, Renderer, Renderer, Actor)
  {
    let window = RenderWindow(width: width, height: height, offscreen: true, multisamples: multisamples)
    let (main, overlay, torus) = buildRenderers(torusResolution: resolution)
    window.layerCount = 2
    main.layer = 0
    overlay.layer = 1
    window.add(main)
    window.add(overlay)
    return (window, main, overlay, torus)
  }

  /// Frame time against mesh size, multisampling off and on.
  static func bench(_ report: inout Report) {
    print("Chapter 01 benchmark: frame time vs triangles (640x480 offscreen, median of 9 after 2 warm-up frames)")
    print(
      "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; renderer: Mesa llvmpipe unless DISPLAY says otherwise"
    )
    print("triangles     msaa 0      msaa 8   ratio   samples used (GetMultiSamples after the first frame)")
    for resolution in [100, 300, 600, 1000] {
      let (w0, _, _, _) = makeWindow(multisamples: 0, resolution: resolution)
      let (w8, _, _, _) = makeWindow(multisamples: 8, resolution: resolution)
      w0.render()
      w8.render()
      let cmp = Benchmark.compare(
        runs: 9, warmup: 2,
        candidate: {
          w0.render()
          w0.waitForCompletion()
        },
        baseline: {
          w8.render()
          w8.waitForCompletion()
        })
      let tris = 2 * resolution * resolution
      print(
        String(
          format: "%9d  %8.1f ms  %8.1f ms  %5.2fx   %d and %d", tris, cmp.candidate.median * 1e3,
          cmp.baseline.median * 1e3,
          cmp.speedup, w0.multisamples, w8.multisamples))
      report.metric("frame-\(tris)-msaa0", cmp.candidate.median, unit: "s")
    }
  }
}
