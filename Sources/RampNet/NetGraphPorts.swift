import RampKernel
import RampSyntax

/// Applying a NetGraph port by port (`g[<|"x" -> …, "y" -> …|>]`), and the training data of a
/// graph with several inputs.
extension NetGraph {
    /// `g[data]`: a graph with one input and one output takes data as a NetChain does; an
    /// association (or a list of associations) gives each input port its data. Several outputs
    /// come back as an association of port names.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        var data = args.filter { !NetApply.isOptionRule($0) }
        // g[data, "port"] gives one output, g[data, All] all of them as an association.
        var selected: Int? = nil
        var all = false
        if data.count == 2, data[1] == .symbol(Sym.All) || data[1].string.map(outputNames.contains) == true {
            selected = data[1].string.flatMap { outputNames.firstIndex(of: $0) }
            all = selected == nil
            data.removeLast()
        } else if data.count == 2 {
            NetFailure("netnopart", data[1]).issue(kernel, head)
            return .failed
        }
        guard data.count == 1 else {
            kernel.message(head, "invargc", [.integer(data.count), .integer(1)])
            return .failed
        }
        if selected == nil, !all, isSimple, associationRules(data[0]) == nil, !Self.isAssociationList(data[0]) {
            return NetApply.apply(self, args, kernel: kernel)
        }
        do throws(NetFailure) {
            let outs = try runPorts(try portData(data[0]), kernel: kernel)
            if let k = selected { return outs[k] }
            if outs.count == 1 && !all { return outs[0] }
            return association(zip(outputNames, outs).map { (.string($0), $1) })
        } catch {
            error.issue(kernel, head)
            return .failed
        }
    }

    static func isAssociationList(_ e: Expr) -> Bool {
        guard case .normal(let n) = e, n.head == .symbol(Sym.List), !n.args.isEmpty else { return false }
        return n.args.allSatisfy { associationRules($0) != nil }
    }

    /// Each input port's data, in port order, and whether a list of associations made it a batch.
    /// Keys besides the input ports are refused (`inpunk`), a missing port is `inpmiss`; `extra`
    /// names keys to pass over (the training target).
    func portData(_ e: Expr, extra: Set<String> = []) throws(NetFailure) -> (values: [Expr], batch: Bool) {
        var byName: [String: Expr] = [:]
        var batch = false
        if let rules = associationRules(e) {
            for r in rules where r.args.count == 2 {
                guard let k = r.args[0].string, inputNames.contains(k) || extra.contains(k) else { throw NetFailure("inpunk", r.args[0]) }
                byName[k] = r.args[1]
            }
        } else if Self.isAssociationList(e) {
            // Examples as associations: the columns, one list per port.
            batch = true
            var columns: [String: [Expr]] = [:]
            for item in e.args {
                var seen = Set<String>()
                for r in associationRules(item)! where r.args.count == 2 {
                    guard let k = r.args[0].string, inputNames.contains(k) || extra.contains(k) else { throw NetFailure("inpunk", r.args[0]) }
                    columns[k, default: []].append(r.args[1])
                    seen.insert(k)
                }
                for k in inputNames + extra.sorted() where !seen.contains(k) { throw NetFailure("inpmiss", .string(k)) }
            }
            for (k, v) in columns { byName[k] = .list(v) }
        } else if inputNames.count == 1 {
            byName[inputNames[0]] = e
        } else {
            throw NetFailure("inpmiss", .string(inputNames[0]))
        }
        var values: [Expr] = []
        for name in inputNames {
            guard let v = byName[name] else { throw NetFailure("inpmiss", .string(name)) }
            values.append(v)
        }
        for name in extra.sorted() where byName[name] == nil { throw NetFailure("inpmiss", .string(name)) }
        if !extra.isEmpty { values += extra.sorted().map { byName[$0]! } }
        return (values, batch)
    }

    /// Reads the ports' data, decides single example or batch, and runs the graph.
    func runPorts(_ given: (values: [Expr], batch: Bool), kernel: Kernel) throws(NetFailure) -> [Expr] {
        if let slot = firstUninitializedArray { throw notInitialized("evaluate", slot) }
        var tensors: [NetData] = []
        for (k, e) in given.values.enumerated() {
            let portName = inputNames[k]
            var d = NetData.read(e)
            if d == nil, let n = NetData.numericized(e, kernel: kernel) { d = NetData.read(n) }
            guard let d else { throw NetApply.badData(e, port: portName, expected: Shapes.phrase(portShape(k))) }
            if d.tensor.count == 0 { throw NetFailure("netemptin") }
            tensors.append(d)
        }
        // Single example or batch: from the ports whose shapes are known, else by trying.
        var single: Bool? = given.batch ? false : nil
        for (k, d) in tensors.enumerated() {
            guard let s = portShape(k) else { continue }
            let dims = d.tensor.shape
            let port = text("port \"\(inputNames[k])\"")
            let isSingle: Bool
            if dims.count == s.count, Shapes.accepts(s, dims) { isSingle = true }
            else if dims.count == s.count + 1, Shapes.accepts(s, Array(dims.dropFirst())) { isSingle = false }
            else {
                let shown = dims.count == s.count + 1 ? Array(dims.dropFirst()) : dims
                throw NetFailure("invindata1", port, text(Shapes.phrase(Shapes.fixed(shown))), text(Shapes.phrase(s)))
            }
            if let decided = single, decided != isSingle {
                throw NetFailure("invindata1", port, text(isSingle ? "a single example" : "a batch of examples"),
                                 text(decided ? "a single example, as for the other ports" : "a batch, as for the other ports"))
            }
            single = isSingle
        }
        func shapes(_ one: Bool) -> [PortShape?] { tensors.map { Shapes.fixed(one ? $0.tensor.shape : Array($0.tensor.shape.dropFirst())) } }
        let graph: NetGraph
        let isSingle: Bool
        if let single {
            graph = try inferred(ports: shapes(single))
            isSingle = single
        } else if let g = try? inferred(ports: shapes(true)) {
            graph = g
            isSingle = true
        } else {
            graph = try inferred(ports: shapes(false))
            isSingle = false
        }
        let counts = tensors.map { isSingle ? 1 : ($0.tensor.shape.first ?? 1) }
        guard Set(counts).count == 1, let batch = counts.first else {
            throw NetFailure("netbatchlen", .list(zip(inputNames, counts).map { .call(Sym.Rule, .string($0), .integer($1)) }))
        }
        let xs = tensors.map { d in isSingle ? Tensor(shape: [1] + d.tensor.shape, data: d.tensor.data) : d.tensor }
        if let slot = graph.firstUninitializedArray { throw notInitialized("evaluate", slot) }
        try checkActivations(graph, batch: batch)
        let numericArray = tensors.first?.numericArray ?? false
        let outs = graph.forwardPorts(xs, batch: batch).map { y in
            outputExpr(isSingle ? Tensor(shape: Array(y.shape.dropFirst()), data: y.data) : y, numericArray: numericArray)
        }
        return outs
    }

    /// Training data for a graph with several inputs: the association of columns or the list of
    /// associations, with the target under the output port's name, becomes `packed -> targets`
    /// (every example's port data joined in port order), and the graph is inferred for its shapes.
    func packedTrainingData(_ e: Expr, kernel: Kernel) throws(NetFailure) -> (graph: NetGraph, data: Expr) {
        guard outputNames.count == 1 else {
            throw NetFailure("netinvparam2", .list(outputNames.map { .string($0) }), text("the outputs of the NetGraph"),
                             text("NetTrain needs a graph with one output (several outputs need a loss each, which is not built yet)"))
        }
        let target = outputNames[0]
        guard associationRules(e) != nil || Self.isAssociationList(e) else { throw NetFailure("invtdata") }
        let given = try portData(e, extra: [target])
        var tensors: [Tensor] = []
        for (k, col) in given.values.dropLast().enumerated() {
            var d = NetData.read(col)
            if d == nil, let n = NetData.numericized(col, kernel: kernel) { d = NetData.read(n) }
            let expected = Shapes.phrase(portShape(k))
            guard let d, d.tensor.rank >= 1 else { throw NetApply.badData(col, port: inputNames[k], expected: expected) }
            if let s = portShape(k), !Shapes.accepts(s, Array(d.tensor.shape.dropFirst())) {
                throw NetFailure("invindata1", text("port \"\(inputNames[k])\""), text(Shapes.phrase(Shapes.fixed(Array(d.tensor.shape.dropFirst())))), text(Shapes.phrase(s)))
            }
            tensors.append(d.tensor)
        }
        let counts = tensors.map { $0.shape[0] }
        guard Set(counts).count == 1, let n = counts.first, n > 0 else {
            throw NetFailure("netbatchlen", .list(zip(inputNames, counts).map { .call(Sym.Rule, .string($0), .integer($1)) }))
        }
        let graph = try inferred(ports: tensors.map { Shapes.fixed(Array($0.shape.dropFirst())) })
        let packed = Self.pack(tensors, batch: n)
        let inputs = PackedArray.expr(shape: packed.shape, storage: .reals(packed.data.map(Double.init)))
        return (graph, .call(Sym.Rule, inputs, given.values[given.values.count - 1]))
    }
}
