import Foundation
import Imaging
import Launch
import VTK
import WorkbookKit

extension Chapter05 {
  /// The demo: a 3000-sphere scene with and without the culler, a minimum-coverage sweep, and
  /// sorting styles. `--bench`: what vtkFrustumCoverageCuller::Cull costs per prop, with static
  /// and ordinary mappers.
  public static func demo() -> Never {
    Harness.run(chapter: name) { report in
      try HeadlessDisplay.ensureForThisProcess()
      if CommandLine.arguments.contains("--bench") {
        try bench(&report)
        return
      }
      let out = Harness.outputDirectory(chapter: name)
      let scene = try Scene(count: 3000, width: 640, height: 480)
      let renderer = scene.stage.renderer
      let culler = scene.culler!
      print(
        "3000 spheres (12x12 resolution, \(3000 * 2 * 12 * 10) triangles), 640x480 offscreen, \(ProcessInfo.processInfo.activeProcessorCount) cores"
      )
      let sceneCaption = Labels.topLeft("3000 spheres, default vtkFrustumCoverageCuller", height: scene.stage.height)
      try scene.stage.captureLabelled([sceneCaption]).opaque().writePNG(to: "\(out)/scene.png")

      let cmp = scene.timeAgainstNoCulling(culler)
      scene.stage.renderFrame()
      print(
        "with the default culler: \(renderer.propsRendered) props drawn, frame \(Benchmark.describe(seconds: cmp.candidate.median))"
      )
      scene.setCulling(false, with: culler)
      scene.stage.renderFrame()
      print(
        "with no culler:          \(renderer.propsRendered) props drawn, frame \(Benchmark.describe(seconds: cmp.baseline.median))"
      )
      print(String(format: "culling makes the frame %.1fx faster (median of 5, alternating)", cmp.speedup))
      scene.setCulling(true, with: culler)
      report.metric("culling-speedup", cmp.speedup, unit: "x")

      // Each setting is timed alternately with the culler removed, so the ratio holds even when
      // the machine is busy with something else.
      print("\nminimum coverage   props drawn   frame    no culler   speed-up")
      for minimum in [0, 1e-4, 1e-3, 3e-3, 1e-2] {
        culler.minimumCoverage = minimum
        let cmp = scene.timeAgainstNoCulling(culler)
        scene.stage.renderFrame()
        print(
          Checks.format(minimum).leftPadded(16) + String(format: "%14d", renderer.propsRendered)
            + Benchmark.describe(seconds: cmp.candidate.median).leftPadded(10)
            + Benchmark.describe(seconds: cmp.baseline.median).leftPadded(12) + String(format: "%9.2fx", cmp.speedup))
        if minimum == 3e-3 {
          // Culled spheres are simply missing: the caption says how many were drawn.
          let caption = Labels.topLeft(
            "minimum coverage 0.003: \(renderer.propsRendered) of 3000 spheres drawn,\nthe ones covering less of the view are culled",
            height: scene.stage.height)
          try scene.stage.captureLabelled([caption]).opaque().writePNG(to: "\(out)/min-coverage-0.003.png")
        }
      }
      culler.minimumCoverage = 0

      print("\nsorting style    frame vs no sorting (alternating, median of 5)")
      for (label, style) in [("front to back", CullerSorting.frontToBack), ("back to front", .backToFront)] {
        let cmp = Benchmark.compare(
          runs: 5, warmup: 1,
          candidate: {
            culler.sorting = style
            scene.stage.renderFrame()
          },
          baseline: {
            culler.sorting = .none
            scene.stage.renderFrame()
          })
        print(
          label.padding(toLength: 16, withPad: " ", startingAt: 0)
            + Benchmark.describe(seconds: cmp.candidate.median).leftPadded(10)
            + " vs " + Benchmark.describe(seconds: cmp.baseline.median) + String(format: "  (%.2fx)", cmp.speedup))
      }
      culler.sorting = .none
      print("\nwrote \(out)/scene.png and min-coverage-0.003.png")
    }
  }

  /// Cost of one call to vtkFrustumCoverageCuller::Cull, per prop, for static and ordinary mappers.
  static func bench(_ report: inout Report) throws {
    print("Chapter 05 benchmark: vtkFrustumCoverageCuller::Cull on 5000 props (median of 9 calls after 2)")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, release build")
    for isStatic in [true, false] {
      let scene = try Scene(count: 5000, sphereResolution: 8)
      for actor in scene.actors { actor.mapper?.setStatic(isStatic) }
      scene.stage.renderFrame()
      let culler = scene.culler!
      let props: [Prop] = scene.actors
      var kept = 0
      let timing = Benchmark.measure(runs: 9, warmup: 2) {
        let r = culler.cull(props, in: scene.stage.renderer)
        kept = r.kept.count
      }
      let perProp = timing.median / Double(props.count)
      print(
        "  \(isStatic ? "static mappers  " : "ordinary mappers") \(Benchmark.describe(seconds: perProp)) per prop (\(kept) of \(props.count) kept)"
      )
      report.metric("cull-per-prop-\(isStatic ? "static" : "ordinary")", perProp, unit: "s")
    }
  }
}
