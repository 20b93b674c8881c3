import Foundation
import Testing
import Ramp
@testable import RampNet

@Suite struct NetFunctionsTests {
    func initializedLayer(_ s: NetSession) -> Expr {
        s.ev(call("NetInitialize", call("ParametricRampLayer", rule("Input", 3))))
    }

    @Test func netExtractForms() {
        let s = NetSession()
        let raw = s.ev(call("ParametricRampLayer", rule("Input", 3)))
        #expect(s.ev(call("NetExtract", raw, "Slope")) == .automatic)
        let net = initializedLayer(s)
        #expect(s.ev(call("NetExtract", net, "Input")) == 3)
        #expect(s.ev(call("NetExtract", net, "Levels")) == 1)
        #expect(s.ev(call("NetExtract", net, "Foo")) == .call(Sym.Missing, "NotPresent", ["Foo"]))
        // Operator form.
        let op = s.ev(call("NetExtract", "Input"))
        #expect(s.ev(.call(op, [net])) == 3)
        // A list of paths.
        #expect(s.ev(call("NetExtract", net, [["Input"], ["Output"]])) == [3, 3])
        // All, and Normal, give every part.
        let all = s.ev(call("NetExtract", net, .sym("All")))
        #expect(associationKeys(all)?.count == 5)
        #expect(s.ev(call("Normal", net)) == all)
        #expect(s.ev(call("NetExtract", net, 0)) == .failed)
        #expect(s.takeMessages() == ["NetExtract::netnopart: Part 0 does not exist."])
        #expect(s.ev(call("NetExtract", 5, "Slope")) == .failed)
        #expect(s.takeMessages() == ["NetExtract::arg1: First argument 5 should be a net, NetEncoder, or NetDecoder."])
    }

    @Test func netInitializeAllNoneAndMessages() {
        let s = NetSession()
        let custom = s.ev(call("ParametricRampLayer", rule("Slope", [0.5, 0.5, 0.5])))
        let kept = s.ev(call("NetInitialize", custom))
        #expect(kept == custom)
        let redone = s.ev(call("NetInitialize", s.ev(call("NetReplacePart", custom, rule("Input", 3))), .sym("All")))
        #expect(flatValues(s.ev(call("NetExtract", redone, "Slope"))) == [f32(0.1), f32(0.1), f32(0.1)])
        let none = s.ev(call("NetInitialize", redone, .sym("None")))
        #expect(s.ev(call("NetExtract", none, "Slope")) == .automatic)
        #expect(s.ev(call("NetInitialize", 3)) == .failed)
        #expect(s.takeMessages() == ["NetInitialize::arg1: First argument to NetInitialize should be a net or list of nets."])
        #expect(s.ev(call("NetInitialize", custom, 7)) == .failed)
        #expect(s.takeMessages() == ["NetInitialize::arg2: Second argument should be either All or Automatic."])
        #expect(s.ev(call("NetInitialize", call("ParametricRampLayer"))) == .failed)
        #expect(s.takeMessages() == ["NetInitialize::nninit: Cannot initialize net: unspecified or partially specified shape for array \"Slope\"."])
        let list = s.ev(call("NetInitialize", [call("ParametricRampLayer", rule("Input", 2)), call("ParametricRampLayer", [], rule("Input", 2))]))
        #expect(list.args.count == 2)
    }

    @Test func netReplacePartChecksDimensions() {
        let s = NetSession()
        let net = initializedLayer(s)
        let replaced = s.ev(call("NetReplacePart", net, rule("Slope", [0.2, 0.3, 0.4])))
        #expect(flatValues(s.ev(call("NetExtract", replaced, "Slope"))) == [0.2, 0.3, 0.4].map(f32))
        #expect(s.ev(call("NetReplacePart", net, rule("Slope", [0.2, 0.3]))) == .failed)
        #expect(s.takeMessages() == ["NetReplacePart::netinconsdims: Inferred inconsistent dimensions for array \"Slope\" (a length-2 vector of real numbers versus a length-3 vector of real numbers)."])
        let chain = s.ev(call("NetInitialize", call("NetChain", [call("LinearLayer", 3), call("ParametricRampLayer")], rule("Input", 2))))
        let c2 = s.ev(call("NetReplacePart", chain, rule([2, "Slope"], [1, 2, 3])))
        #expect(flatValues(s.ev(call("NetExtract", c2, [2, "Slope"]))) == [1, 2, 3])
    }

