import Imaging
import VTK

/// Labels inside the pictures the demos write: VTK text actors drawn by the same renderer as the
/// scene, so a picture says what it shows without its caption.
///
/// Labels go into a picture's own render only: timed frames, prop counts
/// (`GetNumberOfPropsRendered` counts a text actor too) and pictures that checks compare stay as
/// they were.
enum Labels {
  /// Text colour of plain captions.
  static let white = SIMD3<Double>(1, 1, 1)

  /// A caption: `text` in `color` on a translucent black box, so it reads over any scene.
  /// The anchor is display pixels from the bottom-left corner; `horizontal` and `vertical` say
  /// which corner of the text sits on it.
  static func caption(
    _ text: String, x: Int, y: Int, horizontal: TextAlignment = .start, vertical: TextAlignment = .end,
    fontSize: Int = 18, color: SIMD3<Double> = white, bold: Bool = false
  ) -> TextActor {
    let label = TextActor(text, fontSize: fontSize, color: color)
    label.setPosition(x: x, y: y)
    label.setAlignment(horizontal: horizontal, vertical: vertical)
    label.setBackground(0, 0, 0, opacity: 0.65)
    label.setBold(bold)
    return label
  }

  /// A caption in the top-left corner of a `width` × `height` picture, a margin away from the edges.
  static func topLeft(_ text: String, height: Int, fontSize: Int = 18, bold: Bool = false) -> TextActor {
    caption(text, x: margin, y: height - margin, fontSize: fontSize, bold: bold)
  }

  /// A legend: one line per entry, each in its entry's colour. By default the lines stack
  /// downwards from display (x, y), the top-left corner of the first line; `rightAligned` puts
  /// their right ends at x, `upwards` makes (x, y) the bottom of the last line.
  static func legend(
    _ entries: [(String, SIMD3<Double>)], x: Int, y: Int, fontSize: Int = 16, rightAligned: Bool = false,
    upwards: Bool = false
  ) -> [TextActor] {
    // Lines a little taller than the font keep the boxes behind them from overlapping.
    let step = fontSize + fontSize / 2
    return entries.enumerated().map { i, entry in
      caption(
        entry.0, x: x, y: upwards ? y + (entries.count - 1 - i) * step : y - i * step,
        horizontal: rightAligned ? .end : .start, vertical: upwards ? .start : .end, fontSize: fontSize,
        color: entry.1)
    }
  }

  /// Pixels between a label and the picture's edge.
  static let margin = 8

  /// A count with thousands separators, "1,996,000", which reads at a glance in a picture.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}

extension Labels {
  /// Whether a pixel is the key colour (magenta), which no label uses: where the labels' render
  /// still shows it, `stamp` keeps the picture. (Alpha is ignored: VTK reads the background back
  /// with alpha 0.)
  private static func isKey(_ p: RGBA) -> Bool { p.r == 255 && p.g == 0 && p.b == 255 }

  /// `image` with `labels` drawn over it by VTK, for pictures assembled in Swift from pixels that
  /// cannot carry a label themselves (composited or gathered images, screen captures). The labels
  /// are rendered alone in an offscreen window of the image's size over a key colour, their
  /// boxes made opaque so that no glyph edge blends with the key, and every pixel they drew
  /// replaces the image's. Positions are display pixels from the bottom-left corner, as in any
  /// render.
  static func stamp(_ image: RGBAImage, _ labels: [TextActor]) throws -> RGBAImage {
    let stage = try Stage(width: image.width, height: image.height, background: SIMD3(1, 0, 1))
    for label in labels {
      label.setBackground(0, 0, 0, opacity: 1)
      stage.renderer.add(label)
    }
    stage.renderFrame()
    let drawn = stage.window.captureColor()
    var out = image
    for y in 0..<image.height {
      for x in 0..<image.width where !isKey(drawn[x, y]) {
        let p = drawn[x, y]
        out[x, y] = RGBA(p.r, p.g, p.b, 255)
      }
    }
    return out
  }
}

extension Stage {
  /// Renders one frame with `labels` added to the renderer, reads it back (rows from the top)
  /// and takes the labels out again, so the next frames and counts are the scene's alone.
  func captureLabelled(_ labels: [TextActor]) -> RGBAImage {
    labels.forEach { renderer.add($0) }
    renderFrame()
    let image = window.captureColor()
    labels.forEach { renderer.remove($0) }
    return image
  }
}
