import Chapters

// Chapter 18: the capstone. Read lessons/18-capstone/README.md first.
//
// The chapter renders the scene on every rank with VTK (culling, one mapper per level), and
// composites with radix-k; rank 0 calls your two functions every frame: settings before the
// frame, magnify after the composite.
//
//   FrameSettings(level: 2, reduction: 2)     level 0...2, reduction 1, 2 or 4; .full = (0, 1)
//   motion.moving, motion.previous            did the camera move; last frame's settings
//   motion.recentSeconds, motion.budget       the last frames' seconds (oldest first); the budget
//   Chapter18.coarsestLevel, .maximumReduction, .history   2, 4 and 4

typealias FrameSettings = Chapter18.FrameSettings
typealias Motion = Chapter18.Motion
typealias Image = Chapter18.Image

/// The settings of the next frame. Still camera: `.full`. Moving camera: settings that keep
/// frames within `motion.budget`: a coarse start when the previous frame was `.full`; one step
/// coarser (level first, up to `Chapter18.coarsestLevel`, then reduction × 2, up to
/// `Chapter18.maximumReduction`) after a frame over budget; one step finer only when the last
/// `Chapter18.history` frames were all far under budget (a finer step may cost four times as
/// much), so the settings do not flip back and forth. Never a level outside 0...2 or a
/// reduction other than 1, 2 or 4.
func settings(_ motion: Motion) -> FrameSettings {
  // TODO(18): still → .full; moving → coarser when over budget, finer only with a wide margin.
  return .full
}

/// The reduced image (`reduced.width` × `reduced.height`, rows from the top) magnified
/// `factor` times to `fullWidth` × `fullHeight`, nearest: full pixel (x, y) is reduced pixel
/// (x / factor, y / factor). The reduced sides are the full ones divided by `factor`, rounded
/// up, so x / factor and y / factor are always inside it. Returns fullWidth · fullHeight pixels.
func magnify(_ reduced: Image, _ factor: Int, _ fullWidth: Int, _ fullHeight: Int) -> [UInt32] {
  // TODO(18): for each full row y and column x, copy reduced.pixels[(y / factor) * reduced.width + x / factor].
  return []
}
