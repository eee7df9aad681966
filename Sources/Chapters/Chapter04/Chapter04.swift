import Foundation
import WorkbookContract
import WorkbookKit

/// Chapter 04, level-of-detail policies beyond VTK: screen-space error with hysteresis, and a
/// frame-time budget filled greedily by benefit per cost (Funkhouser and Séquin), compared with
/// the feedback approach of `vtkLODActor`. Pure Swift on a scripted camera path.
public enum Chapter04 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "04-lod-policies"

  /// The learner's three functions.
  public struct Learner {
    /// (errors finest first, distance, pixels per unit, threshold in pixels) → level.
    public var selectLevel: ([Double], Double, Double, Double) -> Int
    /// (errors, distance, pixels per unit, threshold, band, previous level) → level.
    public var selectWithHysteresis: ([Double], Double, Double, Double, Double, Int) -> Int
    /// (options per object, budget in seconds) → one option index per object.
    public var chooseLevels: ([[LODOption]], Double) -> [Int]

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      selectLevel: @escaping ([Double], Double, Double, Double) -> Int,
      selectWithHysteresis: @escaping ([Double], Double, Double, Double, Double, Int) -> Int,
      chooseLevels: @escaping ([[LODOption]], Double) -> [Int]
    ) {
      self.selectLevel = selectLevel
      self.selectWithHysteresis = selectWithHysteresis
      self.chooseLevels = chooseLevels
    }
  }

  // MARK: - Settings (stated, not measured)

  static let viewportWidth = 800, viewportHeight = 600
  /// Pixels of geometric error we accept.
  static let threshold = 1.0
  /// Hysteresis: coarsen only below threshold × (1 − band).
  static let band = 0.3
  /// Frame-time budget of the budget policy, and the model that predicts costs. The model's
  /// numbers are of the order of what llvmpipe costs on this machine (chapters 01–03 measure
  /// those); here they are a model, chosen, not a measurement.
  static let budget = 0.040
  static let costModel = CostModel(perObject: 50e-6, perTriangle: 0.4e-6)
  /// UV-sphere resolutions of the five levels.
  static let segments = [128, 64, 32, 16, 8]

  // MARK: - Scene and path

  /// One object: a sphere on the ground, with its LOD chain.
  public struct Object {
    /// The sphere's centre; it rests on the ground (y = radius).
    public var center: SIMD3<Double>
    /// The sphere's radius, 0.5 to 3.
    public var radius: Double
    /// Its five levels: UV spheres of 128, 64, 32, 16 and 8 segments.
    public var chain: LODChain
  }

  /// 160 spheres along both sides of a road running down −z, and 60 in a dense cluster off to
  /// the right (+x), which the camera turns to face.
  public static func makeObjects(seed: UInt64 = 4) -> [Object] {
    var rng = SeededRandom(seed: seed)
    var out: [Object] = []
    for k in 0..<220 {
      let r = rng.uniform(0.5...3)
      let c: SIMD3<Double>
      if k < 160 {
        let side = k % 2 == 0 ? -1.0 : 1.0
        c = SIMD3(side * rng.uniform(4...25), r, rng.uniform(-400 ... -10))
      } else {
        c = SIMD3(rng.uniform(40...90), r, rng.uniform(-195 ... -145))
      }
      out.append(Object(center: c, radius: r, chain: .sphere(radius: r, segments: segments)))
    }
    return out
  }

  /// The scripted camera, frame by frame (240 frames): drive down the road (0–99), rock back
  /// and forth (100–139, the popping test), turn right in four frames (140–143), then approach
  /// the cluster (144–239).
  public static func cameraPath() -> [PerspectiveCamera] {
    (0..<240).map { f in
      var pos: SIMD3<Double>
      var dir: SIMD3<Double>
      switch f {
      case ..<100:
        pos = SIMD3(0, 2, -1.5 * Double(f))
        dir = SIMD3(0, -0.02, -1)
      case ..<140:
        pos = SIMD3(0, 2, -150 + 1.5 * sin(2 * Double.pi * Double(f - 100) / 10))
        dir = SIMD3(0, -0.02, -1)
      case ..<144:
        let a = Double(f - 139) / 4 * Double.pi / 2
        pos = SIMD3(0, 2, -150)
        dir = SIMD3(sin(a), -0.02, -cos(a))
      default:
        pos = SIMD3(0.25 * Double(f - 144), 2, -170 + 0.2 * Double(f - 144))
        dir = SIMD3(1, -0.02, 0)
      }
      return PerspectiveCamera(position: pos, focalPoint: pos + dir, viewAngle: 40, near: 0.1, far: 1000)
    }
  }

  /// What each frame needs: for every object its distance (to the sphere's surface), whether it
  /// is in view, and its options (cost, benefit) for the budget policy.
  struct Frame {
    var distance: [Double]
    var visible: [Int]
    var options: [[LODOption]]
    var pixelsPerUnit: Double
  }

  static func frames(_ objects: [Object], _ path: [PerspectiveCamera]) -> [Frame] {
    let aspect = Double(viewportWidth) / Double(viewportHeight)
    let screen = Double(viewportWidth * viewportHeight)
    return path.map { cam in
      let frustum = Frustum(viewProjection: cam.viewProjection(aspect: aspect))
      let ppu = cam.pixelsPerUnit(viewportHeight: viewportHeight)
      let distance = objects.map { max((($0.center - cam.position).length) - $0.radius, cam.near) }
      let visible = objects.indices.filter {
        frustum.classify(Sphere(center: objects[$0].center, radius: objects[$0].radius)) != .outside
      }
      let options = visible.map { i -> [LODOption] in
        let o = objects[i]
        let d = distance[i]
        let area = min(Double.pi * pow(o.radius * ppu / d, 2), screen)
        return o.chain.levels.map { l in
          let px = ScreenSpaceError.pixels(error: l.geometricError, distance: d, pixelsPerUnit: ppu)
          return LODOption(cost: costModel.seconds(triangles: l.triangles), benefit: area / (1 + px))
        }
      }
      return Frame(distance: distance, visible: visible, options: options, pixelsPerUnit: ppu)
    }
  }

  // MARK: - Checks

  /// Compares the learner's screen-space-error levels, plain and with hysteresis, with the
  /// reference for every object on every frame of `cameraPath()`; checks that hysteresis
  /// switches less, and that the budget policy keeps 95 % of frames within 40 ms with at least
  /// 98 % of the reference greedy's benefit. Then exits with the harness's status.
  public static func check(_ learner: Learner) -> Never {
    Harness.run(chapter: name) { report in
      let objects = makeObjects()
      let frames = frames(objects, cameraPath())

      // Screen-space error, plain and with hysteresis, for every object on every frame.
      var expected: [[Int]] = []
      var got: [[Int]] = []
      var expectedH: [[Int]] = []
      var gotH: [[Int]] = []
      for (i, o) in objects.enumerated() {
        let e = o.chain.errors
        expected.append(
          frames.map {
            ScreenSpaceError.select(
              errors: e, distance: $0.distance[i], pixelsPerUnit: $0.pixelsPerUnit, threshold: threshold)
          })
        got.append(frames.map { learner.selectLevel(e, $0.distance[i], $0.pixelsPerUnit, threshold) })
        var prev = expected[i][0]
        var prevL = expected[i][0]  // both chains start from the reference level
        expectedH.append(
          frames.map { f in
            prev = ScreenSpaceError.selectWithHysteresis(
              errors: e, distance: f.distance[i], pixelsPerUnit: f.pixelsPerUnit,
              threshold: threshold, band: band, previous: prev)
            return prev
          })
        gotH.append(
          frames.map { f in
            prevL = learner.selectWithHysteresis(e, f.distance[i], f.pixelsPerUnit, threshold, band, prevL)
            return prevL
          })
      }
      report.add(compareSequences("sse-levels", expected: expected, got: got, objects: objects, frames: frames))
      report.add(
        compareSequences("hysteresis-levels", expected: expectedH, got: gotH, objects: objects, frames: frames))
      let plain = got.map(ScreenSpaceError.switches).reduce(0, +)
      let sticky = gotH.map(ScreenSpaceError.switches).reduce(0, +)
      report.add(
        Checks.that(
          "hysteresis-fewer-switches", sticky < plain,
          expected: "fewer level switches with hysteresis than the \(plain) without",
          got: "\(sticky) switches"))
      report.metric("switches-without-hysteresis", Double(plain), unit: "switches")
      report.metric("switches-with-hysteresis", Double(sticky), unit: "switches")

      // The budget policy, frame by frame, against the reference greedy.
      var met = 0
      var mine = 0.0
      var reference = 0.0
      var invalid: String? = nil
      for (f, frame) in frames.enumerated() {
        let choice = learner.chooseLevels(frame.options, budget)
        guard choice.count == frame.options.count,
          zip(choice, frame.options).allSatisfy({ $0.1.indices.contains($0.0) })
        else {
          invalid =
            invalid
            ?? "frame \(f): \(choice.count) choices for \(frame.options.count) objects, or an index out of range"
          continue
        }
        let t = BudgetSelector.totals(frame.options, choice)
        if t.cost <= budget * (1 + 1e-12) { met += 1 }
        mine += t.benefit
        reference += BudgetSelector.totals(frame.options, BudgetSelector.greedy(frame.options, budget: budget)).benefit
      }
      let fraction = Double(met) / Double(frames.count)
      report.add(
        Checks.atLeast(
          "budget-met", 0.95, got: fraction,
          detail: invalid
            ?? "\(met) of \(frames.count) frames within \(Checks.format(budget * 1e3)) ms by the cost model"))
      let ratio = reference > 0 ? mine / reference : 1
      report.add(
        Checks.atLeast(
          "benefit-vs-greedy", 0.98, got: ratio, detail: "total benefit over the path relative to the reference greedy")
      )
      report.metric("frames-within-budget", fraction, unit: "fraction")
    }
  }

  /// Exact equality of per-object level sequences, naming the first object and frame that differ.
  static func compareSequences(_ name: String, expected: [[Int]], got: [[Int]], objects: [Object], frames: [Frame])
    -> CheckResult
  {
    for i in expected.indices {
      if let f = expected[i].indices.first(where: { expected[i][$0] != got[i][$0] }) {
        let px = objects[i].chain.errors.map {
          Checks.format(
            ScreenSpaceError.pixels(error: $0, distance: frames[f].distance[i], pixelsPerUnit: frames[f].pixelsPerUnit))
        }
        return Checks.that(
          name, false, expected: "object \(i), frame \(f): level \(expected[i][f])", got: "level \(got[i][f])",
          detail:
            "distance \(Checks.format(frames[f].distance[i])), projected errors (px) \(px.joined(separator: ", ")), "
            + (f > 0 ? "previous level \(expected[i][f - 1])" : "first frame"))
      }
    }
    let n = expected.reduce(0) { $0 + $1.count }
    return Checks.that(name, true, expected: "the reference levels", got: "all \(n) (object, frame) levels match")
  }
}
