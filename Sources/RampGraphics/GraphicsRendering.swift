import CCairo
import RampKernel
import RampSyntax

/// The file formats a graphic renders to.
public enum GraphicsFormat: String, CaseIterable, Sendable {
    /// Scalable vector graphics (text as glyph outlines, so it looks the same without the font).
    case svg = "SVG"
    /// A PNG image, one pixel per point of `ImageSize` (360 pixels wide by default).
    case png = "PNG"
    /// A one-page PDF document, the page `ImageSize` points large.
    case pdf = "PDF"
}

/// Renders `Graphics[…]` expressions: the entry point for `Export`, `Rasterize` and front ends (the
/// Jupyter kernel shows a result `r` for which `isGraphics(r)` holds as `render(r, format: .svg, …)`
/// and `.png`).
///
/// ```swift
/// let kernel = Kernel.standard()
/// let plot = try kernel.evaluate(source: "Plot[Sin[x], {x, 0, 2 Pi}]")
/// if GraphicsRendering.isGraphics(plot) {
///     let png = try GraphicsRendering.render(plot, format: .png, in: kernel)
/// }
/// ```
public enum GraphicsRendering {
    /// Whether `e` is something that draws as a picture: `Graphics[…]`, a `Legended[Graphics[…], …]`
    /// (what a plot with `PlotLegends` gives), or a native object that converts to graphics (the
    /// NetTrain results' `"LossPlot"`, which prints as text in a terminal).
    public static func isGraphics(_ e: Expr) -> Bool {
        if case .native(_ as any GraphicsConvertible) = e { return true }
        return isGraphicsExpression(e)
    }

    static func isGraphicsExpression(_ e: Expr) -> Bool {
        if e.hasHead(GraphicsSymbols.graphics), e.argCount >= 1 { return true }
        return e.hasHead(GraphicsSymbols.legended) && e.argCount >= 1 && e.arg(0).hasHead(GraphicsSymbols.graphics) && e.arg(0).argCount >= 1
    }

    /// The `Graphics[…]` (or `Legended[Graphics[…], …]`) expression `e` draws, or nil.
    public static func graphicsExpression(_ e: Expr, in kernel: Kernel) -> Expr? {
        if case .native(let o as any GraphicsConvertible) = e {
            let g = o.graphics(kernel: kernel)
            return isGraphicsExpression(g) ? g : nil
        }
        return isGraphicsExpression(e) ? e : nil
    }

    /// The bytes of the file `graphics` renders to in `format`.
    ///
    /// - Parameters:
    ///   - graphics: anything for which ``isGraphics(_:)`` holds.
    ///   - format: SVG (UTF-8 text), PNG or PDF.
    ///   - kernel: makes the picture of an object that converts to graphics, formats non-string
    ///     text (`Text[x^2, …]`) and receives `Graphics::gprim` for the first primitive it cannot
    ///     draw (the rest is drawn).
    /// - Throws: ``GraphicsError/notGraphics``, ``GraphicsError/tooLarge(width:height:)`` when
    ///   `ImageSize` asks for more than Ramp's size limit (checked before anything is allocated),
    ///   ``GraphicsError/cairo(_:)`` when Cairo fails.
    public static func render(_ graphics: Expr, format: GraphicsFormat, in kernel: Kernel) throws(GraphicsError) -> [UInt8] {
        let renderer = try prepare(graphics, kernel: kernel)
        let layout = try renderer.layout()
        return try CairoOutput.bytes(format: format, width: layout.width, height: layout.height) { cr in
            renderer.draw(cr, layout)
        }
    }

    /// The pixel size (width, height) a graphic renders to as PNG.
    public static func pixelSize(_ graphics: Expr, in kernel: Kernel) throws(GraphicsError) -> (width: Int, height: Int) {
        let layout = try prepare(graphics, kernel: kernel).layout()
        return (Int(layout.width), Int(layout.height))
    }

