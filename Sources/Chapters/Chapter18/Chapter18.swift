import Foundation
import WorkbookKit

/// Chapter 18, the capstone: level of detail (chapters 02–04), frustum culling (05–07) and
/// sort-last compositing (16–17) on one scene, rendered by VTK on every rank and composited
/// with radix-k, shown in a window on rank 0. While the camera moves, a policy picks a coarser
/// level and a reduced image so that frames meet a time budget; when it stops, the frame is
/// full detail. The learner writes the policy and the magnification of the reduced image.
public enum Chapter18 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "18-capstone"

  /// What a frame draws: a level of detail for every object and an image reduction factor.
  public struct FrameSettings: Equatable, Sendable, CustomStringConvertible {
    /// 0 is full detail; level n draws each sphere with its resolution divided by 2ⁿ (never
    /// below `Chapter18.minimumResolution`). At most `Chapter18.coarsestLevel`.
    public var level: Int
    /// 1, 2 or 4 (at most `Chapter18.maximumReduction`): every rank renders and composites an
    /// image of `Chapter18.reducedSize(width:height:factor:)`, which rank 0 magnifies to the
    /// window's size; 1 is the full image.
    public var reduction: Int

    /// Full detail: level 0, reduction 1.
    public static let full = FrameSettings(level: 0, reduction: 1)

    /// Settings from their two values.
    public init(level: Int, reduction: Int) {
      self.level = level
      self.reduction = reduction
    }

    /// "level 1, 1/2" (level and reduction factor).
    public var description: String { "level \(level), 1/\(reduction)" }
  }

  /// What the policy knows before a frame.
  public struct Motion: Equatable, Sendable {
    /// Whether the camera moved since the last frame.
    public var moving: Bool
    /// The settings of the previous frame (`.full` before the first).
    public var previous: FrameSettings
    /// Seconds of the last frames, oldest first, at most `Chapter18.history` of them: each the
    /// whole frame as rank 0 measured it (render, composite, gather and magnify, waiting for
    /// the slowest rank). Still frames are in it too.
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

  /// An RGBA8 image, one `UInt32` per pixel (red in the low byte), rows from the top.
  public struct Image: Equatable, Sendable {
    /// Pixels across.
    public var width: Int
    /// Rows.
    public var height: Int
    /// `width · height` pixels, row after row, the top row first.
    public var pixels: [UInt32]

    /// An image from its size and pixels.
    /// - Precondition: `pixels.count == width * height`.
    public init(width: Int, height: Int, pixels: [UInt32]) {
      precondition(pixels.count == width * height, "\(pixels.count) pixels for \(width)x\(height)")
      self.width = width
      self.height = height
      self.pixels = pixels
    }
  }

  /// The coarsest level a policy may choose.
  public static let coarsestLevel = 2
  /// The largest reduction factor a policy may choose (factors are 1, 2 or 4).
  public static let maximumReduction = 4
  /// No level draws a sphere with fewer points around or from pole to pole.
  public static let minimumResolution = 6
  /// How many past frame times `Motion.recentSeconds` holds.
  public static let history = 4

  /// The learner's two functions.
  public struct Learner {
    /// (motion) → settings: `.full` when the camera is still; when it moves, settings coarse
    /// enough that frames meet `motion.budget`, changed only with a clear reason (hysteresis),
    /// never outside `0...coarsestLevel` and {1, 2, 4}.
    public var settings: (Motion) -> FrameSettings
    /// (reduced, factor, full width, full height) → the full-size pixels, rows from the top:
    /// pixel (x, y) is the reduced image's pixel (x / factor, y / factor), nearest
    /// magnification. The reduced image has `reducedSize(width:height:factor:)`.
    public var magnify: (Image, Int, Int, Int) -> [UInt32]

    /// One argument per property.
    public init(
      settings: @escaping (Motion) -> FrameSettings, magnify: @escaping (Image, Int, Int, Int) -> [UInt32]
    ) {
      self.settings = settings
      self.magnify = magnify
    }
  }

  /// The size of an image reduced by `factor`: each side divided by it, rounded up, so that
  /// `factor` times the reduced side covers the full one (as VTK's parallel render manager
  /// sizes its reduced image).
  ///
  /// ```swift
  /// Chapter18.reducedSize(width: 642, height: 481, factor: 4)  // (161, 121)
  /// ```
  public static func reducedSize(width: Int, height: Int, factor: Int) -> (width: Int, height: Int) {
    ((width + factor - 1) / factor, (height + factor - 1) / factor)
  }

  /// Triangles `vtkSphereSource` makes for a sphere of `resolution` at `level`: 2 · r · (r − 2)
  /// with r = max(resolution / 2^level, `minimumResolution`).
  public static func triangles(resolution: Int, level: Int) -> Int {
    let r = max(resolution >> level, minimumResolution)
    return 2 * r * (r - 2)
  }
}
