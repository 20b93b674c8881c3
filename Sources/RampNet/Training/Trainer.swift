import RampKernel
import RampSyntax

/// The training loop of NetTrain: shape inference and initialization, batches, optimizer updates,
/// validation, stopping (rounds, time goal, divergence, abort) and the record of the run.
enum Trainer {
    enum Outcome {
        case record(TrainingRecord)
        /// `netnoparams` / `netfrozen`: the net is returned as given.
        case unchanged(any NetModel)
    }

    static func run(net given: any NetLayer, data all: TrainingData, config: TrainingConfig, kernel: Kernel) throws(NetFailure) -> Outcome {
        var rng = NetRandom(seed: config.seed)
        // Shapes: inputs.
        let inDims = Array(all.inputs.shape.dropFirst())
        let inPort = text("port \"Input\"")
        if let s = given.inputShape, !Shapes.accepts(s, inDims) {
            throw NetFailure("invindata1", inPort, text(Shapes.phrase(Shapes.fixed(inDims))), text(Shapes.phrase(s)))
        }
        let inferred = try given.inferred(input: Shapes.fixed(inDims))
        guard case let net0 as any NetLayer = try inferred.initialized(overwrite: false, random: &rng) else {
            throw NetFailure("invnet")
        }
        let outDims = Array(all.targets.shape.dropFirst())
        if let s = config.loss.targetShape(net0.outputShape), !Shapes.accepts(s, outDims) {
            throw NetFailure("invindata1", text("port \"Output\""), text(Shapes.phrase(Shapes.fixed(outDims))), text(Shapes.phrase(s)))
        }
        // Arrays and multipliers.
        let slots = net0.arraySlots
        if slots.isEmpty {
            kernel.message(NetTrainBuiltin.symbol, "netnoparams", [])
            return .unchanged(given)
        }
        let multipliers = try resolveMultipliers(net0, slots, config)
        if multipliers.allSatisfy({ $0 == 0 }) {
            kernel.message(NetTrainBuiltin.symbol, "netfrozen", [])
            return .unchanged(given)
        }
        // Validation split.
        var data = all
        var validation: TrainingData? = nil
        if let f = config.validationFraction {
            let n = all.count
            let held = Swift.min(Swift.max(1, Int((Double(n) * f).rounded())), n - 1)
            guard held >= 1, n - held >= 1 else { throw NetFailure("invvalset", .call(Symbol.named("Scaled"), .real(f))) }
            let perm = permutation(n, &rng)
            let v = perm[0..<held], t = perm[held...]
            validation = TrainingData(inputs: TrainingData.gather(all.inputs, v), targets: TrainingData.gather(all.targets, v))
            data = TrainingData(inputs: TrainingData.gather(all.inputs, t), targets: TrainingData.gather(all.targets, t))
        } else if let v = config.validation {
            let vd: TrainingData
            do { vd = try TrainingData.read(v) } catch { throw NetFailure("invvalset", v) }
            guard Array(vd.inputs.shape.dropFirst()) == inDims, Array(vd.targets.shape.dropFirst()) == outDims else {
                throw NetFailure("invvalset", v)
            }
            validation = vd
        }
        let n = data.count
        let batchSize = Swift.min(config.batchSize ?? 64, n)
        let batchesPerRound = (n + batchSize - 1) / batchSize
        // The largest batch run: a training batch, or a slice of up to 256 validation examples.
        try checkActivations(net0, batch: Swift.max(batchSize, Swift.min(256, validation?.count ?? 0)))

        var weights: [[Float]] = slots.map { $0.value?.data ?? [] }
        let shapes: [[Int]] = slots.map { $0.value?.shape ?? [] }
        var optimizer = Optimizer(settings: config.method, sizes: weights.map(\.count))
        // Buffers of the loop, allocated once: gradients, the weights before an update (restored
        // when the update diverges), the batch computation's own scratch.
        var gradients: [[Float]] = weights.map { [Float](repeating: 0, count: $0.count) }
        var previous: [[Float]] = weights
        var step = BatchGradients.make(net: net0, data: data, loss: config.loss, shapes: shapes, batchSize: batchSize)
        /// The net with the current weights.
        func currentNet() -> any NetLayer { net0.withArrayValues(zip(shapes, weights).map { Tensor(shape: $0, data: $1) }) }
        var record = TrainingRecord(trainedNet: net0, finalNet: net0, method: config.method)
        record.batchSize = batchSize
        record.batchesPerRound = batchesPerRound
        record.trainingExamples = n
        record.validationExamples = validation?.count ?? 0
        record.loss = config.loss
        record.multipliers = zip(slots, multipliers).map { ($0.path, $1) }
        record.initialLearningRate = config.method.learningRate
        record.finalLearningRate = config.method.learningRate
        record.batchLosses.reserveCapacity(Swift.min(saturatingProduct(config.maxRounds ?? 1, batchesPerRound), 1 << 20))

        var reporter = ProgressReporter(mode: config.reporting, kernel: kernel)
        let reporting = config.reporting != .none
        reporter.start(method: config.method.kind.rawValue, batchSize: batchSize, batchesPerRound: batchesPerRound, examples: n)
        let start = monotonicSeconds()
        var maxRounds = config.maxRounds ?? (config.timeGoal == nil ? 10_000 : Int.max)
        var bestValidation = Double.infinity
        var aborted = false
        var diverged = false
        var timeUp = false
        var round = 0
        var perm = [Int](repeating: 0, count: n)
        training: while round < maxRounds {
            round += 1
            permutation(into: &perm, &rng)
            var roundSum = 0.0
            for b in 0..<batchesPerRound {
                do { try kernel.checkAbort() } catch { aborted = true; break training }
                let lower = b * batchSize, upper = Swift.min(lower + batchSize, n)
                let batchLoss = perm.withUnsafeBufferPointer { p in
                    step.run(rows: UnsafeBufferPointer(rebasing: p[lower..<upper]), weights: weights, gradients: &gradients)
                }
                record.batchLosses.append(batchLoss)
                roundSum += batchLoss * Double(upper - lower)
                // Learning rate for this update.
                // (TimeGoal without MaxTrainingRounds: the total is unknown, Int.max, until round 1 ends.)
                let totalBatches = saturatingProduct(config.maxRounds ?? maxRounds, batchesPerRound)
                var lr = config.method.scheduledRate(iteration: record.batches, total: totalBatches)
                if let f = config.schedule {
                    let v = kernel.evaluate(.call(f, [.integer(record.batches + 1), .integer(saturatingProduct(maxRounds, batchesPerRound))]))
                    guard let r = TrainingConfig.realValue(v), r >= 0, r <= 1 else {
                        kernel.message(NetTrainBuiltin.symbol, "badlrs", [v])
                        break training
                    }
                    lr = config.method.learningRate * r
                }
                record.finalLearningRate = lr
                copy(weights, into: &previous)
                optimizer.update(weights: &weights, gradients: gradients, multipliers: multipliers,
                                 batchSize: upper - lower, learningRate: lr)
                record.batches += 1
                if !batchLoss.isFinite || !allFinite(weights) {
                    copy(previous, into: &weights)
                    diverged = true
                    break training
                }
                let roundEnded = b == batchesPerRound - 1
                // The validation loss of a finished round, before it is reported.
                var validationLoss: Double? = nil
                if roundEnded, config.loss.classifies {
                    // The error rate of the round's final weights on the training examples (one
                    // extra forward pass per round, for classification losses only).
                    record.roundErrorRates.append(measure(currentNet(), data, config.loss).errorRate)
                }
                if roundEnded, let v = validation {
                    let net = currentNet()
                    let (vl, ve) = measure(net, v, config.loss)
                    validationLoss = vl
                    record.validationLosses.append(vl)
                    if config.loss.classifies { record.validationErrorRates.append(ve) }
                    if vl < bestValidation || record.bestValidationRound == nil {
                        bestValidation = vl
                        record.bestValidationRound = round
                        record.trainedNet = net
                    }
                }
                if !reporting && config.timeGoal == nil { continue }
                let elapsed = monotonicSeconds() - start
                if let goal = config.timeGoal, elapsed >= goal { timeUp = true }
                if reporting {
                    reporter.batchDone(.init(round: round, maxRounds: maxRounds == Int.max ? round : maxRounds, batch: b + 1,
                                             batchesPerRound: batchesPerRound, examples: record.batches * batchSize, elapsed: elapsed,
                                             timeLeft: remaining(elapsed, round, b + 1, batchesPerRound, maxRounds, config.timeGoal),
                                             learningRate: lr, batchLoss: batchLoss,
                                             roundLoss: roundEnded ? roundSum / Double(n) : nil, validationLoss: validationLoss),
                                       roundEnded: roundEnded)
                }
                if timeUp && !roundEnded { break training }
            }
            record.roundLosses.append(roundSum / Double(n))
            record.rounds = round
            if timeUp { break }
            // Automatic rounds: about 20 s of training (at least 10, at most 10000).
            if round == 1 {
                let t = Swift.max(monotonicSeconds() - start, 1e-9)
                if config.maxRounds == nil {
                    // (A huge TimeGoal gives many rounds, not an overflow: the time still ends them.)
                    if let goal = config.timeGoal { maxRounds = Swift.max(1, Int(Swift.min((1.2 * goal / t).rounded(.up), 1e15))) }
                    else { maxRounds = Swift.min(Swift.max(Int((20 / t).rounded(.up)), 10), 10_000) }
                }
            }
        }
        if aborted || diverged || timeUp, (record.rounds < round), (record.batches > (round - 1) * batchesPerRound) {
            // A partial round: count it with the batches done.
            let done = record.batches - (round - 1) * batchesPerRound
            let partial = record.batchLosses.suffix(done)
            record.roundLosses.append(partial.reduce(0, +) / Double(Swift.max(partial.count, 1)))
            record.rounds = round
        }
        let net = currentNet()
        record.finalNet = net
        if validation == nil || record.bestValidationRound == nil { record.trainedNet = net }
        record.totalTime = monotonicSeconds() - start
        let summary = "\(record.rounds) rounds, \(record.batches) batches, final loss \(record.roundLosses.last.map(formatNumber) ?? "-")\(record.validationLosses.last.map { ", validation loss " + formatNumber($0) } ?? ""), \(formatNumber((record.totalTime * 100).rounded() / 100)) s"
        if aborted {
            kernel.clearAbort()
            record.reason = "ManualStop"
            // The closing line replaces the progress bar first, so the message starts on a line of its own.
            reporter.finish("Training aborted.", summary: summary)
            kernel.message(NetTrainBuiltin.symbol, "aborted", [])
        } else if diverged {
            record.reason = "WeightsDiverged"
            reporter.finish("Training stopped: weights diverged.", summary: summary)
            kernel.message(NetTrainBuiltin.symbol, "arrdiv", [.symbol(Symbol.named("Method")) .rule(.string(config.method.kind.rawValue)),
                                                              .symbol(Symbol.named("LearningRate")).rule(.real(config.method.learningRate))])
        } else {
            record.reason = timeUp ? "TimeGoalReached" : "MaxTrainingRoundsReached"
            reporter.finish("Training complete.", summary: summary)
        }
        return .record(record)
    }

