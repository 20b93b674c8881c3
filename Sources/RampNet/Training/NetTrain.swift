import RampKernel
import RampSyntax

/// `NetTrain[net, data]`, `NetTrain[net, data, prop]`, `NetTrain[net, data, All]` (wolfram-nn.md §4).
enum NetTrainBuiltin {
    static let symbol = Symbol.named("NetTrain")

    static func install(_ k: Kernel) {
        let messages: [(String, String)] = [
            ("invnet", "First argument to NetTrain should be a fully specified net."),
            ("netnoparams", "Net does not contain any trainable parameters: returning net unchanged."),
            ("netfrozen", "All trainable parameters have been frozen: returning net unchanged."),
            ("invtdata", "Training data should be an association of lists, or a rule from input to output examples."),
            ("nodata", "No training data provided."),
            ("invinlen", "Inconsistent numbers of examples provided to ports: lengths were `1`."),
            ("missinslot", "Training data specification should include values for `1`, but only contains values for `2`. You may need to explicitly specify the loss port(s) of the net using LossFunction."),
            ("invsimplein", "Given training data specification can only be used when net has one input and one output, or two inputs and an explicit loss function. You may need to explicitly specify the loss port(s) of the net using LossFunction."),
            ("seeding", "Value of option RandomSeeding -> `1` is not Automatic, Inherited, an integer, or a string."),
            ("arrdiv", "Training was stopped early because one or more trainable parameters of the net diverged. As no ValidationSet was provided, the most recent net will be returned, which is likely to be unusable. To avoid divergence, ensure that the training data has been normalized to have zero mean and unit variance. You can also try specifying a lower learning rate, or use a different optimization method; the (possibly automatic) values used were `1`, `2`. Alternatively, you can use the \"GradientClipping\" option to Method to bound the magnitude of gradients during training."),
            ("invntrspec", "Property specification `1` is not All, a valid property, or a list of valid properties. Valid properties include `2`."),
            ("arrpattnlist", "Specification for `1` should be a list of rules from layer specs to values."),
            ("arrpattmiss", "The left hand side `1` given as part of the setting for `2` is not a valid position within the net."),
            ("arrpattnnum", "The right hand side `1` given as part of the setting for `2` is not a numeric value or None."),
            ("optpi", "The value of `1` -> `2` should be a positive machine-sized integer."),
            ("optpr", "The value of `1` -> `2` should be a positive real number."),
            ("invmethod", "Value of option Method -> `1` is not Automatic, \"ADAM\", \"SGD\", \"RMSProp\", or a list {method, opts…}."),
            ("invloss", "Value of option LossFunction -> `1` is not Automatic, MeanSquaredLossLayer[], MeanAbsoluteLossLayer[] or CrossEntropyLossLayer[form]."),
            ("invprogrep", "Value of option TrainingProgressReporting -> `1` is not Automatic, None, \"Print\", \"ProgressIndicator\" or File[path]."),
            ("progfile", "Cannot write the training progress to `1`: its folder does not exist or is not writable."),
            ("optunsup", "Option `1` -> `2` is not supported by Ramp."),
            ("optval", "Value of option `1` -> `2` should be `3`."),
            ("invvalset", "Value of option ValidationSet -> `1` is not None, Scaled[f] with 0 < f < 1, or valid data."),
            ("badlrs", "Learning rate scheduler returned `1`, which is not a real value between 0 and 1."),
            ("aborted", "Training aborted; returning the net trained so far."),
        ]
        for (tag, text) in messages { k.setMessage("NetTrain", tag, text) }
        k.define(BuiltinSpec("NetTrain", arguments: ArgumentCount(1, 3), options: NetOptions.netTrain, usage: "NetTrain[net, {input1 -> output1, …}] trains the parameters of net on the examples given.\nNetTrain[net, {inputs} -> {outputs}] and NetTrain[net, <|\"Input\" -> …, \"Output\" -> …|>] give the data by port.\nNetTrain[net, data, \"prop\"] gives a property of the training run; NetTrain[net, data, All] a NetTrainResultsObject.",
                             badArgumentsResult: .failed) { c throws(EvaluationControl) in
            try netTrain(c)
        })
    }

    // MARK: - The builtin

