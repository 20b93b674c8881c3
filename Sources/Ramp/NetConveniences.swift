// Nets from Swift: build a layer, apply it to `[Float]`, train it — through the same builtins the
// language uses, so a net built in Swift and one built in source text are the same object.

/// A net (a layer or a chain) held by a kernel, with Swift-friendly operations.
///
/// ```swift
/// let kernel = Kernel.standard()
/// var layer = try kernel.net(source: "ParametricRampLayer[1, \"Input\" -> 3]").initialized()
/// let y = layer.apply([-1, 0, 2])                    // [-0.1, 0, 2] with the default slope 0.1
/// layer = layer.trained(on: [([-1, 1, 2], [-0.5, 1, 2])], rounds: 200, seed: 1) ?? layer
/// let slopes = layer.array("Slope")                 // [Float]
/// ```
/// Operations evaluate in `kernel` and follow its concurrency rules (one thread at a time); messages
/// go to its `messageHandler`, and failures return nil.
public struct NetHandle {
    /// The kernel the operations evaluate in.
    public let kernel: Kernel
    /// The net itself (a native object).
    public let expr: Expr

    /// Wraps an expression that is a net; nil for anything else.
    public init?(_ expr: Expr, kernel: Kernel) {
        guard case .native(let object) = expr, object is any ApplicableObject else { return nil }
        self.expr = expr
        self.kernel = kernel
    }

    private func run(_ function: String, _ args: [Expr]) -> Expr {
        kernel.evaluate(.call(Symbol.named(function), [expr] + args))
    }

    /// `NetInitialize[net]` (random values for arrays not yet set), reproducible with `seed`.
    public func initialized(seed: Int? = nil) -> NetHandle? {
        var args: [Expr] = []
        if let seed { args.append(.call(Sym.Rule, .sym("RandomSeeding"), .integer(seed))) }
        return NetHandle(run("NetInitialize", args), kernel: kernel)
    }

    /// The output for one input vector, flattened; nil when the net rejects the input.
    public func apply(_ input: [Float]) -> [Float]? {
        flattenedFloats(kernel.evaluate(.call(expr, [input.expr])))
    }

    /// The outputs for a batch of input vectors.
    public func apply(batch inputs: [[Float]]) -> [[Float]]? {
        let result = kernel.evaluate(.call(expr, [inputs.expr]))
        guard result.hasHead(Sym.List) else { return nil }
        var outputs: [[Float]] = []
        for part in result.args {
            guard let row = flattenedFloats(part) else { return nil }
            outputs.append(row)
        }
        return outputs
    }

    /// One of the net's arrays (`"Slope"`, `"Weights"`, …), flattened; nil when it has none or it
    /// is not initialized.
    public func array(_ name: String) -> [Float]? {
        let extracted = run("NetExtract", [.string(name)])
        return flattenedFloats(kernel.evaluate(.call(Symbol.named("Normal"), [extracted])))
    }

    /// `NetTrain[net, {input -> output, …}, MaxTrainingRounds -> rounds, RandomSeeding -> seed]`:
    /// the trained net, or nil when training failed (the reason is in a message).
    public func trained(on examples: [(input: [Float], output: [Float])], rounds: Int? = nil,
                        seed: Int? = nil) -> NetHandle? {
        let data = Expr.list(examples.map { .call(Sym.Rule, $0.input.expr, $0.output.expr) })
        var args: [Expr] = [data]
        if let rounds { args.append(.call(Sym.Rule, .sym("MaxTrainingRounds"), .integer(rounds))) }
        if let seed { args.append(.call(Sym.Rule, .sym("RandomSeeding"), .integer(seed))) }
        return NetHandle(run("NetTrain", args), kernel: kernel)
    }

    /// The net's one-line summary (what the REPL shows).
    public var summary: String { expr.formatted(.outputForm) }
}

extension Kernel {
    /// Evaluates source text that gives a net (`"ParametricRampLayer[{1, 2}, \"Input\" -> {2, 3}]"`).
    /// - Throws: ``SyntaxError``, or ``ConversionError`` when the result is not a net.
    public func net(source: String) throws -> NetHandle {
        let value = try evaluate(source: source)
        guard let net = NetHandle(value, kernel: self) else { throw ConversionError(expr: value, type: NetHandle.self) }
        return net
    }

    /// `ParametricRampLayer[levels, "Input" -> inputShape]` built from Swift values, with an optional
    /// initial slope; nil (with a message) when the arguments are rejected.
    public func parametricRampLayer(levels: Expr? = nil, inputShape: [Int]? = nil, slope: Double? = nil) -> NetHandle? {
        var args: [Expr] = []
        if let levels { args.append(levels) }
        if let inputShape { args.append(.call(Sym.Rule, "Input", inputShape.count == 1 ? .integer(inputShape[0]) : inputShape.expr)) }
        if let slope { args.append(.call(Sym.Rule, "Slope", .real(slope))) }
        return NetHandle(evaluate(.call(Symbol.named("ParametricRampLayer"), args)), kernel: self)
    }
}

/// Every number in a (possibly nested, possibly packed) list, as `Float`s in row-major order.
func flattenedFloats(_ expr: Expr) -> [Float]? {
    if let x = Float(expr: expr) { return [x] }
    guard expr.hasHead(Sym.List) else { return nil }
    var out: [Float] = []
    for part in expr.args {
        guard let inner = flattenedFloats(part) else { return nil }
        out += inner
    }
    return out
}
