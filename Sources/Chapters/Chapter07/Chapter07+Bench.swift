import Foundation
import Imaging
import VTK
import WorkbookKit

extension Chapter07 {
  /// `./workbook bench 7`: the occlusion buffer at four sizes (rasterisation, pyramid, tests,
  /// what each culls against the exact full-resolution test), the references, and what culling
  /// saves VTK. Prints tables; nothing here is a pass/fail on speed.
  static func bench() -> Never {
    Harness.run(chapter: name) { report in
      let runs = 15
      print(
        BenchMachine.description(
          settings: "release build, one thread, \(width)×\(height) frame, "
            + "\(runs) timed runs after 3 warm-ups, all steps interleaved, medians"))
      let scene = makeScene()
      let depth = occluderDepth(scene)
      let rasterizer = DepthRasterizer(viewProjection: scene.viewProjection, width: width, height: height)
      let objects = scene.occludees
      let rects = objects.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) }
      let visible = objects.map { rasterizer.isVisible($0, in: depth) }
      let exactCulled = visible.filter { !$0 }.count
      // One occlusion buffer per row: the full-resolution one sampled at pixel centres (what the
      // reference draws), then conservative ones 2, 4 and 8 times smaller each way.
      struct Config {
        var label: String
        var shift: Int
        var draw: () -> DepthImage
      }
      let configs =
        [Config(label: "\(width)×\(height), pixel centres", shift: 0, draw: { occluderDepth(scene) })]
        + (1...3).map { s in
          Config(
            label: "\(width >> s)×\(height >> s), conservative", shift: s,
            draw: { smallOccluderDepth(scene, pixelShift: s) })
        }
      var bodies: [() -> Void] = []
      var culledCounts: [(culled: Int, wrong: Int)] = []
      for c in configs {
        let buffer = c.draw()
        let hiz = HiZ(buffer, pixelShift: c.shift)
        let culled = rects.map(hiz.isOccluded)
        culledCounts.append((culled.filter { $0 }.count, objects.indices.filter { culled[$0] && visible[$0] }.count))
        bodies += [
          { Benchmark.blackHole(c.draw()) }, { Benchmark.blackHole(HiZ(buffer)) },
          { for r in rects { Benchmark.blackHole(hiz.isOccluded(r)) } },
        ]
      }
      let small = smallOccluderDepth(scene)
      bodies += [
        { for b in objects { Benchmark.blackHole(rasterizer.isVisible(b, in: depth)) } },
        { for r in rects { Benchmark.blackHole(HiZ.isOccludedTexelByTexel(r, in: depth)) } },
        { for r in rects { Benchmark.blackHole(HiZ.isOccludedTexelByTexel(r, in: small, pixelShift: pixelShift)) } },
        { Benchmark.blackHole(smallOccluderDepth(scene, rule: { $0.conservativeTexelDepth($1, $2) })) },
        {
          Benchmark.blackHole(
            objects.map { ScreenRect.of($0, viewProjection: scene.viewProjection, width: width, height: height) })
        },
      ]
      let t = BenchMachine.interleaved(runs: runs, warmup: 3, bodies)

