import RampKernel
import RampSyntax

/// One kind of net Ramp builds: its head, usage text, options, constructor and what training needs
/// to know. `NetLayerType.all` is the one list that defines the constructors, the heads a saved
/// `.rampnet` file may call, `Options[head]` and the loss layers NetTrain accepts.
struct NetLayerType: Sendable {
    /// The head (`"ParametricRampLayer"`).
    let head: String
    /// The `head::usage` text.
    let usage: String
    /// `Options[head]` with Wolfram's defaults (parameters and ports by string name).
    let options: [Expr]
    /// Builds the net from the call's arguments.
    let construct: @Sendable ([Expr]) throws(NetFailure) -> any NetModel
    /// The loss the layer computes when NetTrain uses it as `LossFunction` (nil: not a loss layer).
    let loss: TrainingLoss?
    /// Messages of the head (`NetChain::arrpattnlist`, …).
    var messages: [(tag: String, template: String)] = []

    static let all: [NetLayerType] = [
        NetLayerType(
            head: "ParametricRampLayer",
            usage: "ParametricRampLayer[] represents a net layer that computes a leaky ReLU activation with a slope that can be learned.\nParametricRampLayer[levels] specifies the levels on which each dimension has a specific slope.",
            options: [port("Slope"), multipliers, port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ParametricRampLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "LinearLayer",
            usage: "LinearLayer[n] represents a trainable, fully connected net layer that computes w.x + b with output vector of size n.\nLinearLayer[{n1, n2, …}] outputs an array of dimensions n1×n2×…\nLinearLayer[] leaves the output size to be inferred.",
            options: [port("Weights"), port("Biases"), multipliers, port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try LinearLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "ElementwiseLayer",
            usage: "ElementwiseLayer[f] represents a net layer that applies a unary function f to every element of the input array.\nElementwiseLayer[\"name\"] applies a named activation: \"ReLU\", \"ELU\", \"SELU\", \"GELU\", \"Swish\", \"SoftPlus\", …",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ElementwiseLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "NetChain",
            usage: "NetChain[{layer1, layer2, …}] specifies a net in which the output of layer i is connected to the input of layer i+1.\nNetChain[<|\"name1\" -> layer1, …|>] names the layers.",
            options: [multipliers, port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try NetChain.construct(args) }, loss: nil,
            messages: [
                ("arrpattnlist", "Specification for `1` should be a list of rules from layer specs to values."),
                ("arrpattmiss", "The left hand side `1` given as part of the setting for `2` is not a valid position within the net."),
                ("arrpattnnum", "The right hand side `1` given as part of the setting for `2` is not a numeric value or None."),
            ]),
        NetLayerType(
            head: "NetGraph",
            usage: "NetGraph[{layer1, layer2, …}, {m1 -> n1, m2 -> n2, …}] specifies a neural net defined by a graph in which the output of layer mi is given as input to layer ni.\nNetGraph[<|\"name1\" -> layer1, …|>, {…}] specifies a net with explicitly named layers.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try NetGraph.construct(args) }, loss: nil),
        NetLayerType(
            head: "TotalLayer",
            usage: "TotalLayer[] represents a net layer that takes a list of input arrays and adds them.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try TotalLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "CatenateLayer",
            usage: "CatenateLayer[] represents a net layer that takes a list of input arrays and catenates them.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try CatenateLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "ThreadingLayer",
            usage: "ThreadingLayer[f] represents a net layer that takes several input arrays and applies f to their elements (Plus, Times, Subtract, Divide, Max or Min).",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ThreadingLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "SoftmaxLayer",
            usage: "SoftmaxLayer[] represents a softmax net layer (normalizing over the last dimension). SoftmaxLayer[n] uses level n as the normalization dimension.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try SoftmaxLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "FlattenLayer",
            usage: "FlattenLayer[] represents a net layer that flattens its input array into a vector. FlattenLayer[n] flattens the first n + 1 dimensions together, FlattenLayer[-n] the last n + 1.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try FlattenLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "ReshapeLayer",
            usage: "ReshapeLayer[{d1, d2, …}] represents a net layer that reinterprets its input as an array of dimensions d1×d2×….",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ReshapeLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "SummationLayer",
            usage: "SummationLayer[] represents a net layer that sums all the elements of its input array.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try SummationLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "DropoutLayer",
            usage: "DropoutLayer[p] represents a net layer that sets input elements to zero with probability p during training (Ramp's NetTrain does not drop yet: the layer passes its input through).",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try DropoutLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "PartLayer",
            usage: "PartLayer[i] represents a net layer that gives part i of its input.\nPartLayer[m ;; n] gives parts m through n.",
            options: [port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try PartLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "ConstantTimesLayer",
            usage: "ConstantTimesLayer[] represents a net layer that multiplies its input by a learnable array \"Scaling\" (initially 1).",
            options: [port("Scaling"), multipliers, port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ConstantArrayOpLayer.construct(.times, args) }, loss: nil),
        NetLayerType(
            head: "ConstantPlusLayer",
            usage: "ConstantPlusLayer[] represents a net layer that adds a learnable array \"Biases\" (initially 0) to its input.",
            options: [port("Biases"), multipliers, port("Input"), port("Output")],
            construct: { args throws(NetFailure) in try ConstantArrayOpLayer.construct(.plus, args) }, loss: nil),
        NetLayerType(
            head: "ConstantArrayLayer",
            usage: "ConstantArrayLayer[] represents a layer that has no input and produces as output a learned constant array.\nConstantArrayLayer[\"Array\" -> array] gives the initial array; ConstantArrayLayer[\"Output\" -> {d1, d2, …}] its dimensions.",
            options: [port("Array"), multipliers, port("Output")],
            construct: { args throws(NetFailure) in try ConstantArrayLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "CrossEntropyLossLayer",
            usage: "CrossEntropyLossLayer[\"Index\"] represents a net layer that computes the cross-entropy loss by comparing input class probability vectors with indices representing the target class.\nCrossEntropyLossLayer[\"Probabilities\"] compares input class probability vectors with target class probability vectors.\nCrossEntropyLossLayer[\"Binary\"] compares input probability scalars with target probability scalars.",
            options: [port("Input"), port("Target")],
            construct: { args throws(NetFailure) in try CrossEntropyLossLayer.construct(args) }, loss: nil),
        NetLayerType(
            head: "MeanSquaredLossLayer",
            usage: "MeanSquaredLossLayer[] represents a loss layer that computes the mean squared loss between its \"Input\" port and \"Target\" port.",
            options: [port("Input"), port("Target")],
            construct: { args throws(NetFailure) in try MeanSquaredLossLayer.construct(args) }, loss: .meanSquared),
        NetLayerType(
            head: "MeanAbsoluteLossLayer",
            usage: "MeanAbsoluteLossLayer[] represents a loss layer that computes the mean absolute loss between its \"Input\" port and \"Target\" port.",
            options: [port("Input"), port("Target")],
            construct: { args throws(NetFailure) in try MeanAbsoluteLossLayer.construct(args) }, loss: .meanAbsolute),
    ]

    /// The type whose head is `name`.
    static func named(_ name: String) -> NetLayerType? { all.first { $0.head == name } }

    /// The type of a net object.
    static func of(_ net: any NetModel) -> NetLayerType? { named(net.head.name) }

    private static func port(_ name: String) -> Expr { .call(Sym.Rule, .string(name), .automatic) }
    private static var multipliers: Expr { .call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), .automatic) }

    /// Defines every layer constructor, with its usage, options and messages.
    static func installAll(_ k: Kernel) {
        for type in all {
            k.define(BuiltinSpec(type.head, options: type.options, messages: type.messages, usage: type.usage) { c in
                NetBuiltins.constructor(c) { () throws(NetFailure) in try type.construct(c.argsWithChangedDefaults) }
            })
        }
    }
}
