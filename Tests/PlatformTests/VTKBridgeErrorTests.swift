import CVTKBridge
import CZlib
import Foundation
import Imaging
import Launch
import Testing

@testable import VTK

/// Handles of the wrong class reach the bridge's checks instead of a null dereference in C++, the
/// Swift side turns the statuses into `VTKBridgeError`s (or traps with their text), and the logic
/// that moved out of the bridge (culler timing and index mapping, render counts, the OpenGL
/// renderer line, RGB to RGBA) still gives what the C++ gave.
@Suite(.serialized) struct VTKBridgeErrorTests {
  init() throws { try HeadlessDisplay.ensureForThisProcess() }

  /// The error `check` throws for a status, or nil when it throws nothing.
  func failure(_ status: vtkb_status) -> VTKBridgeError? {
    do {
      try check(status)
      return nil
    } catch {
      return error
    }
  }

  @Test func aHandleOfTheWrongClassBecomesAnErrorNamingFunctionArgumentAndBothClasses() throws {
    let renderer = Renderer()
    let error = try #require(failure(vtkb_camera_dolly(renderer.handle, 2)))
    #expect(error.code == VTKBridgeError.wrongClass)
    #expect(error.function == "vtkb_camera_dolly")
    #expect(error.message == "cam is a vtkOpenGLRenderer, not a vtkCamera")
    #expect(error.description == "vtkb_camera_dolly: cam is a vtkOpenGLRenderer, not a vtkCamera")
  }

