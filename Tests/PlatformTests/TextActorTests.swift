import Imaging
import Launch
import Testing
import VTK

/// vtkTextActor through the bridge: text lands where it was put, in its colour, and its size
/// follows the font size.
@Suite(.serialized) struct TextActorTests {
  init() throws { try HeadlessDisplay.ensureForThisProcess() }

  static let width = 320
  static let height = 200
  /// The background: dark blue, far from the text's pure green.
  static let background = RGBA(0, 0, 102)

  /// Renders `label` alone over the background and returns the picture (rows from the top) and
  /// the renderer, which stays usable for `boundingBox(in:)`.
  func render(_ label: TextActor) -> (RGBAImage, Renderer, RenderWindow) {
    let renderer = Renderer()
    renderer.setBackground(0, 0, 0.4)
    renderer.add(label)
    let window = RenderWindow(width: Self.width, height: Self.height)
    window.add(renderer)
    window.render()
    return (window.captureColor(), renderer, window)
  }

  /// A green label whose bottom-left corner is at display (x, y).
  func greenLabel(_ text: String = "Rank 3", fontSize: Int, x: Int = 40, y: Int = 60) -> TextActor {
    let label = TextActor(text, fontSize: fontSize, color: SIMD3(0, 1, 0))
    label.setPosition(x: x, y: y)
    return label
  }

  /// Whether a pixel is text-coloured: mostly green, little red or blue. Antialiased glyph edges
  /// blend green into the background, so the core of the strokes is what counts.
  static func isText(_ p: RGBA) -> Bool { p.g > 160 && p.r < 60 && p.b < 90 }

  /// The rows (top-down) and columns holding text-coloured pixels, nil when there are none.
  static func textBox(_ image: RGBAImage) -> (x: ClosedRange<Int>, y: ClosedRange<Int>)? {
    var xs: [Int] = []
    var ys: [Int] = []
    for y in 0..<image.height {
      for x in 0..<image.width where isText(image[x, y]) {
        xs.append(x)
        ys.append(y)
      }
    }
    guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
    return (x0...x1, y0...y1)
  }

  @Test func textAppearsInItsColourAtItsPositionAndNowhereElse() throws {
    let label = greenLabel(fontSize: 24)
    #expect(label.className == "vtkTextActor" || label.isA("vtkTextActor"))
    #expect(label.text == "Rank 3")
    #expect(label.fontSize == 24)
    let (image, renderer, window) = render(label)
    // Found before #require, so that a failure prints the message and not the whole picture.
    let found = Self.textBox(image)
    let box = try #require(found, "no text-coloured pixel in the picture")
    // Display y counts from the bottom; the picture's rows from the top. The text's bottom-left
    // corner is at display (40, 60), i.e. row 200 - 60 = 140; a 24-pixel font's capitals and
    // digits stand about 17 pixels above the baseline.
    #expect((40...46).contains(box.x.lowerBound), "text starts at column \(box.x.lowerBound)")
    #expect((125...141).contains(box.y.upperBound), "text ends at row \(box.y.upperBound)")
    #expect((112...126).contains(box.y.lowerBound), "text's top at row \(box.y.lowerBound)")
    #expect(box.x.count >= 50 && box.x.count <= 110, "six characters span \(box.x.count) columns")
    // Everything outside the text's box (with a margin for antialiasing) is the background.
    var stray = 0
    for y in 0..<image.height {
      for x in 0..<image.width {
        let inside =
          (box.x.lowerBound - 3...box.x.upperBound + 3).contains(x)
          && (box.y.lowerBound - 3...box.y.upperBound + 3).contains(y)
        if !inside && image[x, y].distance(to: Self.background) != 0 { stray += 1 }
      }
    }
    #expect(stray == 0, "\(stray) pixels outside the text are not the background")
    // VTK's own box of the text (relative to the anchor in VTK 9.1) is as wide as the pixels.
    let b = withExtendedLifetime(window) { label.boundingBox(in: renderer) }
    #expect(b.xmin == 0 && b.ymin == 0, "bounding box \(b)")
    #expect(abs((b.xmax - b.xmin) - Double(box.x.count)) <= 4, "bounding box \(b), pixels \(box.x)")
  }

  @Test func aLargerFontMakesTallerText() throws {
    let (small, _, _) = render(greenLabel(fontSize: 14))
    let (large, _, _) = render(greenLabel(fontSize: 42))
    let (foundSmall, foundLarge) = (Self.textBox(small), Self.textBox(large))
    let smallBox = try #require(foundSmall, "no text at 14 pixels")
    let largeBox = try #require(foundLarge, "no text at 42 pixels")
    // Three times the font size: about three times the height and width of the same glyphs.
    let ratio = Double(largeBox.y.count) / Double(smallBox.y.count)
    #expect(ratio > 2.4 && ratio < 3.6, "heights \(smallBox.y.count) and \(largeBox.y.count) px")
    #expect(largeBox.x.count > 2 * smallBox.x.count)
  }

  @Test func alignmentPutsTheChosenCornerOnTheAnchor() throws {
    // Top-right corner at display (300, 190): the text ends near column 300 and starts near row 10.
    let label = greenLabel(fontSize: 20, x: 300, y: 190)
    label.setAlignment(horizontal: .end, vertical: .end)
    let (image, renderer, window) = render(label)
    let found = Self.textBox(image)
    let box = try #require(found, "no text-coloured pixel in the picture")
    // Right- and top-aligned, VTK's box lies left of and below the anchor.
    let b = withExtendedLifetime(window) { label.boundingBox(in: renderer) }
    #expect(abs(b.xmax) <= 1 && abs(b.ymax) <= 1 && b.xmin < -40, "bounding box \(b)")
    #expect((292...300).contains(box.x.upperBound), "text ends at column \(box.x.upperBound)")
    #expect((8...16).contains(box.y.lowerBound), "text's top at row \(box.y.lowerBound)")
  }

  @Test func backgroundBoxIsDrawnBehindTheText() throws {
    let label = greenLabel(fontSize: 20)
    label.setBackground(1, 1, 1, opacity: 1)
    let (image, _, _) = render(label)
    let found = Self.textBox(image)
    let box = try #require(found, "no text-coloured pixel in the picture")
    // White appears right around the glyphs, which still show in green.
    let white = image.count { $0 == RGBA(255, 255, 255) }
    #expect(white > box.x.count * 4, "white pixels: \(white)")
  }

  @Test func emptyTextDrawsNothingAndHandlesAreReleased() {
    let before = VTKLibrary.liveHandles
    let errors = VTKLibrary.errorCount
    do {
      let label = TextActor()
      #expect(label.text == "")
      #expect(label.fontSize == 12)
      let (image, _, _) = render(label)
      #expect(image.count { $0.distance(to: Self.background) != 0 } == 0)
    }
    #expect(VTKLibrary.liveHandles == before)
    #expect(VTKLibrary.errorCount == errors)
  }
}
