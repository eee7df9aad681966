import Foundation
import Imaging
import VTK
import WorkbookKit

/// One object of the parallel chapters' scene (14 to 18): a VTK sphere with its own resolution,
/// so that objects differ in cost the way real data does.
struct SceneObject: Sendable, Equatable {
  /// Index in the scene, the same on every rank.
  let id: Int
  /// Centre in world coordinates.
  let center: SIMD3<Double>
  /// Radius in world units.
  let radius: Double
  /// `vtkSphereSource` theta and phi resolution (points around and from pole to pole).
  let resolution: Int
  /// Diffuse colour, each channel in 0...1.
  let color: SIMD3<Double>

  /// Triangles `vtkSphereSource` makes: 2 · theta · (phi − 2).
  var triangles: Int { 2 * resolution * (resolution - 2) }
  /// The box around the sphere.
  var bounds: AABB { AABB(center: center, halfExtent: SIMD3(repeating: radius)) }
}

/// The scene the parallel chapters split, render and composite: spheres in a 40-unit cube seen
/// from +z. The same seed gives the same scene on every rank and every machine.
enum ParallelScene {
  /// Where the objects are.
  enum Layout: Sendable {
    /// Spread over the whole cube.
    case uniform
    /// Nine in ten in the lower-left front corner of the view: a workload that a screen or
    /// space cut into equal parts gives mostly to one part.
    case bunched
  }

  /// The camera every chapter uses for this scene.
  static let camera = PerspectiveCamera(
    position: SIMD3(0, 0, 62), focalPoint: .zero, viewUp: SIMD3(0, 1, 0), viewAngle: 40,
    near: 20, far: 110)

  /// Background colour of every render.
  static let background = SIMD3(0.08, 0.08, 0.12)

  /// `count` spheres. Resolutions range from 8 to 40 (96 to 3 040 triangles), so the most
  /// expensive object costs about 32 times the cheapest.
  static func objects(count: Int, layout: Layout = .uniform, seed: UInt64 = 14) -> [SceneObject] {
    var rng = SeededRandom(seed: seed)
    return (0..<count).map { id in
      let bunched = layout == .bunched && rng.uniform(0...1) < 0.9
      let center =
        bunched
        ? SIMD3(rng.uniform(-19 ... -9), rng.uniform(-15 ... -6), rng.uniform(0...15))
        : SIMD3(rng.uniform(-20...20), rng.uniform(-16...16), rng.uniform(-20...20))
      let resolution = 8 + 4 * Int(rng.uniform(0...8.999))
      let hue = rng.uniform(0...1)
      return SceneObject(
        id: id, center: center, radius: rng.uniform(0.6...1.8), resolution: resolution,
        color: ParallelScene.color(hue: hue))
    }
  }

  /// A saturated colour from a hue in 0...1.
  static func color(hue: Double) -> SIMD3<Double> {
    let h = hue * 6
    let x = 1 - abs(h.truncatingRemainder(dividingBy: 2) - 1)
    let (r, g, b): (Double, Double, Double) =
      switch Int(h) % 6 {
      case 0: (1, x, 0)
      case 1: (x, 1, 0)
      case 2: (0, 1, x)
      case 3: (0, x, 1)
      case 4: (x, 0, 1)
      default: (1, 0, x)
      }
    return SIMD3(0.25 + 0.75 * r, 0.25 + 0.75 * g, 0.25 + 0.75 * b)
  }

  /// A VTK actor for `object`.
  static func actor(_ object: SceneObject) -> Actor {
    let source = SphereSource(
      radius: object.radius, center: object.center, thetaResolution: object.resolution,
      phiResolution: object.resolution)
    let actor = Actor(mapper: PolyDataMapper(input: source))
    actor.setColor(object.color.x, object.color.y, object.color.z)
    return actor
  }

  /// Renders `objects` with VTK offscreen into a `width` × `height` window: the colour (rows
  /// from the top) and the depth (rows from the top, so pixel i of both is the same pixel;
  /// 1.0 where nothing was drawn). `configure` may change the camera after it was set from
  /// `camera` (a tile camera, say). `labels` (text actors) are drawn over the colour only, for
  /// pictures people look at.
  static func render(
    _ objects: [SceneObject], width: Int, height: Int, camera: PerspectiveCamera = ParallelScene.camera,
    configure: (Camera) -> Void = { _ in }, labels: [TextActor] = []
  ) throws -> (color: RGBAImage, depth: DepthImage) {
    let stage = try Stage(width: width, height: height, background: background)
    let actors = objects.map(actor)
    for a in actors { stage.renderer.add(a) }
    // Text actors draw colour only, in the overlay pass: the depth buffer stays the scene's.
    for l in labels { stage.renderer.add(l) }
    let vtkCamera = stage.renderer.activeCamera
    vtkCamera.configure(from: camera)
    configure(vtkCamera)
    stage.renderFrame()
    return (stage.window.captureColor(), stage.window.captureDepth(rowOrder: .topDown))
  }
}
