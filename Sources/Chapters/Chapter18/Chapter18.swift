import Foundation
import WorkbookKit

/// Chapter 18, the capstone (a skeleton, not a chapter yet; see STATUS-ch18.md): level of
/// detail (chapters 02–04), frustum culling (05–07) and sort-last compositing (16–17) on one
/// large scene, with a coarser level and a reduced image while the camera moves and full detail
/// when it stops. Frame times are real VTK frames on every rank plus the composite.
public enum Chapter18 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "18-capstone"

  /// What a frame draws: a level of detail for every object and an image reduction factor.
  public struct FrameSettings: Equatable, Sendable, CustomStringConvertible {
    /// 0 is full detail; level n draws each sphere at its resolution divided by 2ⁿ (never
    /// below `Chapter18.minimumResolution`).
    public var level: Int
    /// Every rank renders and composites a (width / reduction) × (height / reduction) image,
    /// which rank 0 magnifies to the window's size; 1 is the full image.
    public var reduction: Int

    /// Full detail: level 0, reduction 1.
    public static let full = FrameSettings(level: 0, reduction: 1)

    /// Settings from their two values.
    public init(level: Int, reduction: Int) {
      self.level = level
      self.reduction = reduction
    }

    /// "level 1, 1/2 resolution".
    public var description: String {
      "level \(level), " + (reduction == 1 ? "full resolution" : "1/\(reduction) resolution")
    }
  }

  /// What the policy knows before a frame: whether the camera moves, the settings and the
  /// measured seconds of the last frames (slowest rank, render plus composite), and the budget.
  public struct Motion: Equatable, Sendable {
    /// Whether the camera moved since the last frame.
    public var moving: Bool
    /// The settings of the previous frame (`.full` before the first).
    public var previous: FrameSettings
    /// Seconds of the last frames, oldest first, at most `Chapter18.history` of them.
    public var recentSeconds: [Double]
    /// Seconds a moving frame may take.
    public var budget: Double

    /// A motion from its four values.
    public init(moving: Bool, previous: FrameSettings, recentSeconds: [Double], budget: Double) {
      self.moving = moving
      self.previous = previous
      self.recentSeconds = recentSeconds
      self.budget = budget
    }
  }

  /// The coarsest level a policy may choose.
  public static let coarsestLevel = 2
  /// The largest reduction factor a policy may choose (1, 2 or 4).
  public static let maximumReduction = 4
  /// No level draws a sphere with fewer points around or from pole to pole.
  public static let minimumResolution = 6
  /// How many past frame times `Motion.recentSeconds` holds.
  public static let history = 4

  /// The learner's function (the skeleton has only the policy; culling and magnification are
  /// planned, see STATUS-ch18.md).
  public struct Learner {
    /// (motion) → settings: full detail when the camera is still; when it moves, coarser
    /// settings whenever the last frame was over budget, finer ones only with a clear margin.
    public var settings: (Motion) -> FrameSettings

    /// One argument per property.
    public init(settings: @escaping (Motion) -> FrameSettings) {
      self.settings = settings
    }
  }

  /// Triangles `vtkSphereSource` makes for a sphere of `resolution` at `level`: 2 · r · (r − 2)
  /// with r = max(resolution / 2^level, `minimumResolution`).
  public static func triangles(resolution: Int, level: Int) -> Int {
    let r = max(resolution >> level, minimumResolution)
    return 2 * r * (r - 2)
  }

  /// The scripted camera (headless): orbits around the scene's centre at the parallel
  /// chapters' distance (62) with runs of still frames between them; one entry per frame, with
  /// whether the camera moved since the frame before.
  ///
  /// Frames 0–59 orbit 360° (6° a frame), 60–69 hold still, 70–99 orbit back 90° while rising
  /// to 30° of elevation, 100–109 hold still.
  public static func cameraPath() -> [(camera: PerspectiveCamera, moving: Bool)] {
    var out: [(PerspectiveCamera, Bool)] = []
    var azimuth = 0.0, elevation = 0.0
    func camera() -> PerspectiveCamera {
      let a = azimuth * .pi / 180, e = elevation * .pi / 180
      let position = 62 * SIMD3(sin(a) * cos(e), sin(e), cos(a) * cos(e))
      return PerspectiveCamera(
        position: position, focalPoint: .zero, viewUp: SIMD3(0, 1, 0), viewAngle: 40, near: 20, far: 110)
    }
    for f in 0..<110 {
      let moving: Bool
      switch f {
      case 1..<60:
        azimuth += 6
        moving = true
      case 70..<100:
        azimuth -= 3
        elevation += 1
        moving = true
      default:
        moving = false  // frame 0 is the first, still view
      }
      out.append((camera(), moving))
    }
    return out
  }
}