    /// Reads a graphic into a renderer.
    static func prepare(_ graphics: Expr, kernel: Kernel) throws(GraphicsError) -> SceneRenderer {
        guard var g = graphicsExpression(graphics, in: kernel) else { throw .notGraphics }
        var legend: Expr?
        if g.hasHead(GraphicsSymbols.legended) {
            legend = g.argCount >= 2 ? g.arg(1) : nil
            g = g.arg(0)
        }
        var builder = SceneBuilder(kernel: kernel)
        var style = DrawStyle()
        builder.add(g.arg(0), &style)
        if let skipped = builder.skipped { kernel.message(GraphicsSymbols.graphics, "gprim", [skipped]) }
        let rules = GraphicsOptions.rules(g.args.dropFirst())
        var options = GraphicsOptions(rules)
        if let legend { options.legend = Legends.entries(legend) }
        // Prolog and Epilog: primitives drawn under and over the graphic.
        func extra(_ name: String) -> [SceneItem] {
            guard let value = rules.first(where: { Kernel.optionName($0) == name })?.arg(1) else { return [] }
            var b = SceneBuilder(kernel: kernel)
            var style = DrawStyle()
            b.add(value, &style)
            return b.items
        }
        return SceneRenderer(scene: builder.items, options: options, prolog: extra("Prolog"), epilog: extra("Epilog"))
    }
}

/// Symbols the module refers to often.
enum GraphicsSymbols {
    static let graphics = Symbol.named("Graphics")
    static let legended = Symbol.named("Legended")
}

/// Cairo surfaces that write to memory.
enum CairoOutput {
    /// Collects what a Cairo stream surface writes.
    final class Sink {
        var bytes: [UInt8] = []
    }

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    static func statusText(_ s: cairo_status_t) -> String { String(cString: cairo_status_to_string(s)) }

    /// Draws with `draw` on a surface of the format and returns the file's bytes.
    static func bytes(format: GraphicsFormat, width: Double, height: Double, _ draw: (OpaquePointer) -> Void) throws(GraphicsError) -> [UInt8] {
        let sink = Sink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer?
        switch format {
        case .svg:
            surface = cairo_svg_surface_create_for_stream(write, closure, width, height)
            if let surface { cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX) }
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(write, closure, width, height)
        case .png:
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        }
        guard let surface else { throw .cairo("no surface") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(statusText(status)) }
        guard let cr = cairo_create(surface) else { throw .cairo("no context") }
        draw(cr)
        let drawStatus = cairo_status(cr)
        cairo_destroy(cr)
        guard drawStatus == CAIRO_STATUS_SUCCESS else { throw .cairo(statusText(drawStatus)) }
        if format == .png {
            let s = cairo_surface_write_to_png_stream(surface, write, closure)
            guard s == CAIRO_STATUS_SUCCESS else { throw .cairo(statusText(s)) }
        } else {
            cairo_surface_finish(surface)
        }
        withExtendedLifetime(sink) {}
        return sink.bytes
    }
}

/// Pixels of a PNG, read back with Cairo (tests and `ImageData` use it).
public enum PNGPixels {
    /// Width, height and the pixels as 0xAARRGGBB (premultiplied, Cairo's ARGB32), row by row; nil
    /// when `bytes` is not a PNG Cairo can read.
    public static func decode(_ bytes: [UInt8]) -> (width: Int, height: Int, pixels: [UInt32])? {
        final class Source { let bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let source = Source(bytes)
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let s = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard s.offset + n <= s.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            for i in 0..<n { data[i] = s.bytes[s.offset + i] }
            s.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        defer { cairo_surface_destroy(surface); withExtendedLifetime(source) {} }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        var pixels: [UInt32] = []
        pixels.reserveCapacity(w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<w { pixels.append(row.load(fromByteOffset: x * 4, as: UInt32.self)) }
        }
        return (w, h, pixels)
    }
}
