import Foundation
import WorkbookKit

extension Chapter04 {
  /// The demo (`./workbook run 4`): four policies on the scripted path, frame by frame.
  /// `--bench` times the greedy selection itself.
  public static func demo() -> Never {
    if CommandLine.arguments.contains("--bench") { bench() }
    Harness.run(chapter: name) { report in
      let objects = makeObjects()
      let path = cameraPath()
      let frames = frames(objects, path)
      let policies = simulate(objects, frames)
      print(
        "\(objects.count) spheres, \(frames.count) frames, viewport \(viewportWidth)×\(viewportHeight), threshold "
          + "\(Checks.format(threshold)) px, hysteresis band \(Checks.format(band)), budget \(Checks.format(budget * 1e3)) ms, "
          + "cost model \(Checks.format(costModel.perObject * 1e6)) µs per object + \(Checks.format(costModel.perTriangle * 1e6)) µs per triangle"
      )
      print(
        "Levels: UV spheres with \(segments.map(String.init).joined(separator: ", ")) segments, "
          + "\(objects[0].chain.levels.map { String($0.triangles) }.joined(separator: " / ")) triangles\n")
      print("| policy | level switches | frames within budget | worst frame (model) | mean benefit |")
      print("|---|---|---|---|---|")
      for p in policies {
        let within = p.cost.filter { $0 <= budget * (1 + 1e-12) }.count
        print(
          "| \(p.name) | \(p.switches) | \(within) of \(frames.count) | \(Benchmark.describe(seconds: p.cost.max() ?? 0)) | "
            + "\(String(format: "%.0f", p.benefit.reduce(0, +) / Double(frames.count))) |")
        report.metric("within-budget-\(p.key)", Double(within) / Double(frames.count), unit: "fraction")
        report.metric("switches-\(p.key)", Double(p.switches), unit: "switches")
      }
      print("\nModelled frame time every 8 frames (ms): greedy | feedback (vtkLODActor style)")
      let greedy = policies[2]
      let feedback = policies[3]
      for f in stride(from: 0, to: frames.count, by: 8) {
        let bar = { (s: Double) in String(repeating: "#", count: min(40, Int(s / budget * 20))) }
        print(
          String(
            format: "%3d %6.1f %-21@ %6.1f %@", f, greedy.cost[f] * 1e3, bar(greedy.cost[f]), feedback.cost[f] * 1e3,
            bar(feedback.cost[f])))
      }
      let out = Harness.outputDirectory(chapter: name)
      var csv = "frame,visible," + policies.map(\.key).joined(separator: ",") + "\n"
      for f in frames.indices {
        csv += "\(f),\(frames[f].visible.count)," + policies.map { String($0.cost[f]) }.joined(separator: ",") + "\n"
      }
      try csv.write(toFile: "\(out)/frame-costs.csv", atomically: true, encoding: .utf8)
      print("\n(20 # = the budget.) Wrote \(out)/frame-costs.csv (modelled seconds per frame for each policy).")
      report.add(
        Checks.that(
          "hysteresis-reduces-popping", policies[1].switches < policies[0].switches,
          expected: "fewer switches with hysteresis", got: "\(policies[1].switches) vs \(policies[0].switches)"))
    }
  }

  struct PolicyRun {
    var name: String, key: String
    var cost: [Double] = [], benefit: [Double] = []
    var switches = 0
  }

  /// Runs the four policies over the path; costs and benefits come from the same model.
  /// Switches are counted only while an object stays in view.
  static func simulate(_ objects: [Object], _ frames: [Frame]) -> [PolicyRun] {
    var runs = [
      PolicyRun(name: "screen-space error, 1 px", key: "sse"),
      PolicyRun(name: "screen-space error + hysteresis", key: "sse-hysteresis"),
      PolicyRun(name: "budget, greedy benefit/cost (Funkhouser–Séquin)", key: "greedy"),
      PolicyRun(name: "feedback, measured times (vtkLODActor style)", key: "feedback"),
    ]
    var last = [[Int?]](repeating: [Int?](repeating: nil, count: objects.count), count: runs.count)
    var previousSticky = [Int?](repeating: nil, count: objects.count)
    var feedback = FeedbackSelector(objects: objects.count, levels: segments.count)
    let screen = Double(viewportWidth * viewportHeight)
    for frame in frames {
      var choices = [[Int]](repeating: [], count: runs.count)
      for i in frame.visible {
        let e = objects[i].chain.errors
        let d = frame.distance[i]
        let ppu = frame.pixelsPerUnit
        let plain = ScreenSpaceError.select(errors: e, distance: d, pixelsPerUnit: ppu, threshold: threshold)
        let sticky = ScreenSpaceError.selectWithHysteresis(
          errors: e, distance: d, pixelsPerUnit: ppu, threshold: threshold,
          band: band, previous: previousSticky[i] ?? plain)
        choices[0].append(plain)
        choices[1].append(sticky)
        previousSticky[i] = sticky
      }
      choices[2] = BudgetSelector.greedy(frame.options, budget: budget)
      // VTK's renderer shares the frame time by screen coverage: T · cov_i / Σ cov
      // (vtkRenderer::AllocateTime with vtkFrustumCoverageCuller). Here coverage is the projected
      // area over the screen area; the finest option's benefit is that area divided by (1 + error).
      let coverage = frame.visible.map { i -> Double in
        let d = frame.distance[i]
        let r = objects[i].radius
        return min(1, Double.pi * pow(r * frame.pixelsPerUnit / d, 2) / screen)
      }
      let sum = coverage.reduce(0, +)
      choices[3] = frame.visible.indices.map { v in
        feedback.choose(frame.visible[v], allocated: sum > 0 ? budget * coverage[v] / sum : budget)
      }
      // Drawing is what measures: only now does the selector learn the cost of what it drew.
      for (v, i) in frame.visible.enumerated() {
        feedback.record(i, level: choices[3][v], seconds: frame.options[v][choices[3][v]].cost)
      }
      for p in runs.indices {
        let t = BudgetSelector.totals(frame.options, choices[p])
        runs[p].cost.append(t.cost)
        runs[p].benefit.append(t.benefit)
        var seen = Set<Int>()
        for (v, i) in frame.visible.enumerated() {
          if let l = last[p][i], l != choices[p][v] { runs[p].switches += 1 }
          last[p][i] = choices[p][v]
          seen.insert(i)
        }
        for i in objects.indices where !seen.contains(i) { last[p][i] = nil }
      }
    }
    return runs
  }

  /// `./workbook bench 4`: what the greedy selection itself costs per frame.
  static func bench() -> Never {
    Harness.run(chapter: name) { report in
      print(BenchMachine.description(settings: "release build, one thread, 9 timed runs after 2 warm-ups, medians"))
      let frames = frames(makeObjects(), cameraPath())
      let t = Benchmark.measure(runs: 9, warmup: 2) {
        for f in frames { Benchmark.blackHole(BudgetSelector.greedy(f.options, budget: budget)) }
      }
      let visible = Double(frames.reduce(0) { $0 + $1.visible.count }) / Double(frames.count)
      print(
        "greedy selection: \(Benchmark.describe(seconds: t.median / Double(frames.count))) per frame "
          + "(\(String(format: "%.0f", visible)) visible objects on average, \(segments.count) levels each)")
      report.metric("greedy-per-frame", t.median / Double(frames.count), unit: "s")
    }
  }
}
