import Foundation
import Testing
import VTK
import WorkbookKit

@testable import Chapters

/// The tile camera against VTK 9.1's own projection: with the view angle and window centre of
/// `referenceTileView`, `vtkCamera::GetCompositeProjectionTransformMatrix` for the tile's aspect
/// puts every point at the tile pixel where the full view puts it, minus the tile's corner.
@Suite struct Chapter15TileCameraTests {
  static let width = 960, height = 540

  /// Window position (x from the left, y from the top) and NDC depth of `p` under `m`.
  static func place(_ p: SIMD3<Double>, _ m: Matrix4, _ w: Int, _ h: Int) -> SIMD3<Double> {
    let c = m.transform(point: p)
    return SIMD3((c.x / c.w + 1) / 2 * Double(w), (1 - c.y / c.w) / 2 * Double(h), c.z / c.w)
  }

  /// The largest distance, in pixels, between where the tile camera puts sample points and
  /// where the full view puts them (shifted by the tile's corner), over the tile's own view.
  static func mismatch(_ tile: Chapter15.TileRect, view: Chapter15.TileView, width: Int = width, height: Int = height)
    -> Double
  {
    let renderer = Renderer()
    let camera = renderer.activeCamera
    defer { withExtendedLifetime(renderer) {} }
    camera.configure(from: ParallelScene.camera)
    let full = Matrix4(rowMajor: camera.compositeProjectionMatrix(aspect: Double(width) / Double(height)))
    camera.viewAngle = view.viewAngle
    camera.windowCenter = view.windowCenter
    let part = Matrix4(rowMajor: camera.compositeProjectionMatrix(aspect: Double(tile.width) / Double(tile.height)))
    var worst = 0.0
    var rng = SeededRandom(seed: 15)
    for _ in 0..<200 {
      let p = SIMD3(rng.uniform(-30...30), rng.uniform(-20...20), rng.uniform(-20...20))
      let a = place(p, full, width, height)
      let b = place(p, part, tile.width, tile.height)
      worst = max(worst, abs(b.x - (a.x - Double(tile.x))), abs(b.y - (a.y - Double(tile.y))), abs(b.z - a.z) * 1e6)
    }
    return worst
  }

  @Test(arguments: [
    Chapter15.TileRect(x: 0, y: 0, width: 960, height: 540), Chapter15.TileRect(x: 480, y: 0, width: 480, height: 540),
    Chapter15.TileRect(x: 0, y: 270, width: 480, height: 270),
    Chapter15.TileRect(x: 320, y: 0, width: 320, height: 540),
    Chapter15.TileRect(x: 100, y: 37, width: 333, height: 201),
    Chapter15.TileRect(x: 291, y: 409, width: 669, height: 131),
    Chapter15.TileRect(x: 959, y: 539, width: 1, height: 1),
  ])
  func vtkPutsTilePixelsWhereTheFullViewDoes(tile: Chapter15.TileRect) {
    let view = Chapter15.referenceTileView(tile, Self.width, Self.height, ParallelScene.camera.viewAngle)
    #expect(Self.mismatch(tile, view: view) < 1e-6)
  }

  @Test func wrongTileCamerasAreFarOff() {
    let tile = Chapter15.TileRect(x: 480, y: 270, width: 480, height: 270)
    let right = Chapter15.referenceTileView(tile, Self.width, Self.height, 40)
    let wide = Chapter15.TileView(viewAngle: 40, windowCenter: right.windowCenter)
    let flipped = Chapter15.TileView(
      viewAngle: right.viewAngle, windowCenter: SIMD2(right.windowCenter.x, -right.windowCenter.y))
    #expect(Self.mismatch(tile, view: wide) > 50)
    #expect(Self.mismatch(tile, view: flipped) > 50)
  }

  /// For an n×n wall the general form is the closed one vtkRenderLargeImage uses:
  /// a' = 2·atan(tan(a/2)/n), centre (2·tx + 1 − n, 2·ty + 1 − n), ty counted from the bottom.
  @Test func equalTilesGiveTheClosedForm() {
    for n in 1...4 {
      for ty in 0..<n {
        for tx in 0..<n {
          let tile = Chapter15.TileRect(x: tx * 1200 / n, y: (n - 1 - ty) * 1200 / n, width: 1200 / n, height: 1200 / n)
          let v = Chapter15.referenceTileView(tile, 1200, 1200, 30)
          #expect(abs(v.viewAngle - 2 * atan(tan(15 * Double.pi / 180) / Double(n)) * 180 / Double.pi) < 1e-12)
          #expect(v.windowCenter == SIMD2(Double(2 * tx + 1 - n), Double(2 * ty + 1 - n)))
        }
      }
    }
    // The whole view is left as it is.
    let whole = Chapter15.referenceTileView(Chapter15.TileRect(x: 0, y: 0, width: 960, height: 540), 960, 540, 40)
    #expect(abs(whole.viewAngle - 40) < 1e-12 && whole.windowCenter == .zero)
  }
}