      let triangles = scene.occluders.reduce(0) { $0 + (rasterizer.frontTriangles(scene.buildings[$1])?.count ?? 0) }
      print(
        "\n\(scene.occluders.count) occluders (\(triangles) front-facing triangles), "
          + "\(objects.count) objects tested per frame; the exact full-resolution test culls \(exactCulled).\n")
      print(
        "| occlusion buffer | rasterise occluders | build max pyramid | HZB tests | total | culled (of \(exactCulled)) | wrongly culled |"
      )
      print("|---|---|---|---|---|---|---|")
      var totals: [Double] = []
      for (k, c) in configs.enumerated() {
        let (r, p, q) = (t[3 * k].median, t[3 * k + 1].median, t[3 * k + 2].median)
        totals.append(r + p + q)
        let pct = String(format: "%.1f%%", 100 * Double(culledCounts[k].culled) / Double(max(exactCulled, 1)))
        print(
          "| \(c.label)\(c.shift == pixelShift ? " (chosen)" : "") | \(Benchmark.describe(seconds: r)) | \(Benchmark.describe(seconds: p)) "
            + "| \(Benchmark.describe(seconds: q)) | \(Benchmark.describe(seconds: r + p + q)) | \(culledCounts[k].culled) (\(pct)) "
            + "| \(culledCounts[k].wrong) |")
      }
      let base = 3 * configs.count
      let exact = t[3 * 0].median + t[base].median  // occluders at full resolution + every object's own pixels
      let n = Double(objects.count)
      print("\n| reference or alternative | median per frame | per object |\n|---|---|---|")
      let others = [
        "exact test: rasterise each object at \(width)×\(height), compare every pixel",
        "every pixel of each rectangle at \(width)×\(height) (no pyramid)",
        "every texel of each rectangle at \(small.width)×\(small.height) (no pyramid)",
        "\(small.width)×\(small.height) occluders texel by texel through the rule (how the check draws yours)",
        "screen rectangles (project 8 corners)",
      ]
      for (k, label) in others.enumerated() {
        print(
          "| \(label) | \(t[base + k].medianDescription) | \(Benchmark.describe(seconds: t[base + k].median / n)) |")
      }
      let chosen = totals[pixelShift]
      print(
        String(
          format:
            "\nChosen %d×%d: rasterise + pyramid + tests = %@, %.1f× faster than the full-resolution exact reference "
            + "(%@: occluders at %d×%d, then each object's pixels) and %.1f× faster than the same HZB at %d×%d; "
            + "occluder rasterisation alone %.1f× faster than at %d×%d.",
          small.width, small.height, Benchmark.describe(seconds: chosen), exact / chosen,
          Benchmark.describe(seconds: exact), width, height,
          totals[0] / chosen, width, height, t[0].median / t[3 * pixelShift].median, width, height))
      report.metric("small-vs-exact", exact / chosen, unit: "x")
      report.metric("small-vs-full-resolution-hzb", totals[0] / chosen, unit: "x")
      report.metric(
        "small-culled-fraction", Double(culledCounts[pixelShift].culled) / Double(max(exactCulled, 1)), unit: "")

      // What it buys VTK: frame time with every object in the frustum vs without the culled ones.
      let culled = rects.map(HiZ(small, pixelShift: pixelShift).isOccluded)
      let stage = try Stage(width: width, height: height)
      stage.renderer.activeCamera.configure(from: scene.camera)
      scene.occluders.forEach { _ = addBox(scene.buildings[$0], to: stage.renderer, color: (0.5, 0.55, 0.65)) }
      let actors = objects.map { addBox($0, to: stage.renderer, color: (0.95, 0.55, 0.15)) }
      let frames = BenchMachine.interleaved(
        runs: 9, warmup: 2,
        [
          {
            actors.forEach { $0.isVisible = true }
            stage.renderFrame()
          },
          {
            for (a, c) in zip(actors, culled) { a.isVisible = !c }
            stage.renderFrame()
          },
        ])
      print(
        "\nVTK (llvmpipe, \(width)×\(height), \(actors.count + scene.occluders.count) actors, static mappers, VTK's own frustum culler on): "
          + "frame \(frames[0].medianDescription) with every object, \(frames[1].medianDescription) without the \(culled.filter { $0 }.count) "
          + String(
            format:
              "the %d×%d buffer culls (%.2f×); 9 frames each after 2 warm-ups, medians; the timings include setting visibility",
            small.width, small.height, frames[0].median / frames[1].median))
      report.metric("vtk-frame-all", frames[0].median, unit: "s")
      report.metric("vtk-frame-culled", frames[1].median, unit: "s")
    }
  }
}