    @Test func numericArrayBasics() {
        let s = NetSession()
        let na = s.ev(call("NumericArray", [[1.5, 2], [3, 4]], "Real32"))
        #expect(s.ev(call("Dimensions", na)) == [2, 2])
        #expect(s.ev(call("Length", na)) == 2)
        #expect(s.ev(call("Normal", na)) == [[1.5, 2.0], [3.0, 4.0]])
        #expect(s.ev(call("Part", na, 2, 1)) == 3.0)
        #expect(s.ev(call("Normal", call("Part", na, -1))) == [3.0, 4.0])
        guard case .native(let o) = na else { Issue.record("not native"); return }
        #expect(o.inputForm == call("NumericArray", [[1.5, 2.0], [3.0, 4.0]], "Real32"))
        #expect(s.ev(o.inputForm) == na)
        // Integer types clip and round.
        #expect(s.ev(call("Normal", call("NumericArray", [-300, 2.6, 300], "Integer8"))) == [-128, 3, 127])
        #expect(s.ev(call("NumericArray", [1, 2], "Real16")) == .failed)
        #expect(s.takeMessages() == ["NumericArray::type: Real16 is not a valid NumericArray type."])
    }

    @Test func informationProperties() {
        let s = NetSession()
        let net = initializedLayer(s)
        let slope: Expr = [.string("Slope")]
        #expect(s.ev(call("Information", net, "ArraysCount")) == 1)
        #expect(s.ev(call("Information", net, "ArraysDimensions")) == s.ev(.call(Sym.Association, [rule(slope, [3])])))
        #expect(s.ev(call("Information", net, "ArraysTotalSize")) == call("Quantity", 12, "Bytes"))
        #expect(s.ev(call("Information", net, "ArraysLearningRateMultipliers")) == s.ev(.call(Sym.Association, [rule(slope, 1.0)])))
        #expect(s.ev(call("Information", net, "InputPorts")) == s.ev(.call(Sym.Association, [rule("Input", 3)])))
        #expect(s.ev(call("Information", net, ["LayersCount", "SharedArraysCount"])) == [1, 0])
        let props = s.ev(call("Information", net, "Properties"))
        #expect(props.args.count == 31)
        for p in props.args where p != "MXNetNodeGraph" && p != "MXNetNodeGraphPlot" && p != "SummaryGraphic" && p != "FullSummaryGraphic" {
            #expect(s.ev(call("Information", net, p)) != .failed, "\(p)")
        }
        #expect(s.takeMessages().isEmpty)
        #expect(s.ev(call("Information", net, "SummaryGraphic")) == .failed)
        #expect(s.takeMessages() == ["Information::nonetsumm: Can only produce a summary graphic for a NetChain or NetGraph object."])
        #expect(s.ev(call("Information", net, "Bogus")) == .failed)
        #expect(s.takeMessages().count == 1)
        let report = s.ev(call("Information", net))
        guard case .native(let r) = report else { Issue.record("no report"); return }
        for row in ["ParametricRampLayer", "Layers count", "Arrays count", "Shared arrays count", "Input ports", "Output ports", "Arrays total element count", "12 bytes"] {
            #expect(r.summary.contains(row), "\(row)")
        }
    }

