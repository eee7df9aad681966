import Chapters
import VTK

// Chapter 01: measuring a frame honestly. Read lessons/01-frame-budget/README.md first.

/// Prepares `window` for honest timing, with `main` drawn first and `overlay` on top of it.
func configureWindow(_ window: RenderWindow, main: Renderer, overlay: Renderer) {
  window.isOffscreen = true  // no window manager, no vsync, the same on a laptop and a server
  window.multisamples = 0  // MSAA costs time on every frame; keep it out of measurements
  window.layerCount = 2  // a renderer on layer k draws only if the window has > k layers
  main.layer = 0  // layer 0 clears the window
  overlay.layer = 1  // higher layers draw on top without clearing the colour
  window.add(main)
  window.add(overlay)
}

/// Times `count` frames after `warmup` untimed ones and returns the seconds of each timed frame.
/// A frame is `render()` followed by `finish()`, which waits until the drawing is done; `now()`
/// reads the clock in seconds (in your own programs Benchmark.now, a monotonic clock; in the check a
/// simulated one, so that it tests what you time and not how busy the machine is).
func timeFrames(_ count: Int, warmup: Int, render: () -> Void, finish: () -> Void, now: () -> Double) -> [Double] {
  for _ in 0..<warmup {
    render()
    finish()
  }
  var samples: [Double] = []
  samples.reserveCapacity(count)
  for _ in 0..<count {
    let start = now()
    render()
    finish()
    samples.append(now() - start)
  }
  return samples
}

/// The median and the spread (interquartile range) of `samples`.
func summarize(_ samples: [Double]) -> Chapter01.FrameStats {
  let sorted = samples.sorted()
  func median(_ s: ArraySlice<Double>) -> Double {
    guard !s.isEmpty else { return 0 }
    let mid = s.startIndex + s.count / 2
    return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
  }
  let half = sorted.count / 2
  let q1 = median(sorted[..<half])
  let q3 = median(sorted[(sorted.count - half)...])
  return Chapter01.FrameStats(median: median(sorted[...]), spread: sorted.count < 2 ? 0 : q3 - q1)
}

/// Seconds each of `renderers` renderers gets once the window's desired update rate is `rate`
/// frames per second (vtkRenderWindow::SetDesiredUpdateRate).
func allocatedTime(desiredUpdateRate rate: Double, renderers: Int) -> Double {
  1 / (rate * Double(renderers))
}