    static func netTrain(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let positional = c.args
        let options = c.options
        guard case .native(let model as any NetModel) = positional[0] else {
            c.message("invnet")
            return .failed
        }
        guard positional.count >= 2 else { c.message("nodata"); return .failed }
        // The property specification is checked before training.
        var props: [String]? = ["TrainedNet"]
        var single = true
        if positional.count == 3 {
            let spec = positional[2]
            let valid = Set(NetTrainResultsObject.properties + ["Properties"]).union(NetTrainResultsObject.aliases.keys)
            func bad() -> Expr {
                c.message("invntrspec", spec, .list(NetTrainResultsObject.properties.prefix(6).map { .string($0) }))
                return .failed
            }
            if spec == .symbol(Sym.All) {
                props = nil
            } else if let s = spec.string {
                guard valid.contains(s) else { return bad() }
                props = [s]
            } else if spec.hasHead(Sym.List) {
                var list: [String] = []
                for p in spec.args {
                    guard let s = p.string, valid.contains(s) else { return bad() }
                    list.append(s)
                }
                props = list
                single = false
            } else {
                return bad()
            }
        }
        let outcome: TrainingRecord
        do throws(NetFailure) {
            guard var net = model as? any NetLayer else { throw NetFailure("invsimplein") }
            var config = try TrainingConfig.parse(options, kernel: c.kernel)
            var given = positional[1]
            if let graph = net as? NetGraph, !graph.isSimple {
                // Ports by name: the examples become one packed input (see NetGraph.packedTrainingData).
                let packed = try graph.packedTrainingData(given, kernel: c.kernel)
                if graph.inputNames.count > 1 {
                    (net, given) = (packed.graph, packed.data)
                    if let v = config.validation {
                        do { config.validation = try packed.graph.packedTrainingData(v, kernel: c.kernel).data } catch { throw NetFailure("invvalset", v) }
                    }
                }
            }
            let data: TrainingData
            do throws(NetFailure) {
                data = try TrainingData.read(given, shapes: (net.inputShape, config.loss.targetShape(net.outputShape)))
            } catch where error.tag == "invindata2" || error.tag == "invtdata" {
                guard let numeric = NetData.numericized(given, kernel: c.kernel) else { throw error }
                data = try TrainingData.read(numeric, shapes: (net.inputShape, config.loss.targetShape(net.outputShape)))
            }
            switch try Trainer.run(net: net, data: data, config: config, kernel: c.kernel) {
            case .record(let r): outcome = r
            case .unchanged(let net): return .native(net)
            }
        } catch {
            error.issue(c.kernel, c.head)
            return .failed
        }
        let results = NetTrainResultsObject(outcome)
        guard let props else { return .native(results) }
        let values = props.map { results.property($0) ?? .null }
        return single ? values[0] : .list(values)
    }
}

extension NetBuiltins {
    /// Installs `NetTrain` (called from `install(into:)`).
    static func installTraining(_ k: Kernel) {
        NetTrainBuiltin.install(k)
    }
}

// MARK: - Data

/// Training examples: inputs `[n] + inShape` and targets `[n] + outShape`.
struct TrainingData {
    var inputs: Tensor
    var targets: Tensor
    var count: Int { inputs.shape.first ?? 0 }

    /// The port shapes the net declares (nil when not known), for the messages about bad data.
    typealias PortShapes = (input: PortShape?, output: PortShape?)

    static func read(_ e: Expr, shapes: PortShapes = (nil, nil)) throws(NetFailure) -> TrainingData {
        if e.hasHead(Sym.List) {
            let items = e.args
            if items.isEmpty { throw NetFailure("nodata") }
            if let data = try readRules(items, shapes: shapes) { return data }
            guard items.allSatisfy({ $0.hasHead(Sym.Rule) && $0.args.count == 2 }) else { throw NetFailure("invtdata") }
            // Not all examples of one shape: this path finds the bad one and says what is wrong.
            let ins = try stackExamples(items.map { $0.args[0] }, port: "Input", shape: shapes.input)
            let outs = try stackExamples(items.map { $0.args[1] }, port: "Output", shape: shapes.output)
            return TrainingData(inputs: ins, targets: outs)
        }
        if e.hasHead(Sym.Rule), e.args.count == 2 {
            return try ports(e.args[0], e.args[1], shapes: shapes)
        }
        if let rules = associationRules(e) {
            var input: Expr? = nil, output: Expr? = nil
            for r in rules where r.args.count == 2 {
                if r.args[0] == "Input" { input = r.args[1] } else if r.args[0] == "Output" { output = r.args[1] } else {
                    throw NetFailure("invtdata")
                }
            }
            let given = Expr.list([input.map { _ in "Input" }, output.map { _ in "Output" }].compactMap { $0 })
            guard let input, let output else { throw NetFailure("missinslot", .list(["Input", "Output"]), given) }
            return try ports(input, output, shapes: shapes)
        }
        throw NetFailure("invtdata")
    }