    @Test func exportImportRoundTrip() throws {
        let s = NetSession()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rampnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let nets = [
            call("ParametricRampLayer"),
            call("NetInitialize", call("ParametricRampLayer", [2, 3], rule("Input", ["Varying", 2, 3]))),
            call("ParametricRampLayer", [], rule("Slope", 0.25), rule(LRM, 0)),
            call("NetInitialize", call("NetChain", .call(Sym.Association, [rule("a", call("LinearLayer", 3)), rule("b", "SELU"), rule("c", call("ParametricRampLayer"))]), rule("Input", 2))),
            call("MeanSquaredLossLayer"),
        ]
        for (i, n) in nets.enumerated() {
            let net = s.ev(n)
            let path = dir.appendingPathComponent("net\(i).rampnet").path
            #expect(s.ev(call("Export", .string(path), net)) == .string(path))
            #expect(s.ev(call("Import", .string(path))) == net, "\(n)")
        }
        #expect(s.takeMessages().isEmpty)
        // Exact bits, NaN included.
        let odd = s.ev(call("ParametricRampLayer", rule("Slope", call("NumericArray", [0.1, -0.0, 1e-40], "Real32"))))
        let p = dir.appendingPathComponent("odd.rampnet").path
        _ = s.ev(call("Export", .string(p), odd))
        #expect(s.ev(call("Import", .string(p))) == odd)
        // Truncated, corrupted, newer, Wolfram.
        let good = try Data(contentsOf: URL(fileURLWithPath: p))
        let bad = dir.appendingPathComponent("bad.rampnet").path
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: bad))
        #expect(s.ev(call("Import", .string(bad))) == .failed)
        #expect(s.takeMessages().first?.contains("truncated or corrupted") == true)
        var flipped = good
        flipped[20] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: bad))
        #expect(s.ev(call("Import", .string(bad))) == .failed)
        #expect(s.takeMessages().first?.contains("truncated or corrupted") == true)
        try Data("RampNet 99\nwhatever\nend 0\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(s.ev(call("Import", .string(bad))) == .failed)
        #expect(s.takeMessages().first?.contains("format version 99") == true)
        let wl = dir.appendingPathComponent("net.wlnet").path
        try Data([0x38, 0x3A, 0, 1]).write(to: URL(fileURLWithPath: wl))
        #expect(s.ev(call("Import", .string(wl))) == .failed)
        #expect(s.takeMessages().first?.contains("Wolfram .wlnet") == true)
        // A file cannot run code.
        let evil = "RampNet 1\nn 1 y 19 ParametricRampLayer n 1 y 5 Print s 2 hi \n"
        let evilFile = evil + "end \(String(NetPersistence.checksum(evil), radix: 16))\n"
        try Data(evilFile.utf8).write(to: URL(fileURLWithPath: bad))
        #expect(s.ev(call("Import", .string(bad))) == .failed)
        #expect(s.takeMessages().first?.contains("other than net constructors") == true)
    }
}

@Suite struct NetRobustnessTests {
    @Test func hugeShapesAndLevelsGiveMessagesNotCrashes() {
        let s = NetSession()
        // A shape whose element count passes Int cannot be declared; one that fits can, and
        // initializing an array past the size limit from it is General::nomem.
        #expect(s.ev(call("ParametricRampLayer", rule("Input", [.integer(Int.max / 2), 4]))) == .failed)
        #expect(s.takeMessages().first?.hasPrefix("ParametricRampLayer::invportshape") == true)
        let huge = s.ev(call("ParametricRampLayer", rule("Input", [1_000_000_000, 1_000_000_000])))
        guard case .native(let layer as ParametricRampLayer) = huge else { Issue.record("not a layer: \(huge)"); return }
        #expect(layer.inputShape == [.fixed(1_000_000_000), .fixed(1_000_000_000)])
        #expect(s.takeMessages().isEmpty)
        #expect(s.ev(call("NetInitialize", huge)) == .failed)
        #expect(s.takeMessages().first?.hasPrefix("General::nomem") == true)
        #expect(s.ev(call("ParametricRampLayer", .integer(Int.min))) == .failed)
        #expect(s.takeMessages().first?.hasPrefix("ParametricRampLayer::netinvparam2") == true)
        #expect(s.ev(call("NetInitialize", call("LinearLayer", 100_000, rule("Input", 100_000)))) == .failed)
        #expect(s.takeMessages().first?.hasPrefix("General::nomem") == true)
        #expect(s.ev(call("ParametricRampLayer", 5, rule("Input", [2, 3]))) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invportshape: Specification {2, 3} is not compatible with port \"Input\", which must be an array of rank ≥ 5."])
    }

    // MARK: Issue 12: seeding, options, NetGraph

