import Imaging
import VTK

/// The known scene: an unlit red sphere in front of a dark blue background, camera on +z.
enum ProbeScenes {
  static func vtkScene(pngPath: String?) throws {
    let sphere = SphereSource(radius: 1, thetaResolution: 48, phiResolution: 48)
    let actor = Actor(mapper: PolyDataMapper(input: sphere))
    actor.setColor(1, 0, 0)
    actor.setLighting(false)
    let renderer = Renderer()
    renderer.setBackground(0, 0, 0.4)
    renderer.add(actor)
    let camera = renderer.activeCamera
    camera.position = SIMD3(0, 0, 5)
    camera.focalPoint = .zero
    camera.viewUp = SIMD3(0, 1, 0)
    renderer.resetCameraClippingRange()
    let window = RenderWindow(width: 200, height: 150)
    window.add(renderer)
    window.render()
    let color = window.captureColor()
    let depth = window.captureDepth()
    let center = color[100, 75]
    let corner = color[2, 2]
    print(
      "vtk \(VTKLibrary.version) renderer=\(window.openGLRenderer) center=\(center) corner=\(corner) depth=\(depth.range!)"
    )
    if let pngPath { try color.writePNG(to: pngPath) }
  }
}