    /// A list of rules `x_i -> y_i` read in one pass into two buffers, each example's numbers copied
    /// straight in (issue 16: ≤ 10 ns a number); nil when the examples are not all numbers of one
    /// shape per port (the caller then reads them example by example for the message).
    static func readRules(_ items: [Expr], shapes: PortShapes) throws(NetFailure) -> TrainingData? {
        var xs: [Float] = [], ys: [Float] = []
        var finite = true
        // The first example fixes each port's shape (and is checked against the net's ports).
        guard case .normal(let first)? = items.first, first.head.symbol === Sym.Rule, first.args.count == 2,
              let xShape = NetData.appendNumbers(first.args[0], to: &xs, finite: &finite),
              let yShape = NetData.appendNumbers(first.args[1], to: &ys, finite: &finite) else { return nil }
        if let port = shapes.input, !Shapes.accepts(port, xShape) { return nil }
        if let port = shapes.output, !Shapes.accepts(port, yShape) { return nil }
        let xWidth = xShape.reduce(1, *), yWidth = yShape.reduce(1, *)
        xs.reserveCapacity(items.count * xWidth)
        ys.reserveCapacity(items.count * yWidth)
        // Each later example: a flat list of machine reals of the port's length goes straight in;
        // anything else is read by the general reader and must have the same shape.
        let xFlat = xShape.count == 1, yFlat = yShape.count == 1
        // (Finiteness is checked once over each buffer at the end, not number by number.)
        func appendExample(_ e: Expr, _ out: inout [Float], flat: Bool, width: Int, shape: [Int]) -> Bool {
            if flat, case .normal(let n) = e, n.head.symbol === Sym.List, n.args.count == width {
                let start = out.count
                let ok = n.args.withUnsafeBufferPointer { parts in
                    for a in parts {
                        guard case .real(let d) = a else { return false }
                        out.append(Float(d))
                    }
                    return true
                }
                if ok { return true }
                out.removeSubrange(start...)
            }
            return NetData.appendNumbers(e, to: &out, finite: &finite) == shape
        }
        let ok = items.withUnsafeBufferPointer { buffer in
            for item in buffer.dropFirst() {
                guard case .normal(let rule) = item, rule.head.symbol === Sym.Rule, rule.args.count == 2,
                      appendExample(rule.args[0], &xs, flat: xFlat, width: xWidth, shape: xShape),
                      appendExample(rule.args[1], &ys, flat: yFlat, width: yWidth, shape: yShape) else { return false }
            }
            return true
        }
        guard ok else { return nil }
        let x = Tensor(shape: [items.count] + xShape, data: xs)
        let y = Tensor(shape: [items.count] + yShape, data: ys)
        try checkFinite(x, port: "Input")
        try checkFinite(y, port: "Output")
        return TrainingData(inputs: x, targets: y)
    }

    /// `{ins} -> {outs}` or the two ports of an association.
    static func ports(_ ins: Expr, _ outs: Expr, shapes: PortShapes) throws(NetFailure) -> TrainingData {
        let x = try batch(ins, port: "Input", shape: shapes.input), y = try batch(outs, port: "Output", shape: shapes.output)
        if x.shape.first == 0 || y.shape.first == 0 { throw NetFailure("nodata") }
        guard x.shape.first == y.shape.first else {
            throw NetFailure("invinlen", .list([.integer(x.shape.first ?? 0), .integer(y.shape.first ?? 0)]))
        }
        return TrainingData(inputs: x, targets: y)
    }

