import RampKernel
import RampSyntax

/// An array of a net: where it is, its value once initialized, its dimensions once known, and
/// its learning-rate multiplier (1 for `Automatic`, 0 for frozen).
public struct NetArraySlot: Sendable {
    /// Position usable with `NetExtract`: `{"Slope"}`, `{2, "Weights"}`, `{"name", "Slope"}`.
    public var path: [Expr]
    public var value: Tensor?
    public var dims: [Int]?
    public var learningRateMultiplier: Double
    /// The array's name (the last path element).
    public var name: String { path.last?.string ?? "" }
}

/// Every net, layer or container: an immutable, applicable native object.
public protocol NetModel: ApplicableObject, InformationProvider, NormalConvertible {
    /// Input ports and their shapes (nil when not yet known).
    var inputPorts: [(name: String, shape: PortShape?)] { get }
    /// Output ports and their shapes.
    var outputPorts: [(name: String, shape: PortShape?)] { get }
    /// Every array, in a fixed order.
    var arraySlots: [NetArraySlot] { get }
    /// The leaf layers with their positions (`[]` for a layer itself).
    var leafLayers: [(path: [Expr], layer: any NetModel)] { get }
    /// Whether every array has a value (or a value that needs only the shape to fill).
    var isInitialized: Bool { get }
    /// The first array that makes the net uninitialized, for the `nninit` message. A requirement
    /// (not only an extension method) so a layer's own answer is used through `any NetModel`.
    var firstUninitializedArray: NetArraySlot? { get }
    /// The net with its arrays initialized: missing ones, or all with `overwrite`.
    func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel
    /// The net with every learned array removed (`NetInitialize[net, None]`).
    func deinitialized() -> any NetModel
    /// The value of a parameter, array or port by name; nil when there is no such part.
    func extract(_ name: Expr) -> Expr?
    /// The part names `extract` knows, in order (`NetExtract[net, All]`).
    var partNames: [Expr] { get }
    /// The net with one part replaced (`NetReplacePart`): an array, `"Input"`/`"Output"`, or a
    /// nested path for containers.
    func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel
}

/// A net with one input and one output that runs on Float32 batches: what `NetChain` composes and
/// what `NetTrain` differentiates. The training-facing surface is `arraySlots` (parameters and
/// learning-rate multipliers), `withArrayValues` and `backward`.
public protocol NetLayer: NetModel {
    var inputShape: PortShape? { get }
    var outputShape: PortShape? { get }
    /// This layer with every shape inferred for examples of `shape` (which it must accept).
    func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer
    /// The phrase for what the input port accepts, for messages ("an array of rank ≥ 1").
    var inputPhrase: String { get }
    /// Forward pass over a batch: `x.shape == [batch] + example shape`; the layer must have been
    /// inferred for that example shape and be initialized.
    func forward(_ x: Tensor) -> Tensor
    /// Backward pass: the gradient for the input and one for each array (in `arraySlots` order),
    /// given the input, the forward output and the output gradient. Slope/weight gradients are
    /// summed over the batch.
    func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor])
    /// The layer with new array values, in `arraySlots` order (shapes unchanged).
    func withArrayValues(_ values: [Tensor]) -> any NetLayer
}

extension NetModel {
    public var leafLayers: [(path: [Expr], layer: any NetModel)] { [([], self)] }

    public func hash(into h: inout Hasher) { h.combine(head.name) }

    /// The first array lacking a value, for the `nninit` message.
    public var firstUninitializedArray: NetArraySlot? { arraySlots.first { $0.value == nil } }
}

extension NetLayer {
    public var inputPorts: [(name: String, shape: PortShape?)] { [("Input", inputShape)] }
    public var outputPorts: [(name: String, shape: PortShape?)] { [("Output", outputShape)] }
    public var inputPhrase: String { Shapes.phrase(inputShape) }

    /// Applies the layer as `layer[data, opts…]`.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        NetApply.apply(self, args, kernel: kernel)
    }
}

/// Text for a path in messages: `array "Slope"`, `array "Slope" of layer 2`.
func arrayPathText(_ path: [Expr]) -> String {
    guard let name = path.last?.string else { return "array" }
    var t = "array \"\(name)\""
    for p in path.dropLast().reversed() {
        switch p {
        case .integer(let i): t += " of layer \(i)"
        case .string(let s): t += " of layer \"\(s)\""
        default: break
        }
    }
    return t
}

/// The `nninit` failure for an uninitialized net.
func notInitialized(_ verb: String, _ slot: NetArraySlot) -> NetFailure {
    NetFailure("nninit", text(verb), text("value"), text(arrayPathText(slot.path)))
}

/// A deterministic random source for initialization and shuffling (SplitMix64), seeded by
/// `RandomSeeding`, and the weight initialization method it fills arrays with.
public struct NetRandom: Sendable {
    private var state: UInt64
    /// How weight arrays are filled (`NetInitialize`'s `Method`).
    public var weightInitialization: WeightInitialization
    public init(seed: UInt64, weightInitialization: WeightInitialization = .automatic) {
        state = seed
        self.weightInitialization = weightInitialization
    }
    /// The seed a `RandomSeeding` setting gives: an integer or a string the same every time,
    /// `Inherited` the next word of the kernel's generator (so `SeedRandom[n]` makes the result
    /// reproducible and `BlockRandom` localizes it), `Automatic` a fresh one from the system; nil
    /// for any other value.
    public static func seed(_ setting: Expr, kernel: Kernel) -> UInt64? {
        switch setting {
        case .integer(let i): return UInt64(bitPattern: Int64(i))
        case .string(let s): return NetBuiltins.fnv1a(s)
        case .symbol(let s) where s === Sym.Inherited: return kernel.nextRandomWord()
        case .symbol(let s) where s === Sym.Automatic: return UInt64.random(in: 0...UInt64.max)
        default: return nil
        }
    }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    /// Uniform in [-a, a).
    public mutating func symmetric(_ a: Double) -> Float { Float((uniform() * 2 - 1) * a) }
}
