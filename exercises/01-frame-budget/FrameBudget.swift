import Chapters
import VTK

// Chapter 01: measuring a frame honestly. Read lessons/01-frame-budget/README.md first.

/// Prepares `window` for honest timing, with `main` drawn first and `overlay` on top of it.
func configureWindow(_ window: RenderWindow, main: Renderer, overlay: Renderer) {
  // TODO(01): render offscreen, turn multisampling off, give the window two layers, put `main`
  // on layer 0 and `overlay` on layer 1, and add both renderers to the window.
  window.add(main)
  window.add(overlay)
}

/// Times `count` frames after `warmup` untimed ones and returns the seconds of each timed frame.
/// A frame is `render()` followed by `finish()`, which waits until the drawing is done; `now()`
/// reads the clock in seconds (in your own programs Benchmark.now, a monotonic clock; in the check a
/// simulated one, so that it tests what you time and not how busy the machine is).
func timeFrames(_ count: Int, warmup: Int, render: () -> Void, finish: () -> Void, now: () -> Double) -> [Double] {
  var samples: [Double] = []
  // TODO(01): run `warmup` frames without timing them, then time `count` frames. Time the whole
  // frame, render() and finish() together, with now().
  for _ in 0..<count {
    let start = now()
    render()
    samples.append(now() - start)
    finish()
  }
  return samples
}

/// The median and the spread (interquartile range) of `samples`.
func summarize(_ samples: [Double]) -> Chapter01.FrameStats {
  // TODO(01): sort the samples. The median is the middle one (the mean of the two middle ones for
  // an even count). The spread is q3 - q1, where q1 is the median of the lower half and q3 the
  // median of the upper half (with an odd count, the middle sample is in neither half).
  let mean = samples.reduce(0, +) / Double(max(samples.count, 1))
  return Chapter01.FrameStats(median: mean, spread: (samples.max() ?? 0) - (samples.min() ?? 0))
}

/// Seconds each of `renderers` renderers gets once the window's desired update rate is `rate`
/// frames per second (vtkRenderWindow::SetDesiredUpdateRate).
func allocatedTime(desiredUpdateRate rate: Double, renderers: Int) -> Double {
  // TODO(01): the window shares one frame's time among its renderers.
  return 1 / rate
}