    /// A list of examples as one tensor with a leading example dimension.
    static func batch(_ e: Expr, port: String, shape: PortShape?) throws(NetFailure) -> Tensor {
        if let d = NetData.read(e) {
            guard d.tensor.rank >= 1 else { throw NetFailure("invtdata") }
            if d.finite != true { try checkFinite(d.tensor, port: port) }
            return d.tensor
        }
        guard e.hasHead(Sym.List) else { throw NetFailure("invtdata") }
        return try stackExamples(e.args, port: port, shape: shape)
    }

    /// The examples of one port as one tensor. Bad data names the port's shape when the net
    /// declares it: an example that is not numbers (`invindata2`), one of the wrong shape
    /// (`invindata1`), or examples of different shapes (a ragged list).
    static func stackExamples(_ items: [Expr], port: String, shape: PortShape?) throws(NetFailure) -> Tensor {
        if items.isEmpty { throw NetFailure("nodata") }
        // Every example's numbers go straight into one buffer (NetData.appendNumbers): no tensor per
        // example, no allocation per number.
        var data: [Float] = []
        var finite = true
        var exampleShape: [Int]? = nil
        for item in items {
            var itemShape: [Int]
            if case .native(let o as NumericArrayObject) = item {
                itemShape = o.tensor.shape
                data.append(contentsOf: o.tensor.data)
                finite = finite && LargeFloatArrays.allFinite(o.tensor.data)
            } else {
                guard let s = NetData.appendNumbers(item, to: &data, finite: &finite) else {
                    throw NetApply.badData(.list(items), port: port, expected: Shapes.phrase(shape))
                }
                itemShape = s
            }
            if let shape, !Shapes.accepts(shape, itemShape) {
                throw NetFailure("invindata1", text("port \"\(port)\""), text(Shapes.phrase(Shapes.fixed(itemShape))), text(Shapes.phrase(shape)))
            }
            if let first = exampleShape, first != itemShape {
                throw NetApply.badData(.list(items), port: port, expected: Shapes.phrase(shape))
            }
            if exampleShape == nil {
                exampleShape = itemShape
                let (total, overflow) = items.count.multipliedReportingOverflow(by: itemShape.reduce(1, *))
                if !overflow { data.reserveCapacity(total) }
            }
        }
        let t = Tensor(shape: [items.count] + (exampleShape ?? []), data: data)
        if !finite { try checkFinite(t, port: port) }
        return t
    }

    /// NaN and infinite values are not real numbers to the net encoders.
    static func checkFinite(_ t: Tensor, port: String) throws(NetFailure) {
        if !LargeFloatArrays.allFinite(t.data) {
            let example = Shapes.phrase(Shapes.fixed(Array(t.shape.dropFirst())))
            throw NetFailure("invindata2", text("port \"\(port)\""), text(example.replacingFirst("real numbers", with: "finite real numbers")))
        }
    }

    /// The examples at the given indices.
    static func gather(_ t: Tensor, _ idx: ArraySlice<Int>) -> Tensor {
        let inner = Array(t.shape.dropFirst())
        let n = inner.reduce(1, *)
        return Tensor(shape: [idx.count] + inner) { out in
            t.data.withUnsafeBufferPointer { src in
                var o = 0
                for i in idx {
                    let base = i * n
                    for j in 0..<n { out[o + j] = src[base + j] }
                    o += n
                }
            }
        }
    }
}

extension String {
    func replacingFirst(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { return self }
        var result = self
        result.replaceSubrange(r, with: b)
        return result
    }
    private func range(of a: String) -> Range<String.Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(a) { return i..<index(i, offsetBy: a.count) }
            i = index(after: i)
        }
        return nil
    }
}

// MARK: - Options

/// The parsed options of one NetTrain call.
struct TrainingConfig {
    var loss: TrainingLoss = .meanSquared
    var method = OptimizerSettings.defaults(.adam)
    var batchSize: Int? = nil
    var maxRounds: Int? = nil
    var timeGoal: Double? = nil
    /// The seed of the run's generator (`RandomSeeding`; Inherited when not given).
    var seed: UInt64 = 0
    var validation: Expr? = nil
    var validationFraction: Double? = nil
    var multiplierRules: [(lhs: Expr, value: Double)]? = nil
    var globalMultiplier: Double? = nil
    var reporting: ProgressReporter.Mode = .none
    /// A schedule function `f[batch, totalBatches]` giving a factor in [0, 1].
    var schedule: Expr? = nil

