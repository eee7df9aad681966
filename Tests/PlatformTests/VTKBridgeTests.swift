import Foundation
import Imaging
import Launch
import Testing
import VTK

/// VTK through the bridge, in this process (which gets an Xvfb if it has no display).
@Suite(.serialized) struct VTKBridgeTests {
  init() throws { try HeadlessDisplay.ensureForThisProcess() }

  /// An unlit red sphere of radius 1 at the origin on a dark blue background, 200x150.
  func renderSphere(cameraAt position: SIMD3<Double>, focal: SIMD3<Double> = .zero)
    -> (RGBAImage, DepthImage, RenderWindow)
  {
    let actor = Actor(mapper: PolyDataMapper(input: SphereSource(radius: 1, thetaResolution: 48, phiResolution: 48)))
    actor.setColor(1, 0, 0)
    actor.setLighting(false)
    let renderer = Renderer()
    renderer.setBackground(0, 0, 0.4)
    renderer.add(actor)
    let camera = renderer.activeCamera
    camera.position = position
    camera.focalPoint = focal
    camera.viewUp = SIMD3(0, 1, 0)
    renderer.resetCameraClippingRange()
    let window = RenderWindow(width: 200, height: 150)
    window.add(renderer)
    window.render()
    return (window.captureColor(), window.captureDepth(), window)
  }

  @Test func knownSceneHasTheObjectInTheCentreAndBackgroundInTheCorners() {
    let (color, depth, window) = renderSphere(cameraAt: SIMD3(0, 0, 5))
    #expect(window.className == "vtkXOpenGLRenderWindow")
    #expect(color.width == 200 && color.height == 150)
    #expect(color[100, 75] == RGBA(255, 0, 0, 255), "centre should be the red sphere")
    for (x, y) in [(1, 1), (198, 1), (1, 148), (198, 148)] {
      #expect(color[x, y].distance(to: RGBA(0, 0, 102)) == 0, "corner (\(x), \(y)) should be background")
    }
    // Sphere of radius 1 at distance 5 with a 30° view angle: it spans about 2/(2·5·tan 15°) = 75 %
    // of the height, so a row through the centre has red over roughly 0.75·150 / 200 of its width.
    let redInRow = (0..<200).filter { color[$0, 75] == RGBA(255, 0, 0, 255) }.count
    #expect((100...125).contains(redInRow), "red run across the centre row: \(redInRow)")
    // Depth: background at the far plane, the sphere nearer; the nearest point is the centre.
    #expect(depth[1, 1] == 1)
    let sphereDepth = depth[100, 75]
    #expect(sphereDepth > 0 && sphereDepth < 1)
    #expect(depth.range!.lowerBound == sphereDepth || abs(depth.range!.lowerBound - sphereDepth) < 1e-4)
    // Orientation: the top half is the top (flip check): the topmost red row is above the centre.
    let topRed = (0..<150).first { y in color[100, y] == RGBA(255, 0, 0, 255) }!
    let bottomRed = (0..<150).last { y in color[100, y] == RGBA(255, 0, 0, 255) }!
    #expect(abs((topRed + bottomRed) / 2 - 75) <= 1)
  }

  @Test func aCameraLookingAwaySeesOnlyBackground() {
    let (color, depth, _) = renderSphere(cameraAt: SIMD3(0, 0, 5), focal: SIMD3(0, 0, 10))
    #expect(color[100, 75].distance(to: RGBA(0, 0, 102)) == 0)
    #expect(depth.range == 1...1)
  }

  @Test func offCentreCameraMovesTheObject() {
    // Camera shifted right: the sphere appears left of centre.
    let (color, _, _) = renderSphere(cameraAt: SIMD3(1.5, 0, 5), focal: SIMD3(1.5, 0, 0))
    let red = (0..<200).filter { color[$0, 75] == RGBA(255, 0, 0, 255) }
    #expect(!red.isEmpty && red.max()! < 100)
  }

  @Test func handlesAreReleasedAndNoVTKErrors() {
    let before = VTKLibrary.liveHandles
    let errorsBefore = VTKLibrary.errorCount
    do {
      let source = SphereSource(thetaResolution: 16, phiResolution: 16)
      let mapper = PolyDataMapper(input: source)
      let lod = LODActor()
      lod.setMapper(mapper)
      let renderer = Renderer()
      renderer.add(lod)
      _ = renderer.cullers
      _ = renderer.activeCamera
      source.update()
      _ = source.output?.polygonCount
      #expect(VTKLibrary.liveHandles > before)
    }
    #expect(VTKLibrary.liveHandles == before)
    #expect(VTKLibrary.errorCount == errorsBefore)
  }

  @Test func sourcesReportTheirTriangleCounts() {
    let sphere = SphereSource(thetaResolution: 40, phiResolution: 20)
    sphere.update()
    // vtkSphereSource: two caps of theta triangles plus (phi - 3) bands of 2·theta.
    #expect(sphere.output?.polygonCount == 2 * 40 * (20 - 2))
    let torus = TorusSource(uResolution: 30, vResolution: 20)
    torus.update()
    #expect(torus.output?.polygonCount == 2 * 30 * 20)
  }

  /// The error counter really counts: vtkQuadricDecimation given quads (a cube's faces) reports
  /// "Can only decimate triangles", which must reach the counter (and the terminal).
  @Test func vtkErrorsAreCountedNotSilenced() {
    let before = VTKLibrary.errorCount
    let decimate = QuadricDecimation(targetReduction: 0.5)
    decimate.setInput(CubeSource())
    decimate.update()
    #expect(decimate.output?.polygonCount == 0)
    #expect(VTKLibrary.errorCount > before)
  }

  /// Our PNG encoder checked by an independent decoder: VTK's vtkPNGReader (libpng underneath)
  /// must read back exactly the pixels we wrote, alpha included.
  @Test func vtkReadsOurPNGsPixelForPixel() throws {
    var image = RGBAImage(width: 37, height: 23, fill: .black)
    for y in 0..<image.height {
      for x in 0..<image.width {
        image[x, y] = RGBA(UInt8(x * 7 % 256), UInt8(y * 11 % 256), UInt8((x ^ y) % 256), UInt8(255 - x))
      }
    }
    let path = NSTemporaryDirectory() + "vtkpng-\(UUID().uuidString).png"
    try image.writePNG(to: path)
    let back = try #require(PNGReader.read(path))
    #expect(back == image)
    #expect(PNGReader.read("/nonexistent.png") == nil)
  }

  @Test func rendererHasTheCoverageCullerByDefault() {
    let renderer = Renderer()
    let cullers = renderer.cullers
    #expect(cullers.count == 1)
    #expect(cullers.first is FrustumCoverageCuller)
    renderer.removeAllCullers()
    #expect(renderer.cullers.isEmpty)
  }
}
