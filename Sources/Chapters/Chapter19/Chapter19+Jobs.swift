import WorkbookKit

// Chapter 19's other two data-parallel jobs, in the answer key's style (internal): culling with
// the planes tested most selective first, and z-compositing a set of images (chapter 16's
// z-test) with each task writing its own strip of pixels.

extension Chapter19 {
  // MARK: - Culling, most selective plane first

  /// `planes` reordered so that the plane which puts the most boxes of a sample outside comes
  /// first. The set a cull keeps does not depend on the order (a box is dropped when it is
  /// outside any plane); the work does, because a step of sixteen boxes stops at the first
  /// plane they are all outside. The sample is every `stride`-th box of `batch` (Morton order,
  /// so it is spread over the whole part), tested with the cull's own p-vertex rule in `Float`.
  static func planesBySelectivity(_ planes: [SIMD4<Float>], _ batch: BoxBatch, stride: Int = 4096) -> [SIMD4<Float>] {
    var outside = [Int](repeating: 0, count: planes.count)
    var k = 0
    while k < batch.count {
      for (j, p) in planes.enumerated() {
        let x = p.x >= 0 ? batch.maxX[k] : batch.minX[k]
        let y = p.y >= 0 ? batch.maxY[k] : batch.minY[k]
        let z = p.z >= 0 ? batch.maxZ[k] : batch.minZ[k]
        if p.x * x + p.y * y + p.z * z < -p.w { outside[j] += 1 }
      }
      k += stride
    }
    // Stable: ties keep the camera's order.
    let order = planes.indices.sorted { outside[$0] > outside[$1] || (outside[$0] == outside[$1] && $0 < $1) }
    return order.map { planes[$0] }
  }

  // MARK: - Compositing on threads

  /// The images the compositing job merges: `count` partial full-HD images as chapter 16's
  /// benchmark makes them (32 × 32 blocks, each drawn with probability `coverage`, depths that
  /// vary across a block so the z-test goes both ways).
  static func compositingImages(count: Int, width: Int = 1920, height: Int = 1080, coverage: Double = 0.5)
    -> [Chapter16.Pixels]
  {
    (0..<count).map { Chapter16.syntheticImage(rank: $0, coverage: coverage, width: width, height: height) }
  }

  /// Composites pixels `range` of every image into `color` and `depth` (buffers of the whole
  /// image): image 0 copied, then each later image written where it is strictly nearer, so the
  /// lowest image wins ties, as in `Chapter16.serialComposite`. Without a branch per pixel: a
  /// select the compiler can vectorise, because this loop is limited by memory, not by
  /// decisions.
  @inline(__always)
  static func compositeStrip(
    _ images: [Chapter16.Pixels], _ range: Range<Int>, color: UnsafeMutablePointer<UInt32>,
    depth: UnsafeMutablePointer<Float>
  ) {
    guard !range.isEmpty, let first = images.first else { return }
    first.color.withUnsafeBufferPointer { c in
      (color + range.lowerBound).update(from: c.baseAddress! + range.lowerBound, count: range.count)
    }
    first.depth.withUnsafeBufferPointer { d in
      (depth + range.lowerBound).update(from: d.baseAddress! + range.lowerBound, count: range.count)
    }
    for image in images.dropFirst() {
      image.depth.withUnsafeBufferPointer { d in
        image.color.withUnsafeBufferPointer { c in
          let (inD, inC) = (d.baseAddress!, c.baseAddress!)
          for i in range {
            let nearer = inD[i] < depth[i]
            depth[i] = nearer ? inD[i] : depth[i]
            color[i] = nearer ? inC[i] : color[i]
          }
        }
      }
    }
  }

  /// Composites `images` with `workers` tasks, task t owning pixel strip t
  /// (`chunks(count: pixels, parts: workers)`), into `result` (resized when its size differs,
  /// so that a timed loop can reuse it). Equals `Chapter16.serialComposite(images)`.
  static func compositeThreaded(_ images: [Chapter16.Pixels], workers: Int, into result: inout Chapter16.Pixels) {
    let n = images.first?.count ?? 0
    if result.count != n { result = Chapter16.Pixels(count: n) }
    let ranges = chunks(count: n, parts: workers)
    result.color.withUnsafeMutableBufferPointer { c in
      result.depth.withUnsafeMutableBufferPointer { d in
        guard let color = c.baseAddress, let depth = d.baseAddress else { return }
        let out = Shared((color, depth))
        parallelFor(workers) { t in compositeStrip(images, ranges[t], color: out.value.0, depth: out.value.1) }
      }
    }
  }
}
