import RampKernel
import RampSyntax

/// A loss layer comparing ports "Input" and "Target" (same shape) element by element, giving a
/// per-example real "Loss": the mean over elements of `(input − target)²` or `|input − target|`.
/// Applied alone (`loss[<|"Input" -> x, "Target" -> t|>]`) or attached by NetTrain.
public protocol MeanLossLayer: LossLayerPorts {
    /// Which mean: squared or absolute.
    static var loss: TrainingLoss { get }
    var inputShape: PortShape? { get }
    init(inputShape: PortShape?)
}

/// `MeanSquaredLossLayer[]`: the mean over elements of `(input − target)²`, per example.
public final class MeanSquaredLossLayer: MeanLossLayer {
    public static var loss: TrainingLoss { .meanSquared }
    public let inputShape: PortShape?
    public init(inputShape: PortShape? = nil) { self.inputShape = inputShape }
    public var head: Symbol { Sym.MeanSquaredLossLayer }

    /// Per-example losses of a batch and the gradient of their *sum* with respect to the input.
    public static func loss(input x: Tensor, target t: Tensor) -> (losses: [Float], gradient: Tensor) {
        TrainingLoss.meanSquared.evaluate(output: x, target: t)
    }
}

/// `MeanAbsoluteLossLayer[]`: the mean over elements of `|input − target|`, per example.
public final class MeanAbsoluteLossLayer: MeanLossLayer {
    public static var loss: TrainingLoss { .meanAbsolute }
    public let inputShape: PortShape?
    public init(inputShape: PortShape? = nil) { self.inputShape = inputShape }
    public var head: Symbol { Sym.MeanAbsoluteLossLayer }
}

/// What every loss layer shares: ports "Input" and "Target" in, a real "Loss" out, no arrays.
public protocol LossLayerPorts: NetModel {
    var inputShape: PortShape? { get }
    /// The shape of the "Target" port (the input's, or without the class dimension).
    var targetShape: PortShape? { get }
}

extension LossLayerPorts {
    public var inputPorts: [(name: String, shape: PortShape?)] { [("Input", inputShape), ("Target", targetShape)] }
    public var outputPorts: [(name: String, shape: PortShape?)] { [("Loss", [])] }
    public var arraySlots: [NetArraySlot] { [] }
    public var isInitialized: Bool { true }
    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel { self }
    public func deinitialized() -> any NetModel { self }
    public var partNames: [Expr] { ["Input", "Target", "Loss"] }

    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Input": return Shapes.userForm(inputShape)
        case "Target": return Shapes.userForm(targetShape)
        case "Loss": return "Real"
        default: return nil
        }
    }
}

extension MeanLossLayer {
    var name: String { head.name }
    public var targetShape: PortShape? { inputShape }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1, path[0] == "Input" || path[0] == "Target", let s = try Shapes.parse(value) else {
            throw NetFailure("netnopart", .list(path))
        }
        return Self(inputShape: s)
    }

    /// `loss[<|"Input" -> x, "Target" -> y|>]` or `loss[x -> y]`; batches give a list of losses.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard let (input, target) = lossArguments(args, head: head, kernel: kernel) else { return .failed }
        let expected = inputShape.map { Shapes.phrase($0) } ?? "an array of real numbers"
        guard let x = NetData.read(input), x.tensor.count > 0 else {
            NetApply.badData(input, port: "Input", expected: expected).issue(kernel, head)
            return .failed
        }
        guard let t = NetData.read(target) else {
            let example = inputShape == nil ? Shapes.phrase(Shapes.fixed(x.tensor.shape)) : expected
            NetApply.badData(target, port: "Target", expected: example).issue(kernel, head)
            return .failed
        }
        guard x.tensor.shape == t.tensor.shape else {
            kernel.message(head, "invindata1", [text("port \"Target\""), text(Shapes.phrase(Shapes.fixed(t.tensor.shape))),
                                               text(Shapes.phrase(Shapes.fixed(x.tensor.shape)))])
            return .failed
        }
        let rank = inputShape?.count ?? x.tensor.rank
        if x.tensor.rank == rank + 1 && inputShape != nil {
            let (losses, _) = Self.loss.evaluate(output: x.tensor, target: t.tensor)
            return .list(losses.map(realExpr))
        }
        let batchOne = Tensor(shape: [1] + x.tensor.shape, data: x.tensor.data)
        let (losses, _) = Self.loss.evaluate(output: batchOne, target: Tensor(shape: batchOne.shape, data: t.tensor.data))
        return realExpr(losses[0])
    }

    public var inputForm: Expr {
        inputShape.map { .call(head, .call(Sym.Rule, "Input", Shapes.userForm($0))) } ?? .call(head, [])
    }

    public var summary: String {
        "\(name)[Input: \(Shapes.describe(inputShape)) | Target: \(Shapes.describe(inputShape)) | Loss: real]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let other = other as? Self else { return false }
        return other.inputShape == inputShape
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> Self {
        var shape: PortShape? = nil
        let name = Self(inputShape: nil).name
        for rule in args {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2 else {
                throw NetFailure("argcnterr", text("\(name) provided with \(args.count) parameters; 0 parameters are expected."))
            }
            switch rule.args[0] {
            case "Input", "Target":
                guard let s = try Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Input\""), text("an array")) }
                shape = s
            case .string(let n):
                throw NetFailure("netunkparam", quoted(n), text(name), text(allowedList(["\"Input\"", "\"Target\""])))
            default: throw NetFailure("netinvrule", rule, text(name))
            }
        }
        return Self(inputShape: shape)
    }
}