    static func remaining(_ elapsed: Double, _ round: Int, _ batch: Int, _ perRound: Int, _ maxRounds: Int, _ goal: Double?) -> Double {
        let done = Double((round - 1) * perRound + batch)
        var left = maxRounds == Int.max ? 0 : elapsed / done * (Double(maxRounds) * Double(perRound) - done)
        if let goal { left = maxRounds == Int.max ? goal - elapsed : Swift.min(left, goal - elapsed) }
        return Swift.max(0, left)
    }

    /// `a · b`, or `Int.max` when that overflows.
    static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : p
    }

    /// The mean per-example loss of a net over a data set (in batches of 256).
    static func meanLoss(_ net: any NetLayer, _ d: TrainingData, _ loss: TrainingLoss) -> Double {
        measure(net, d, loss).loss
    }

    /// The mean per-example loss and the error rate (the fraction of wrong predictions; 0 for a
    /// loss that does not classify) of a net over a data set, in batches of 256.
    static func measure(_ net: any NetLayer, _ d: TrainingData, _ loss: TrainingLoss) -> (loss: Double, errorRate: Double) {
        var sum = 0.0, wrong = 0.0
        var i = 0
        while i < d.count {
            let idx = Array(i..<Swift.min(i + 256, d.count))[...]
            let output = net.forward(TrainingData.gather(d.inputs, idx)), target = TrainingData.gather(d.targets, idx)
            let (losses, _) = loss.evaluate(output: output, target: target)
            for l in losses { sum += Double(l) }
            if loss.classifies { wrong += loss.errors(output: output, target: target) }
            i += 256
        }
        let count = Double(Swift.max(d.count, 1))
        return (sum / count, wrong / count)
    }

    /// A random permutation of 0..<n (Fisher–Yates from the run's generator).
    static func permutation(_ n: Int, _ rng: inout NetRandom) -> [Int] {
        var p = [Int](repeating: 0, count: n)
        permutation(into: &p, &rng)
        return p
    }

    /// Fills `p` with a random permutation of its indices, in place.
    static func permutation(into p: inout [Int], _ rng: inout NetRandom) {
        p.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = i }
            if p.count < 2 { return }
            for i in stride(from: p.count - 1, to: 0, by: -1) {
                // j in 0...i by the high half of a 64×64-bit product (Lemire's method without the
                // rejection step: a bias below 2^-40 for any training set that fits in memory),
                // not a 64-bit division, which cost more than the rest of the shuffle.
                let j = Int(truncatingIfNeeded: rng.next().multipliedFullWidth(by: UInt64(i &+ 1)).high)
                p.swapAt(i, j)
            }
        }
    }

    /// Copies equal-sized arrays element by element (no new storage).
    static func copy(_ from: [[Float]], into to: inout [[Float]]) {
        for a in from.indices {
            from[a].withUnsafeBufferPointer { f in
                to[a].withUnsafeMutableBufferPointer { t in
                    if let base = f.baseAddress { t.baseAddress!.update(from: base, count: f.count) }
                }
            }
        }
    }

    static func allFinite(_ arrays: [[Float]]) -> Bool {
        for a in arrays {
            let ok = a.withUnsafeBufferPointer { b in
                var bad = false
                for v in b where !v.isFinite { bad = true }
                return !bad
            }
            if !ok { return false }
        }
        return true
    }

    // MARK: Learning-rate multipliers

    /// The multiplier of every array: the first matching NetTrain rule, else the layer's own value.
    static func resolveMultipliers(_ net: any NetLayer, _ slots: [NetArraySlot], _ c: TrainingConfig) throws(NetFailure) -> [Double] {
        if let g = c.globalMultiplier { return slots.map { _ in g } }
        guard let rules = c.multiplierRules else { return slots.map(\.learningRateMultiplier) }
        let chain = net as? NetChain
        let name = Expr.symbol(Sym.LearningRateMultipliers)
        func matches(_ spec: Expr, _ path: [Expr]) -> Bool { multiplierSpecMatches(spec, path, in: chain) }
        for r in rules where !slots.contains(where: { matches(r.lhs, $0.path) }) {
            throw NetFailure("arrpattmiss", r.lhs, name)
        }
        return slots.map { s in rules.first { matches($0.lhs, s.path) }?.value ?? s.learningRateMultiplier }
    }
}

private extension Expr {
    func rule(_ value: Expr) -> Expr { .call(Sym.Rule, self, value) }
}