    static func parse(_ o: [String: Expr], kernel: Kernel) throws(NetFailure) -> TrainingConfig {
        var c = TrainingConfig()
        c.reporting = ProgressReporter.mode(.automatic, live: kernel.progressDisplay != nil) ?? .none
        if let v = o["LossFunction"], v != .automatic {
            let name = v.symbol?.name ?? v.head.symbol?.name ?? ""
            // A loss layer (object, head or call), or the name of one without "Layer";
            // CrossEntropyLossLayer by itself or as "CrossEntropy" compares probabilities.
            if case .native(let layer as CrossEntropyLossLayer) = v {
                c.loss = .crossEntropy(layer.form)
            } else if name == "CrossEntropyLossLayer" || v.string == "CrossEntropy" {
                c.loss = .crossEntropy(.probabilities)
            } else {
                guard let loss = NetLayerType.named(name)?.loss ?? v.string.flatMap({ NetLayerType.named($0 + "Layer")?.loss }) else {
                    throw NetFailure("invloss", v)
                }
                c.loss = loss
            }
        }
        if let v = o["Method"], v != .automatic {
            var name: String? = v.string
            var subs: [Expr] = []
            if v.hasHead(Sym.List), let first = v.args.first?.string { name = first; subs = Array(v.args.dropFirst()) }
            guard let n = name, let kind = OptimizerSettings.Kind(rawValue: n == "Adam" ? "ADAM" : n) else { throw NetFailure("invmethod", v) }
            c.method = OptimizerSettings.defaults(kind)
            for s in subs {
                guard s.hasHead(Sym.Rule), s.args.count == 2, let key = s.args[0].string else { throw NetFailure("invmethod", v) }
                let val = s.args[1]
                let num = realValue(val)
                let isNone = val == .symbol(Sym.None)
                switch key {
                case "Beta1": guard let x = num else { throw NetFailure("invmethod", v) }; c.method.beta1 = x
                case "Beta2": guard let x = num else { throw NetFailure("invmethod", v) }; c.method.beta2 = x
                case "Beta": guard let x = num else { throw NetFailure("invmethod", v) }; c.method.beta = x
                case "Epsilon": guard let x = num else { throw NetFailure("invmethod", v) }; c.method.epsilon = x
                case "Momentum": guard let x = num else { throw NetFailure("invmethod", v) }; c.method.momentum = x
                case "LearningRate": if let x = num { c.method.learningRate = x } else if val != .automatic { throw NetFailure("invmethod", v) }
                case "L2Regularization": if let x = num { c.method.l2 = x } else if !isNone { throw NetFailure("invmethod", v) }
                case "GradientClipping": if let x = num { c.method.gradientClipping = x } else if !isNone { throw NetFailure("invmethod", v) }
                case "LearningRateSchedule":
                    if isNone { c.method.polynomialSchedule = false }
                    else if val == "Polynomial" { c.method.polynomialSchedule = true }
                    else { c.method.polynomialSchedule = false; c.schedule = val }
                default: throw NetFailure("invmethod", v)
                }
            }
        }
        if let v = o["LearningRate"], v != .automatic {
            guard let x = realValue(v), x >= 0 else { throw NetFailure("optpr", .symbol(Symbol.named("LearningRate")), v) }
            c.method.learningRate = x
        }
        if let v = o["BatchSize"], v != .automatic {
            guard let n = v.int, n > 0 else { throw NetFailure("optpi", .symbol(Symbol.named("BatchSize")), v) }
            c.batchSize = n
        }
        if let v = o["MaxTrainingRounds"], v != .automatic {
            guard let n = v.int, n > 0 else { throw NetFailure("optpi", .symbol(Symbol.named("MaxTrainingRounds")), v) }
            c.maxRounds = n
        }
        if let v = o["TimeGoal"], v != .automatic {
            var t = realValue(v)
            if v.hasHead(Sym.Quantity), v.args.count == 2, let x = realValue(v.args[0]), let u = v.args[1].string {
                let scale: [String: Double] = ["Seconds": 1, "Minutes": 60, "Hours": 3600]
                t = scale[u].map { x * $0 }
            }
            guard let t, t > 0 else { throw NetFailure("optpr", .symbol(Symbol.named("TimeGoal")), v) }
            c.timeGoal = t
        }
        let seeding = o["RandomSeeding"] ?? .symbol(Sym.Inherited)
        guard let seed = NetRandom.seed(seeding, kernel: kernel) else { throw NetFailure("seeding", seeding) }
        c.seed = seed
        if let v = o["ValidationSet"], v != .symbol(Sym.None) {
            if v.hasHead(Symbol.named("Scaled")), v.args.count == 1 {
                guard let f = realValue(v.args[0]), f > 0, f < 1 else { throw NetFailure("invvalset", v) }
                c.validationFraction = f
            } else {
                c.validation = v
            }
        }
        if let v = o["LearningRateMultipliers"], v != .automatic {
            let name = Expr.symbol(Sym.LearningRateMultipliers)
            if let x = realValue(v) { c.globalMultiplier = x }
            else if v == .symbol(Sym.None) { c.globalMultiplier = 0 }
            else {
                let items = v.hasHead(Sym.List) ? v.args : [v]
                var rules: [(lhs: Expr, value: Double)] = []
                for r in items {
                    guard r.hasHead(Sym.Rule) || r.hasHead(Sym.RuleDelayed), r.args.count == 2 else { throw NetFailure("arrpattnlist", name) }
                    let rhs = r.args[1]
                    guard let x = realValue(rhs) ?? (rhs == .symbol(Sym.None) ? 0 : nil) else { throw NetFailure("arrpattnnum", rhs, name) }
                    rules.append((r.args[0], x))
                }
                c.multiplierRules = rules
            }
        }
        if let v = o["TrainingProgressReporting"] {
            guard let m = ProgressReporter.mode(v, live: kernel.progressDisplay != nil) else { throw NetFailure("invprogrep", v) }
            // A log file that cannot be written is refused before training starts.
            if case .file(let path) = m, !FileAccess.canCreate(path) { throw NetFailure("progfile", v) }
            c.reporting = m
        }
        try checkUnsupported(o)
        return c
    }

