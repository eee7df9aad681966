import CVTKBridge

/// Where a text's anchor point sits along one axis: `vtkTextProperty::SetJustification`
/// (left, centred, right) or `SetVerticalJustification` (bottom, centred, top).
public enum TextAlignment: Int32, Sendable {
  /// `VTK_TEXT_LEFT` horizontally, `VTK_TEXT_BOTTOM` vertically: the text starts at the anchor.
  case start = 0
  /// `VTK_TEXT_CENTERED`: the text is centred on the anchor.
  case center = 1
  /// `VTK_TEXT_RIGHT` horizontally, `VTK_TEXT_TOP` vertically: the text ends at the anchor.
  case end = 2
}

/// The typefaces every VTK build has (`vtkTextProperty::SetFontFamily`).
public enum FontFamily: Int32, Sendable {
  /// `VTK_ARIAL`, VTK's default.
  case arial = 0
  /// `VTK_COURIER`: fixed width, for columns of numbers.
  case courier = 1
  /// `VTK_TIMES`.
  case times = 2
}

/// Text drawn over a renderer's 3D scene at a fixed place in the window: a label or a legend.
/// Wraps `vtkTextActor` (a `vtkActor2D`) and the `vtkTextProperty` it owns (`GetTextProperty`).
///
/// Add it to a renderer like any prop (`Renderer.add`, i.e. `AddViewProp`, of which
/// `AddActor2D` is a synonym); the renderer draws it in its overlay pass, after the geometry,
/// so it covers whatever is behind it and takes no part in depth. Positions are display pixels
/// from the window's bottom-left corner (`SetDisplayPosition`); the font size is in pixels too,
/// since the actor keeps VTK's `TextScaleMode` none. FreeType draws the glyphs (the bridge
/// initialises the `RenderingFreeType` module).
///
/// ```swift
/// let label = TextActor("full mesh", fontSize: 24)
/// label.setPosition(x: 10, y: stage.height - 10)
/// label.setAlignment(horizontal: .start, vertical: .end)  // top-left corner at the anchor
/// stage.renderer.add(label)
/// ```
public final class TextActor: Prop {
  override class var vtkClassName: String { "vtkTextActor" }

  /// An actor with VTK's defaults: no text, Arial at 12 pixels, white, left and bottom aligned
  /// at (0, 0), no background. Wraps `vtkTextActor::New` through `vtkb_text_actor_new`.
  public convenience init() { self.init(owning: vtkb_text_actor_new()) }

  /// An actor showing `text` at `fontSize` pixels in the colour `color` (components in 0...1).
  public convenience init(_ text: String, fontSize: Int = 18, color: SIMD3<Double> = SIMD3(1, 1, 1)) {
    self.init()
    self.text = text
    self.fontSize = fontSize
    setColor(color.x, color.y, color.z)
  }

  /// `SetInput` / `GetInput`: the text; `"\n"` starts a new line.
  public var text: String {
    get { String(cString: must(nil) { vtkb_text_actor_input(handle, $0) }!) }
    set { must(vtkb_text_actor_set_input(handle, newValue)) }
  }

  /// `GetTextProperty()->SetFontSize` / `GetFontSize`: the font's size in pixels.
  public var fontSize: Int {
    get { Int(must(Int32(0)) { vtkb_text_actor_font_size(handle, $0) }) }
    set { must(vtkb_text_actor_set_font_size(handle, Int32(clamping: newValue))) }
  }

  /// `vtkActor2D::SetDisplayPosition`: the anchor point, in pixels from the window's bottom-left
  /// corner. `setAlignment` says which point of the text sits on it.
  public func setPosition(x: Int, y: Int) {
    must(vtkb_text_actor_set_display_position(handle, Int32(clamping: x), Int32(clamping: y)))
  }

  /// `GetTextProperty()->SetJustification` and `SetVerticalJustification`. `(.start, .start)`,
  /// VTK's default, puts the text's bottom-left corner on the anchor; `(.end, .end)` its
  /// top-right corner.
  public func setAlignment(horizontal: TextAlignment, vertical: TextAlignment) {
    must(vtkb_text_actor_set_justification(handle, horizontal.rawValue, vertical.rawValue))
  }

  /// `GetTextProperty()->SetFontFamily`.
  public func setFontFamily(_ family: FontFamily) { must(vtkb_text_actor_set_font_family(handle, family.rawValue)) }
  /// `GetTextProperty()->SetColor`: the glyphs' colour, components in 0...1.
  public func setColor(_ r: Double, _ g: Double, _ b: Double) { must(vtkb_text_actor_set_color(handle, r, g, b)) }
  /// `GetTextProperty()->SetOpacity`: the glyphs' opacity.
  public func setOpacity(_ a: Double) { must(vtkb_text_actor_set_opacity(handle, a)) }
  /// `GetTextProperty()->SetBold`.
  public func setBold(_ on: Bool) { must(vtkb_text_actor_set_bold(handle, on ? 1 : 0)) }

  /// `GetTextProperty()->SetBackgroundColor` and `SetBackgroundOpacity`: a box behind the text,
  /// which keeps it legible over a busy scene. Opacity 0 (VTK's default) draws no box.
  public func setBackground(_ r: Double, _ g: Double, _ b: Double, opacity: Double = 1) {
    must(vtkb_text_actor_set_background(handle, r, g, b, opacity))
  }

  /// `GetTextProperty()->SetFrame(1)`, `SetFrameColor` and `SetFrameWidth`: a border of `width`
  /// pixels around the text (and its background box).
  public func setFrame(_ r: Double, _ g: Double, _ b: Double, width: Int = 1) {
    must(vtkb_text_actor_set_frame(handle, 1, r, g, b, Int32(clamping: width)))
  }

  /// `GetTextProperty()->SetFrame(0)`: no border (VTK's default).
  public func removeFrame() { must(vtkb_text_actor_set_frame(handle, 0, 1, 1, 1, 1)) }

  /// `GetBoundingBox(renderer, bbox)`: the text's box in pixels as `(xmin, xmax, ymin, ymax)`,
  /// measured from the anchor point (VTK 9.1 leaves the position out): `(0, w, 0, h)` for the
  /// default alignment, `(-w, 0, -h, 0)` for `(.end, .end)`. Lets a caller stack labels or make
  /// room for them. The renderer must be in a render window (its DPI sizes the glyphs), or this
  /// traps.
  public func boundingBox(in renderer: Renderer) -> (xmin: Double, xmax: Double, ymin: Double, ymax: Double) {
    let b = fillDoubles(4) { vtkb_text_actor_bounding_box(handle, renderer.handle, $0) }
    return (b[0], b[1], b[2], b[3])
  }
}
