import Testing
import WorkbookKit

@testable import Chapters

/// Chapter 19's other jobs on threads: compositing gives chapter 16's serial image for any number
/// of workers, and ordering the planes by selectivity keeps the same boxes.
@Suite(.serialized) struct ThreadedJobsTests {
  /// Three small partial images (97 × 61: strips not divisible evenly) whose blocks overlap.
  static let images = (0..<3).map { Chapter16.syntheticImage(rank: $0, coverage: 0.6, width: 97, height: 61) }

  @Test(arguments: [1, 2, 3, 4, 7])
  func compositingEqualsChapter16Serial(workers: Int) {
    var out = Chapter16.Pixels(count: 0)
    Chapter19.compositeThreaded(Self.images, workers: workers, into: &out)
    #expect(out == Chapter16.serialComposite(Self.images))
  }

  @Test func compositingKeepsTheLowestImageOnTies() {
    // Same depth everywhere, different colours: image 0 must win every pixel.
    let a = Chapter16.Pixels(color: [1, 1, 1], depth: [0.5, 0.5, 0.5])
    let b = Chapter16.Pixels(color: [2, 2, 2], depth: [0.5, 0.25, 0.75])
    var out = Chapter16.Pixels(count: 0)
    Chapter19.compositeThreaded([a, b], workers: 2, into: &out)
    #expect(out.color == [1, 2, 1])
    #expect(out.depth == [0.5, 0.25, 0.5])
  }

  @Test func compositingWithMoreWorkersThanPixels() {
    let a = Chapter16.Pixels(color: [7], depth: [0.9])
    let b = Chapter16.Pixels(color: [8], depth: [0.1])
    var out = Chapter16.Pixels(count: 5)
    Chapter19.compositeThreaded([a, b], workers: 4, into: &out)
    #expect(out == Chapter16.Pixels(color: [8], depth: [0.1]))
  }

  @Test func planeOrderDoesNotChangeTheBoxesKept() {
    let boxes = Chapter06.makeBoxes(count: 20_011)
    let planes = Frustum(viewProjection: Chapter06.sceneCamera.viewProjection(aspect: Chapter06.aspect)).floatPlanes
    let batch = BoxBatch(boxes)
    let ordered = Chapter19.planesBySelectivity(planes, batch, stride: 16)
    #expect(Set(ordered) == Set(planes) && ordered.count == 6)
    #expect(Set(batch.cull(ordered)) == Set(batch.cull(planes)))
    let job = Chapter19.CullingJob(boxes: boxes, workers: 3)
    defer { job.free() }
    #expect(job.ids(kept: job.cull(planes, selectiveFirst: true)) == Set(batch.cull(planes).map(Int.init)))
  }

  @Test func mostSelectivePlaneComesFirst() {
    let boxes = Chapter06.makeBoxes(count: 20_011)
    let planes = Frustum(viewProjection: Chapter06.sceneCamera.viewProjection(aspect: Chapter06.aspect)).floatPlanes
    let batch = BoxBatch(boxes)
    let ordered = Chapter19.planesBySelectivity(planes, batch, stride: 1)
    func rejected(_ p: SIMD4<Float>) -> Int {
      (0..<batch.count).filter { k in
        let x = p.x >= 0 ? batch.maxX[k] : batch.minX[k]
        let y = p.y >= 0 ? batch.maxY[k] : batch.minY[k]
        let z = p.z >= 0 ? batch.maxZ[k] : batch.minZ[k]
        return p.x * x + p.y * y + p.z * z < -p.w
      }.count
    }
    let counts = ordered.map(rejected)
    #expect(counts == counts.sorted(by: >), "\(counts)")
  }

  @Test func chunksOfTheRanksJobCoverEveryPixel() {
    for ranks in [1, 2, 3, 4] {
      let strips = Chapter19.chunks(count: 1920 * 1080, parts: ranks)
      #expect(Chapter19.chunkProblem(strips, count: 1920 * 1080, parts: ranks) == nil)
    }
  }
}