    /// Options Ramp does not implement: the values that change nothing are accepted; any other value
    /// (valid in Wolfram, or junk) gives a message instead of being ignored silently.
    static func checkUnsupported(_ o: [String: Expr]) throws(NetFailure) {
        func option(_ name: String) -> Expr { .symbol(Symbol.named(name)) }
        func choices(_ name: String, _ allowed: [Expr], supported: [Expr], shown: String) throws(NetFailure) {
            guard let v = o[name] else { return }
            if supported.contains(v) { return }
            if allowed.contains(v) { throw NetFailure("optunsup", option(name), v) }
            throw NetFailure("optval", option(name), v, text(shown))
        }
        let none = Expr.symbol(Sym.None), automatic = Expr.automatic
        try choices("WorkingPrecision", ["Real32", "Real64", "Mixed"], supported: [automatic, "Real32"],
                    shown: "Automatic, \"Real32\", \"Real64\" or \"Mixed\"")
        try choices("PerformanceGoal", [], supported: [automatic, none, "TrainingSpeed", "TrainingMemory"],
                    shown: "Automatic, None, \"TrainingSpeed\" or \"TrainingMemory\"")
        try choices("TargetDevice", ["GPU"], supported: [automatic, "CPU"], shown: "Automatic, \"CPU\" or \"GPU\"")
        try choices("TrainingStoppingCriterion", [], supported: [automatic, none], shown: "None or Automatic")
        try choices("TrainingProgressMeasurements", [], supported: [automatic, .list([])], shown: "Automatic or {}")
        // Callbacks and checkpoints are not built: any setting but None is refused.
        for name in ["TrainingProgressFunction", "TrainingProgressCheckpointing"] {
            if let v = o[name], v != none { throw NetFailure("optunsup", option(name), v) }
        }
    }

    static func realValue(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .rational(let n, let d): return Double(n) / Double(d)
        default: return nil
        }
    }
}
