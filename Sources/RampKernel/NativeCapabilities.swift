import RampSyntax

// Capabilities a native object can adopt. The core builtins (`Information`, `Normal`, `Length`,
// `Dimensions`, `Part`, `Export`) check for them, so a module that adds a kind of object (nets,
// numeric arrays, plots) never redefines those builtins: the object declares what it can do.

/// A native object that answers `Information[obj]` and `Information[obj, "prop"]`.
public protocol InformationProvider: NativeObject {
    /// What `Information[obj]` gives (a report object that prints as a table).
    func informationReport(kernel: Kernel) -> Expr
    /// The value of property `name`, or nil when the object has no such property (the caller then
    /// issues `General::invprop` naming `informationPropertyNames`). `head` is the calling builtin,
    /// for messages the property itself issues.
    func informationProperty(_ name: String, kernel: Kernel, head: Symbol) -> Expr?
    /// The valid property names, sorted.
    var informationPropertyNames: [String] { get }
}

/// A native object that converts to an ordinary expression with `Normal`.
public protocol NormalConvertible: NativeObject {
    /// The expression `Normal[obj]` gives.
    var normalForm: Expr { get }
}

/// A native object that is a rectangular array: `Length`, `Dimensions` and `Part` see through it.
public protocol ArrayLikeObject: NativeObject {
    /// The dimensions (`[]` for a scalar).
    var dimensions: [Int] { get }
    /// The element or sub-array at zero-based `index` of the first dimension (`index` is in range).
    func subArray(at index: Int) -> Expr
}

/// A native object that can be written as an SVG picture (`Export["f.svg", obj]`).
public protocol SVGExportable: NativeObject {
    /// The complete SVG document.
    var svg: String { get }
}

/// A native object that stands for a picture: it gives the `Graphics[…]` expression it draws
/// (the NetTrain results' `"LossPlot"`). `Export`, `ExportString`, `Rasterize` and front ends that
/// render graphics draw that expression, while the terminal keeps the object's text `summary`.
public protocol GraphicsConvertible: NativeObject {
    /// The `Graphics[primitives, options…]` expression the object draws (it may evaluate a plot
    /// function in `kernel` to make it).
    func graphics(kernel: Kernel) -> Expr
}

/// A file format added to `Import`/`Export` by another module (the net format, …). The library's
/// own formats ("Text", "CSV", "JSON", …) are built in; a registered format is found by its name
/// (an explicit format argument, case-insensitive) or by a file name extension.
public struct FileFormatHandler {
    /// The format's name as given to Import/Export (`"RampNet"`).
    public let name: String
    /// File name extensions, lower case and without the dot (`["rampnet"]`).
    public let extensions: [String]
    /// Reads a file; issues its own messages and returns `$Failed` on failure. Nil: no Import.
    public let importFile: ((_ path: String, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)?
    /// Writes `value` to a file and returns the path, or issues a message and returns `$Failed`.
    /// Nil: no Export.
    public let exportFile: ((_ path: String, _ value: Expr, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)?
    /// Reads one element of a file (`Import["f.onnx", "IRVersion"]`, `Import[f, {"ONNX", "Elements"}]`);
    /// issues its own messages (`Import::noelem` for an unknown element). Nil: only whole files.
    public let importElement: ((_ path: String, _ element: String, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)?
    /// `ExportString[value, name]`: the text (a binary format gives one character per byte, as in
    /// Wolfram), or `$Failed` after a message. Nil: no ExportString.
    public let exportString: ((_ value: Expr, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)?

    public init(name: String, extensions: [String],
                importFile: ((_ path: String, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)? = nil,
                exportFile: ((_ path: String, _ value: Expr, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)? = nil,
                importElement: ((_ path: String, _ element: String, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)? = nil,
                exportString: ((_ value: Expr, _ call: BuiltinCall) throws(EvaluationControl) -> Expr)? = nil) {
        self.name = name
        self.extensions = extensions
        self.importFile = importFile
        self.exportFile = exportFile
        self.importElement = importElement
        self.exportString = exportString
    }
}

extension Kernel {
    /// Adds a file format to `Import` and `Export`. Registering a name twice is a programming
    /// error (it traps): each format has one owner.
    public func registerFileFormat(_ handler: FileFormatHandler) {
        precondition(!fileFormats.contains { $0.name.lowercased() == handler.name.lowercased() },
                     "file format \(handler.name) registered twice")
        fileFormats.append(handler)
    }

    /// The registered format called `name` (case-insensitive).
    func registeredFormat(named name: String) -> FileFormatHandler? {
        fileFormats.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The registered format for a file name's extension.
    func registeredFormat(forFile path: String) -> FileFormatHandler? {
        let ext = Kernel.fileExtension(path)
        return ext.isEmpty ? nil : fileFormats.first { $0.extensions.contains(ext) }
    }
}

/// A native object with arithmetic of its own (a power series): `Plus`, `Times` and `Power` with it
/// as an operand ask the object first, so the module that defines it never redefines them.
public protocol ArithmeticObject: NativeObject {
    /// `self + others…`, or nil to leave the sum as it is.
    func plus(_ others: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr?
    /// `self · others…`, or nil to leave the product as it is.
    func times(_ others: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr?
    /// `self^exponent`, or nil to leave the power as it is.
    func power(_ exponent: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr?
}

extension Kernel {
    /// The first operand that has arithmetic of its own, with the others.
    static func arithmeticObject(in args: [Expr]) -> (any ArithmeticObject, [Expr])? {
        for (i, a) in args.enumerated() {
            if case .native(let o) = a, let object = o as? any ArithmeticObject {
                var others = args
                others.remove(at: i)
                return (object, others)
            }
        }
        return nil
    }
}