/// `CrossEntropyLossLayer["Index" | "Probabilities" | "Binary"]`: the cross-entropy of input
/// probabilities against targets (see `CrossEntropyForm`). Applied alone
/// (`layer[<|"Input" -> p, "Target" -> t|>]`) or given to NetTrain as `LossFunction`.
public final class CrossEntropyLossLayer: LossLayerPorts {
    let form: CrossEntropyForm
    public let inputShape: PortShape?
    init(form: CrossEntropyForm, inputShape: PortShape?) { self.form = form; self.inputShape = inputShape }

    public var head: Symbol { Symbol.named("CrossEntropyLossLayer") }
    public var targetShape: PortShape? { form == .index ? inputShape.map { Array($0.dropLast()) } : inputShape }
    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1, path[0] == "Input", let s = try Shapes.parse(value) else { throw NetFailure("netnopart", .list(path)) }
        return CrossEntropyLossLayer(form: form, inputShape: s)
    }

    /// `layer[<|"Input" -> p, "Target" -> t|>]` or `layer[p -> t]`: one loss, or a list for a batch.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard let (input, target) = lossArguments(args, head: head, kernel: kernel) else { return .failed }
        guard let x = NetData.read(input), x.tensor.count > 0, x.tensor.rank >= (form == .binary ? 0 : 1) else {
            NetApply.badData(input, port: "Input", expected: form == .binary ? "an array of probabilities" : "a vector of probabilities (or an array of them)").issue(kernel, head)
            return .failed
        }
        guard let t = NetData.read(target) else {
            NetApply.badData(target, port: "Target", expected: form == .index ? "a class index" : "an array of probabilities").issue(kernel, head)
            return .failed
        }
        // One example unless the input has one more level than the layer's declared input.
        let exampleRank = inputShape?.count ?? x.tensor.rank
        let batched = x.tensor.rank == exampleRank + 1 && inputShape != nil
        let xb = batched ? x.tensor : Tensor(shape: [1] + x.tensor.shape, data: x.tensor.data)
        let expectedTarget = form == .index ? Array(xb.shape.dropLast()) : xb.shape
        guard (batched ? t.tensor.shape : [1] + t.tensor.shape) == expectedTarget else {
            kernel.message(head, "invindata1", [text("port \"Target\""), text(Shapes.phrase(Shapes.fixed(t.tensor.shape))),
                                               text(form == .index ? "class indices of dimensions \(OutputForm.format(.list(expectedTarget.dropFirst().map { .integer($0) })))" : Shapes.phrase(Shapes.fixed(x.tensor.shape)))])
            return .failed
        }
        if form == .index, let classes = xb.shape.last, !t.tensor.data.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && Int($0) <= classes }) {
            kernel.message(head, "invindata2", [text("port \"Target\""), text("an integer between 1 and \(classes)")])
            return .failed
        }
        let (losses, _) = form.evaluate(output: xb, target: Tensor(shape: expectedTarget, data: t.tensor.data))
        return batched ? .list(losses.map(realExpr)) : realExpr(losses[0])
    }

    public var inputForm: Expr {
        var args: [Expr] = [.string(form.rawValue)]
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }
    public var summary: String {
        "CrossEntropyLossLayer[Form: \(form.rawValue) | Input: \(Shapes.describe(inputShape)) | Target: \(Shapes.describe(targetShape)) | Loss: real]"
    }
    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? CrossEntropyLossLayer else { return false }
        return o.form == form && o.inputShape == inputShape
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> CrossEntropyLossLayer {
        var form: CrossEntropyForm? = nil
        var shape: PortShape? = nil
        for a in args {
            if let s = a.string, form == nil, let f = CrossEntropyForm(rawValue: s) { form = f; continue }
            guard a.hasHead(Sym.Rule), a.args.count == 2 else {
                throw NetFailure("netinvparam2", a, text("the form"), text("\"Index\", \"Probabilities\" or \"Binary\" was expected"))
            }
            switch a.args[0] {
            case "Input":
                guard let s = try Shapes.parse(a.args[1]) else { throw NetFailure("invportshape", a.args[1], text("port \"Input\""), text("an array")) }
                shape = s
            case "Target", "Loss": continue
            case .string(let n): throw NetFailure("netunkparam", quoted(n), text("CrossEntropyLossLayer"), text(allowedList(["\"Input\"", "\"Target\""])))
            default: throw NetFailure("netinvrule", a, text("CrossEntropyLossLayer"))
            }
        }
        guard let form else {
            throw NetFailure("argcnterr", text("CrossEntropyLossLayer needs a form: \"Index\", \"Probabilities\" or \"Binary\"."))
        }
        return CrossEntropyLossLayer(form: form, inputShape: shape)
    }
}

/// The "Input" and "Target" of a loss layer's application (`<|"Input" -> x, "Target" -> t|>` or
/// `x -> t`); nil after issuing `invargc`, `inpunk` or `inpmiss`.
func lossArguments(_ args: [Expr], head: Symbol, kernel: Kernel) -> (Expr, Expr)? {
    guard args.count == 1 else {
        kernel.message(head, "invargc", [.integer(args.count), 1])
        return nil
    }
    var input: Expr? = nil, target: Expr? = nil
    let a = args[0]
    if a.hasHead(Sym.Rule), a.args.count == 2 {
        input = a.args[0]; target = a.args[1]
    } else if let rules = associationRules(a) {
        for r in rules where r.args.count == 2 {
            if r.args[0] == "Input" { input = r.args[1] } else if r.args[0] == "Target" { target = r.args[1] } else {
                kernel.message(head, "inpunk", [quoted(OutputForm.format(r.args[0], bareStrings: true))])
                return nil
            }
        }
    }
    guard let input else { kernel.message(head, "inpmiss", [quoted("Input")]); return nil }
    guard let target else { kernel.message(head, "inpmiss", [quoted("Target")]); return nil }
    return (input, target)
}