  @Test func aNullHandleIsItsOwnCode() throws {
    let error = try #require(failure(vtkb_renderer_reset_camera(nil)))
    #expect(error.code == VTKBridgeError.nullHandle)
    #expect(
      error
        == VTKBridgeError(
          code: VTKBridgeError.nullHandle, message: "ren is NULL, not a vtkRenderer",
          function: "vtkb_renderer_reset_camera"))
  }

  @Test func theSecondHandleIsCheckedTooAndAFailedCallDoesNothing() throws {
    let renderer = Renderer()
    let camera = renderer.activeCamera
    let error = try #require(failure(vtkb_renderer_add_prop(renderer.handle, camera.handle)))
    #expect(error.description == "vtkb_renderer_add_prop: prop is a vtkOpenGLCamera, not a vtkProp")
    #expect(renderer.propCount == 0)
    // A getter leaves its output alone when it fails.
    var angle = -1.0
    #expect(failure(vtkb_camera_view_angle(renderer.handle, &angle))?.code == VTKBridgeError.wrongClass)
    #expect(angle == -1)
    // A base class is accepted: a vtkLODActor is a vtkActor, a vtkProp3D and a vtkProp.
    let lod = LODActor()
    #expect(failure(vtkb_actor_set_opacity(lod.handle, 0.5)) == nil)
    #expect(failure(vtkb_prop_set_visibility(lod.handle, 1)) == nil)
  }

  @Test func cullingNamesTheBadPropByIndexAndLeavesTheListAlone() throws {
    let renderer = Renderer()
    let culler = FrustumCoverageCuller()
    let actor = Actor()
    var list: [OpaquePointer?] = [actor.handle, culler.handle]
    var count: Int32 = 2
    let error = try #require(failure(vtkb_culler_cull(culler.handle, renderer.handle, &list, &count)))
    #expect(error.description == "vtkb_culler_cull: props[1] is a vtkFrustumCoverageCuller, not a vtkProp")
    #expect(count == 2 && list == [actor.handle, culler.handle])
  }

  @Test func unknownObserverEventsAreRefused() throws {
    let mapper = PolyDataMapper()
    let error = try #require(failure(vtkb_object_add_observer(mapper.handle, "NoSuchEvent", { _, _ in }, nil)))
    #expect(error.code == VTKBridgeError.vtkFailed)
    #expect(error.message == "no vtkCommand event named NoSuchEvent")
  }

  /// Through a typed wrapper the mistake is a handle wrapped as the wrong class: the process stops
  /// with the bridge's message and the wrapper's location, not with a segmentation fault.
  @Test func aTypedWrapperOverTheWrongHandleTrapsWithTheBridgesMessage() async throws {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let renderer = Renderer()
      Camera(owning: renderer.handle).dolly(2)
    }
    let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(stderr.contains("VTK bridge: vtkb_camera_dolly: cam is a vtkOpenGLRenderer, not a vtkCamera"), "\(stderr)")
    #expect(stderr.contains("Camera.swift"), "\(stderr)")
  }

  /// Down-casts of handles VTK returns give nil and release the reference; matching ones wrap.
  @Test func wrappingTheWrongClassGivesNilWithoutLeaking() {
    let before = VTKLibrary.liveHandles
    #expect(PolyDataMapper.wrap(vtkb_renderer_new()) == nil)
    #expect(Camera.wrap(vtkb_lod_actor_new()) == nil)
    #expect(VTKLibrary.liveHandles == before)
    #expect(Actor.wrap(vtkb_lod_actor_new()) != nil, "a vtkLODActor is a vtkActor")
    #expect(PolyDataMapper.wrap(nil) == nil)
    #expect(VTKLibrary.liveHandles == before)
  }

  /// Three spheres in view at different depths and one far to the side, seen from z = 10.
  func cullingScene() -> (Renderer, RenderWindow, [Actor]) {
    let renderer = Renderer()
    let window = RenderWindow(width: 200, height: 150)
    window.add(renderer)
    let centres: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(0, 0, 3), SIMD3(500, 0, 0), SIMD3(0, 0, -3)]
    let actors = centres.map { c in
      Actor(mapper: PolyDataMapper(input: SphereSource(radius: 0.5, center: c)))
    }
    let camera = renderer.activeCamera
    camera.position = SIMD3(0, 0, 10)
    camera.focalPoint = .zero
    camera.viewUp = SIMD3(0, 1, 0)
    camera.clippingRange = (0.1, 100)
    return (renderer, window, actors)
  }

  @Test func theCullerKeepsPropsInViewAsInputIndicesInItsOwnOrder() {
    let (renderer, window, actors) = cullingScene()
    let culler = FrustumCoverageCuller()
    let unsorted = culler.cull(actors, in: renderer)
    #expect(unsorted.kept == [0, 1, 3])
    #expect(unsorted.seconds > 0 && unsorted.seconds < 1)
    // Sorting reorders the survivors; the indices still point at the same actors.
    culler.sorting = .frontToBack
    #expect(culler.cull(actors, in: renderer).kept == [1, 0, 3])
    culler.sorting = .backToFront
    #expect(culler.cull(actors, in: renderer).kept == [3, 0, 1])
    #expect(culler.cull([], in: renderer).kept.isEmpty)
    _ = window
  }

  @Test func renderCountsBelongToTheMapperNotToTheWrapper() {
    let (renderer, window, actors) = cullingScene()
    for actor in actors { renderer.add(actor) }
    // The first frame runs the mappers' pipelines, which fires their StartEvents once more.
    window.render()
    let mapper = actors[0].mapper!
    #expect(mapper.renderCount == nil)
    mapper.observeRenders()
    mapper.observeRenders()
    #expect(mapper.renderCount == 0)
    window.render()
    window.render()
    #expect(mapper.renderCount == 2, "observing twice must not count twice")
    // A new wrapper of the same mapper sees the same count; an unobserved mapper has none.
    #expect(actors[0].mapper!.renderCount == 2)
    #expect(actors[1].mapper!.renderCount == nil)
    // The culled actor's mapper is never drawn.
    let culled = actors[2].mapper!
    culled.observeRenders()
    window.render()
    #expect(culled.renderCount == 0 && mapper.renderCount == 3)
  }

  @Test func theOpenGLRendererLineIsFoundInTheCapabilities() {
    let (renderer, window, actors) = cullingScene()
    renderer.add(actors[0])
    window.render()
    let name = window.openGLRenderer
    #expect(
      !name.isEmpty && !name.hasPrefix(" ") && !name.contains("\n") && !name.contains("OpenGL renderer"),
      "\(name)")
  }

  /// An RGB file (no alpha) comes back with alpha 255; our encoder writes only RGBA, so the test
  /// builds the file itself: one IHDR with colour type 2, one zlib-compressed IDAT, IEND.
  @Test func vtkReadsRGBFilesAsOpaqueRGBA() throws {
    let (w, h) = (5, 3)
    var scanlines: [UInt8] = []
    for y in 0..<h {
      scanlines.append(0)  // filter: none
      for x in 0..<w { scanlines += [UInt8(40 * x), UInt8(80 * y), UInt8(7 + x + y)] }
    }
    let path = NSTemporaryDirectory() + "vtkpng-rgb-\(UUID().uuidString).png"
    try Data(rgbPNG(width: w, height: h, scanlines: scanlines)).write(to: URL(fileURLWithPath: path))
    let image = try #require(PNGReader.read(path))
    #expect(image.width == w && image.height == h)
    for y in 0..<h {
      for x in 0..<w { #expect(image[x, y] == RGBA(UInt8(40 * x), UInt8(80 * y), UInt8(7 + x + y), 255)) }
    }
  }

  func rgbPNG(width: Int, height: Int, scanlines: [UInt8]) -> [UInt8] {
    func bigEndian(_ v: UInt32) -> [UInt8] {
      [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)]
    }
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
      let body = Array(type.utf8) + data
      let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
      return bigEndian(UInt32(data.count)) + body + bigEndian(crc)
    }
    var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(scanlines.count))))
    var length = uLongf(compressed.count)
    let ok = compress(&compressed, &length, scanlines, uLong(scanlines.count))
    precondition(ok == Z_OK)
    let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
      + chunk("IDAT", Array(compressed.prefix(Int(length)))) + chunk("IEND", [])
  }
}
