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
  guard motion.moving else { return .full }
  // Coming from a still frame: start coarse. Starting fine would miss the budget on the first
  // frame of every move.
  if motion.previous == .full { return FrameSettings(level: Chapter18.coarsestLevel, reduction: 2) }
  var next = motion.previous
  let times = motion.recentSeconds
  if let last = times.last, last > motion.budget {
    if next.level < Chapter18.coarsestLevel {
      next.level += 1
    } else if next.reduction < Chapter18.maximumReduction {
      next.reduction *= 2
    }
    return next
  }
  // Finer only after a run of frames far under budget: halving the reduction draws four times
  // the pixels, so "under budget" alone would go over on the next frame and come back.
  let quiet = times.count >= Chapter18.history && times.suffix(Chapter18.history).allSatisfy { $0 < motion.budget / 3 }
  if quiet {
    if next.reduction > 1 {
      next.reduction /= 2
    } else if next.level > 0 {
      next.level -= 1
    }
  }
  return next
}

/// The reduced image (`reduced.width` × `reduced.height`, rows from the top) magnified
/// `factor` times to `fullWidth` × `fullHeight`, nearest: full pixel (x, y) is reduced pixel
/// (x / factor, y / factor). The reduced sides are the full ones divided by `factor`, rounded
/// up, so x / factor and y / factor are always inside it. Returns fullWidth · fullHeight pixels.
func magnify(_ reduced: Image, _ factor: Int, _ fullWidth: Int, _ fullHeight: Int) -> [UInt32] {
  var out: [UInt32] = []
  out.reserveCapacity(fullWidth * fullHeight)
  for y in 0..<fullHeight {
    let row = (y / factor) * reduced.width
    for x in 0..<fullWidth {
      out.append(reduced.pixels[row + x / factor])
    }
  }
  return out
}
