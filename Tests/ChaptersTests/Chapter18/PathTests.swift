import Foundation
import Testing
import VTK

@testable import Chapters

/// The scripted camera path and the triangle counts the capstone reports.
@Suite struct PathTests {
  @Test func thePathAlternatesStillAndMovingRuns() {
    let path = Chapter18.cameraPath()
    #expect(path.count == 104)
    #expect(path.filter(\.moving).count == 88)
    #expect(path.prefix(4).allSatisfy { !$0.moving })
    #expect(!path.last!.moving)
    // Three moves, each followed by four still frames at the same pose.
    let starts = path.indices.dropFirst().filter { path[$0].moving && !path[$0 - 1].moving }
    #expect(starts == [4, 44, 74])
    for i in path.indices.dropFirst() where !path[i].moving { #expect(path[i].pose == path[i - 1].pose || i < 4) }
  }

  @Test func theCameraDolliesInToTheCloseUpAndBackOut() {
    let path = Chapter18.cameraPath()
    #expect(abs(path[0].pose.distance - 62) < 1e-9)
    #expect(abs(path[70].pose.distance - 22) < 1e-9)
    #expect(abs(path[103].pose.distance - 62) < 1e-9)
  }

  /// Culling matters on the close-up: most objects are outside the frustum there, none far out.
  @Test func theCloseUpCullsMostObjects() {
    let objects = Chapter18.sceneObjects()
    func kept(_ pose: Chapter18.Pose) -> Int {
      let camera = Renderer().activeCamera
      camera.configure(from: pose.camera)
      return Chapter18.keeps(objects, camera, aspect: Double(Chapter18.width) / Double(Chapter18.height))
        .filter { $0 }.count
    }
    let path = Chapter18.cameraPath()
    #expect(kept(path[0].pose) > objects.count * 9 / 10)
    #expect(kept(path[72].pose) < objects.count / 2)
  }

  @Test(arguments: [16, 24, 48, 80])
  func triangleCountsAreVTKs(resolution: Int) {
    for level in 0...Chapter18.coarsestLevel {
      let r = max(resolution >> level, Chapter18.minimumResolution)
      let source = SphereSource(radius: 1, center: .zero, thetaResolution: r, phiResolution: r)
      source.update()
      #expect(source.output?.polygonCount == Chapter18.triangles(resolution: resolution, level: level))
    }
  }
}