    /// Under the default `RandomSeeding -> Inherited`, NetInitialize draws from the generator
    /// `SeedRandom` sets: the same seed gives the same weights, another seed others, and
    /// `BlockRandom` leaves the outer sequence alone.
    @Test func seedRandomMakesNetInitializeReproducible() {
        let s = NetSession()
        let weights = "Normal[NetExtract[NetInitialize[LinearLayer[4, \"Input\" -> 3]], \"Weights\"]]"
        let a = s.run("SeedRandom[42]; \(weights)")
        let b = s.run("SeedRandom[42]; \(weights)")
        let c = s.run("SeedRandom[43]; \(weights)")
        #expect(flatValues(a)?.count == 12)
        #expect(a == b)
        #expect(a != c)
        // Two initializations in a row differ: each draws from the advancing generator.
        #expect(s.run("SeedRandom[42]; \(weights); \(weights)") != a)
        // BlockRandom localizes the draws inside it.
        #expect(s.run("SeedRandom[42]; BlockRandom[\(weights)]; \(weights)") == a)
        // An explicit seed ignores SeedRandom; Automatic ignores it too.
        #expect(s.run("SeedRandom[1]; NetInitialize[LinearLayer[4, \"Input\" -> 3], RandomSeeding -> 9]")
                == s.run("SeedRandom[2]; NetInitialize[LinearLayer[4, \"Input\" -> 3], RandomSeeding -> 9]"))
        #expect(s.run("SeedRandom[1]; NetInitialize[LinearLayer[4, \"Input\" -> 3], RandomSeeding -> Automatic]")
                != s.run("SeedRandom[1]; NetInitialize[LinearLayer[4, \"Input\" -> 3], RandomSeeding -> Automatic]"))
        #expect(s.takeMessages().isEmpty)
        #expect(s.run("NetInitialize[LinearLayer[2, \"Input\" -> 2], Method -> \"Orthogonal\"]") == .failed)
        #expect(s.takeMessages() == ["NetInitialize::method: Value of option Method -> Orthogonal is not Automatic, \"Xavier\", \"Kaiming\", \"Random\" or {method, suboptions…}."])
    }

    /// `NetInitialize`'s `Method`: Xavier and Kaiming scale by the fans, uniform or normal;
    /// "Random" draws from the distributions given; Automatic is Xavier with uniform values.
    @Test func netInitializeMethods() throws {
        let s = NetSession()
        func weights(_ method: String, outputs: Int = 1000) throws -> [Double] {
            try #require(flatValues(s.run("Normal[NetExtract[NetInitialize[LinearLayer[\(outputs), \"Input\" -> 3], Method -> \(method), RandomSeeding -> 4], \"Weights\"]]")))
        }
        func sd(_ w: [Double]) -> Double {
            let m = w.reduce(0, +) / Double(w.count)
            return (w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(w.count - 1)).squareRoot()
        }
        // Uniform: every value within ±√(6/n); normal: the standard deviation √(2/n) (3000 draws).
        let xavierBound = (6.0 / 1003).squareRoot(), kaimingBound = (6.0 / 3).squareRoot()
        let automatic = try weights("Automatic")
        #expect(automatic == (try weights("{\"Xavier\", \"Distribution\" -> \"Uniform\"}")))
        #expect(automatic.allSatisfy { abs($0) <= xavierBound } && automatic.contains { abs($0) > 0.9 * xavierBound })
        let kaimingUniform = try weights("{\"Kaiming\", \"Distribution\" -> \"Uniform\"}")
        #expect(kaimingUniform.allSatisfy { abs($0) <= kaimingBound } && kaimingUniform.contains { abs($0) > 0.9 * kaimingBound })
        #expect(abs(sd(try weights("\"Kaiming\"")) / (2.0 / 3).squareRoot() - 1) < 0.1)
        #expect(abs(sd(try weights("\"Xavier\"")) / (2.0 / 1003).squareRoot() - 1) < 0.1)
        let random = try weights("{\"Random\", \"Weights\" -> UniformDistribution[{0.5, 0.6}]}", outputs: 4)
        #expect(random.count == 12 && random.allSatisfy { $0 >= 0.5 && $0 <= 0.6 })
        let biases = try #require(flatValues(s.run("Normal[NetExtract[NetInitialize[LinearLayer[4, \"Input\" -> 3], Method -> {\"Random\", \"Biases\" -> NormalDistribution[3, 0.001]}], \"Biases\"]]")))
        #expect(biases.count == 4 && biases.allSatisfy { abs($0 - 3) < 0.01 })
        #expect(flatValues(s.run("Normal[NetExtract[NetInitialize[LinearLayer[4, \"Input\" -> 3], Method -> \"Kaiming\"], \"Biases\"]]")) == [0, 0, 0, 0])
        // The slope stays 0.1 whatever the method.
        #expect(flatValues(s.run("Normal[NetExtract[NetInitialize[ParametricRampLayer[\"Input\" -> 2], Method -> \"Kaiming\"], \"Slope\"]]")) == [f32(0.1), f32(0.1)])
        #expect(s.takeMessages().isEmpty)
        #expect(s.run("NetInitialize[LinearLayer[2, \"Input\" -> 2], Method -> {\"Xavier\", \"Distribution\" -> \"Cauchy\"}]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("NetInitialize::method: ") == true)
    }

    /// `Options[f]` of the net builtins with Wolfram's defaults; option names are System symbols
    /// with usage texts; `SetOptions` changes what later calls do.
    @Test func optionsOfTheNetBuiltins() {
        let s = NetSession()
        let names = s.run("Keys[Options[NetTrain]]")
        #expect(names.args.map { $0.symbol?.name ?? "" } == ["BatchSize", "LearningRate", "LearningRateMultipliers", "LossFunction",
            "MaxTrainingRounds", "Method", "PerformanceGoal", "RandomSeeding", "TargetDevice", "TimeGoal",
            "TrainingProgressCheckpointing", "TrainingProgressFunction", "TrainingProgressMeasurements",
            "TrainingProgressReporting", "TrainingStoppingCriterion", "ValidationSet", "WorkingPrecision"])
        #expect(s.run("OptionValue[NetTrain, RandomSeeding]") == .sym("Inherited"))
        #expect(s.run("OptionValue[NetTrain, TargetDevice]") == "CPU")
        #expect(s.run("Options[NetInitialize]") == [rule(.sym("Method"), .automatic), rule(.sym("RandomSeeding"), .sym("Inherited"))])
        #expect(s.run("Options[ParametricRampLayer]") == [rule("Slope", .automatic), rule(LRM, .automatic), rule("Input", .automatic), rule("Output", .automatic)])
        for name in ["BatchSize", "MaxTrainingRounds", "TrainingProgressReporting", "ValidationSet", "RandomSeeding", "LossFunction"] {
            #expect(s.kernel.usage(of: name)?.hasPrefix(name + " is ") == true, "\(name)")
        }
        #expect(s.run("Names[\"Learn*\"]") == ["LearningRate", "LearningRateMultipliers"])
        // SetOptions: NetTrain trains for the new default number of rounds; a layer takes the new slope.
        _ = s.run("SetOptions[NetTrain, MaxTrainingRounds -> 3, TrainingProgressReporting -> None]")
        #expect(s.run("NetTrain[ParametricRampLayer[\"Input\" -> 2], {{-1, 2} -> {-0.2, 2}}, \"TotalRounds\"]") == 3)
        #expect(s.run("NetTrain[ParametricRampLayer[\"Input\" -> 2], {{-1, 2} -> {-0.2, 2}}, \"TotalRounds\", MaxTrainingRounds -> 2]") == 2)
        _ = s.run("SetOptions[ParametricRampLayer, \"Slope\" -> 0.5]")
        #expect(flatValues(s.run("ParametricRampLayer[][{-2, 4}]")) == [-1, 4])
        #expect(flatValues(s.run("ParametricRampLayer[\"Slope\" -> 0.25][{-2, 4}]")) == [-0.5, 4])
        #expect(s.takeMessages().isEmpty)
        _ = s.run("SetOptions[NetTrain, Foo -> 1]")
        #expect(s.takeMessages() == ["SetOptions::optnf: Foo is not a known option for NetTrain."])
    }

    /// A graph's connections are checked: a cycle, a node fed twice, an unknown layer name.
    @Test func netGraphRefusesBadConnections() {
        let s = NetSession()
        #expect(s.run("NetGraph[{LinearLayer[2], LinearLayer[2]}, {1 -> 2, 2 -> 1}]") == .failed)
        #expect(s.takeMessages() == ["NetGraph::netinvparam2: Value of {1, 2} given for the connections was invalid: the layers form a cycle"])
        #expect(s.run("NetGraph[{LinearLayer[2], LinearLayer[2]}, {1 -> 2, 1 -> 2}]") == .failed)
        #expect(s.takeMessages() == ["NetGraph::netinvparam2: Value of 2 given for a connection was invalid: the layer's input is connected twice"])
        #expect(s.run("NetGraph[<|\"a\" -> LinearLayer[2]|>, {\"a\" -> \"b\"}]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("NetGraph::netinvparam2: Value of b given for a connection was invalid") == true)
        #expect(s.run("NetGraph[{LinearLayer[2], LinearLayer[2]}, {}]") == .failed)
        #expect(s.takeMessages().first?.contains("several layers feed nothing") == true)
    }
}
