import RampKernel
import RampSyntax

/// A raster image made by `Rasterize[g]`: the PNG Cairo drew, with its size. It prints as `-Image-`
/// (Wolfram's terminal form of an image); `ImageDimensions` gives its size and `Export["f.png", img]`
/// writes it.
final class RasterImage: NativeObject {
    let graphics: Expr
    let png: [UInt8]
    let width: Int, height: Int

    init(graphics: Expr, png: [UInt8], width: Int, height: Int) {
        self.graphics = graphics
        self.png = png
        self.width = width
        self.height = height
    }

    static let head = Symbol.named("Image")
    var head: Symbol { Self.head }
    /// Evaluates back to an equal image.
    var inputForm: Expr { .call(Symbol.named("Rasterize"), graphics) }
    var summary: String { "-Image-" }
    func isSame(as other: any NativeObject) -> Bool { (other as? RasterImage).map { $0.png == png } ?? false }
    func hash(into h: inout Hasher) { h.combine(png.count); h.combine(width); h.combine(height) }
}

extension GraphicsBuiltins {
    /// Renders for a builtin: the bytes, or nil after `head::imgsz`/`head::cairo`/`head::type`.
    static func render(_ value: Expr, _ format: GraphicsFormat, _ call: BuiltinCall) -> [UInt8]? {
        do throws(GraphicsError) {
            return try GraphicsRendering.render(value, format: format, in: call.kernel)
        } catch {
            switch error {
            case .tooLarge(let w, let h): call.message("imgsz", .integer(w), .integer(h))
            case .cairo(let text): call.message("cairo", .string(text))
            case .notGraphics:
                call.kernel.message(call.head, "type", [value.head, .string(format.rawValue)])
            }
            return nil
        }
    }

    /// The file bytes of `value` in `format`: graphics, a rasterized image (PNG), or an object that
    /// writes its own SVG.
    static func fileBytes(_ value: Expr, _ format: GraphicsFormat, _ call: BuiltinCall) -> [UInt8]? {
        if let sized = sized(value, call) { return render(sized, format, call) }
        if case .native(let image as RasterImage) = value, format == .png { return image.png }
        if case .native(let image as RasterImage) = value { return render(image.graphics, format, call) }
        if format == .svg, !GraphicsRendering.isGraphics(value), case .native(let picture as any SVGExportable) = value {
            return Array(picture.svg.utf8)
        }
        return render(value, format, call)
    }

    /// The graphic with the call's `ImageSize` option put first among its own options (so it wins,
    /// as the first of two equal options does), when the call gives one; nil otherwise.
    static func sized(_ value: Expr, _ call: BuiltinCall) -> Expr? {
        guard let size = call.option("ImageSize"), size != .automatic else { return nil }
        let source: Expr
        if case .native(let image as RasterImage) = value { source = image.graphics } else { source = value }
        guard let g = GraphicsRendering.graphicsExpression(source, in: call.kernel) else { return nil }
        func withSize(_ g: Expr) -> Expr {
            guard case .normal(let n) = g, !n.args.isEmpty else { return g }
            if n.head.symbol === Symbol.named("Legended") { return .call(n.head, [withSize(n.args[0])] + n.args.dropFirst()) }
            return .call(n.head, [n.args[0], .call(Sym.Rule, .symbol(Symbol.named("ImageSize")), size)] + n.args.dropFirst())
        }
        return withSize(g)
    }

    static func installFormats(_ k: Kernel) {
        for format in GraphicsFormat.allCases {
            k.registerFileFormat(FileFormatHandler(
                name: format.rawValue, extensions: [format.rawValue.lowercased()],
                exportFile: { path, value, call throws(EvaluationControl) in
                    guard let bytes = fileBytes(value, format, call) else { return .failed }
                    try call.kernel.checkAbort()
                    do throws(FileAccess.Failure) {
                        try FileAccess.writeAtomically(path, bytes: bytes)
                    } catch {
                        call.kernel.message(call.head, error == .readOnly ? "wrte" : "noopen", [.string(path)])
                        return .failed
                    }
                    return .string(path)
                },
                exportString: { value, call in
                    guard let bytes = fileBytes(value, format, call) else { return .failed }
                    // SVG is UTF-8 text; PNG and PDF give one character per byte, as Wolfram does.
                    if format == .svg { return .string(String(decoding: bytes, as: UTF8.self)) }
                    var s = String.UnicodeScalarView()
                    for b in bytes { s.append(Unicode.Scalar(b)) }
                    return .string(String(s))
                }))
        }
    }

    /// `Rasterize[g]` (an image object), `Rasterize[g, "Image"]`, `Rasterize[g, "RasterSize"]`
    /// (its pixel size), and `ImageDimensions[img]`.
    static func installRasterize(_ k: Kernel) {
        k.define("Rasterize", arguments: ArgumentCount(1, 2), options: [.call(Sym.Rule, .symbol(Symbol.named("ImageSize")), .automatic)], usage: "Rasterize[g] converts a graphic into a raster image (Ramp: Graphics only; the image prints as -Image-).\nRasterize[g, \"RasterSize\"] gives its size in pixels.") { c in
            guard GraphicsRendering.isGraphics(c.args[0]) else { c.message("gtype", c.args[0]); return nil }
            let graphic = sized(c.args[0], c) ?? c.args[0]
            let element = c.args.count == 2 ? c.args[1].string : "Image"
            switch element {
            case "Image":
                guard let png = render(graphic, .png, c), let size = PNGPixels.size(png) else { return .failed }
                let g = GraphicsRendering.graphicsExpression(graphic, in: c.kernel) ?? graphic
                return .native(RasterImage(graphics: g, png: png, width: size.width, height: size.height))
            case "RasterSize":
                do throws(GraphicsError) {
                    let size = try GraphicsRendering.pixelSize(graphic, in: c.kernel)
                    return .list([.integer(size.width), .integer(size.height)])
                } catch {
                    if case .tooLarge(let w, let h) = error { c.message("imgsz", .integer(w), .integer(h)) }
                    return .failed
                }
            default:
                return nil
            }
        }
        k.define("ImageDimensions", arguments: .exactly(1), usage: "ImageDimensions[image] gives the pixel dimensions {width, height} of a raster image.") { c in
            guard case .native(let image as RasterImage) = c.args[0] else { return nil }
            return .list([.integer(image.width), .integer(image.height)])
        }
    }
}

extension PNGPixels {
    /// The width and height in a PNG's IHDR chunk, or nil when `bytes` is not a PNG.
    public static func size(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47,
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        return (be(16), be(20))
    }
}
