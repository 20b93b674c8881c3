import Foundation
import Testing

/// ONNX export and import through the `ramp` executable, checked by the real consumers: Python's
/// `onnx` (checker, shape inference) and `onnxruntime` (Tests/Interop/onnx_interop.py, in the
/// virtual environment that scripts/setup-interop.sh makes; scripts/test.sh runs it first).
@Suite struct ONNXInteropTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".build/interop-venv/bin/python").path
    static let helper = root.appendingPathComponent("Tests/Interop/onnx_interop.py").path

    /// Runs the interop helper; the venv must exist (made by scripts/setup-interop.sh).
    func interop(_ command: String, _ folder: String) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.python),
                     "no interop venv at \(Self.python): run scripts/setup-interop.sh (scripts/test.sh does)")
        return try ramp(["-c", "\(Self.python) \(Self.helper) \(command) \(folder) 2>&1"], shell: true)
    }

    /// The printed lines of a run without its messages (`-c` prints messages on standard output,
    /// each after an empty line, as wolframscript does).
    func results(_ run: Run) -> [String] {
        run.out.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { !$0.contains("::") }
    }

    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path + "/"
    }

    /// Every layer kind Ramp exports, alone and in a chain, runs in onnxruntime with Ramp's outputs.
    @Test func exportedNetsRunInOnnxruntime() throws {
        let dir = try folder()
        let script = """
            SeedRandom[5];
            nets = {
              "prelu_vector" -> ParametricRampLayer["Slope" -> RandomReal[{0, 0.5}, 3], "Input" -> 3],
              "prelu_levels_21" -> ParametricRampLayer[{2, 1}, "Slope" -> RandomReal[{0, 0.5}, {4, 3}], "Input" -> {3, 4}],
              "prelu_level_2" -> ParametricRampLayer[2, "Slope" -> RandomReal[{0, 0.5}, 4], "Input" -> {3, 4}],
              "prelu_shared" -> ParametricRampLayer[{}, "Slope" -> 0.3, "Input" -> {2, 3}],
              "prelu_varying" -> ParametricRampLayer[2, "Slope" -> RandomReal[{0, 0.5}, 3], "Input" -> {"Varying", 3}],
              "linear_vector" -> NetInitialize[LinearLayer[5, "Input" -> 3]],
              "linear_matrix" -> NetInitialize[LinearLayer[{2, 3}, "Input" -> {4, 2}]],
              "linear_no_biases" -> NetInitialize[LinearLayer[4, "Biases" -> None, "Input" -> 3]],
              "chain" -> NetInitialize[NetChain[{LinearLayer[8], ParametricRampLayer[], LinearLayer[3], ElementwiseLayer[Tanh]}, "Input" -> 4]],
              "pure_function" -> ElementwiseLayer[Max[#, 0.1 #] + Sin[#]^2 - 1/(1 + Exp[-#]) &, "Input" -> 5],
              "cube_root" -> ElementwiseLayer[CubeRoot, "Input" -> 4],
              "softmax" -> SoftmaxLayer["Input" -> {2, 4}],
              "flatten" -> FlattenLayer["Input" -> {2, 3}],
              "softmax_level_1" -> SoftmaxLayer[1, "Input" -> {3, 2, 2}],
              "softmax_level_minus_2" -> SoftmaxLayer[-2, "Input" -> {3, 4}],
              "flatten_level_1" -> FlattenLayer[1, "Input" -> {2, 3, 2}],
              "flatten_level_minus_1" -> FlattenLayer[-1, "Input" -> {2, 3, 2}],
              "reshape" -> ReshapeLayer[{3, Automatic}, "Input" -> 6],
              "summation" -> SummationLayer["Input" -> {2, 3}],
              "dropout" -> DropoutLayer[0.5, "Input" -> 3],
              "part" -> PartLayer[2, "Input" -> {3, 2}],
              "part_span" -> PartLayer[2 ;; 3, "Input" -> {4, 2}],
              "constant_times" -> ConstantTimesLayer["Scaling" -> RandomReal[1, {2, 3}]],
              "constant_plus" -> ConstantPlusLayer["Biases" -> RandomReal[1, 3]],
              "threading" -> NetInitialize[NetGraph[{LinearLayer[3], LinearLayer[3], ThreadingLayer[Times], ThreadingLayer[Subtract], ThreadingLayer[Max]},
                 {{1, 2} -> 3, {3, 1} -> 4, {4, 3, 2} -> 5}, "Input" -> 2]],
              "graph" -> NetInitialize[NetGraph[{LinearLayer[4], ParametricRampLayer[], ElementwiseLayer[Tanh], TotalLayer[], CatenateLayer[], LinearLayer[2]},
                 {1 -> 2, 1 -> 3, {2, 3} -> 4, {4, NetPort["Input"], 1} -> 5 -> 6}, "Input" -> 3]]};
            named = {Ramp, Tanh, LogisticSigmoid, Sin, Cos, Exp, Abs, ArcTan, Sinh, Cosh, Erf, Floor, "ELU", "SELU", "GELU", "Swish", "SoftPlus", "SoftSign", "HardTanh", "Mish"};
            nets = Join[nets, Table[("fn_" <> ToString[f]) -> ElementwiseLayer[f, "Input" -> 6], {f, named}]];
            Do[
              {name, net} = List @@ rule;
              shape = Replace[Information[net, "InputPorts"]["Input"], {"Varying", r___} :> {5, r}];
              shape = If[ListQ[shape], shape, {shape}];
              x = RandomReal[{-2, 2}, Prepend[shape, 4]];
              Export["\(dir)" <> name <> ".onnx", net];
              Export["\(dir)" <> name <> ".input.json", x];
              Export["\(dir)" <> name <> ".ramp.json", net[x]],
              {rule, nets}];
            Length[FileNames["*.onnx", "\(dir)"]]
            """
        let exported = try ramp(["-c", script])
        #expect(exported.out == "46\n", "\(exported.out)\(exported.err)")
        // Ramp reads every one of them back (a NetChain, or a NetGraph for the branching ones) and
        // gives the same outputs.
        let back = try ramp(["-c", """
            names = StringDrop[FileNameTake[#], -5] & /@ FileNames["*.onnx", "\(dir)"];
            bad = Select[names, With[{net = Import["\(dir)" <> # <> ".onnx"], x = Import["\(dir)" <> # <> ".input.json"]},
                Head[net] =!= NetChain && Head[net] =!= NetGraph || Max[Abs[Flatten[{net[x] - Import["\(dir)" <> # <> ".ramp.json"]}]]] > 1.*^-5] &];
            Print[Length[names], " ", bad];
            Print[Sort[Tally[Head[Import["\(dir)" <> # <> ".onnx"]] & /@ names]]]
            """])
        #expect(back.out.hasPrefix("46 {}\n"), "\(back.out)")
        #expect(back.out.contains("{{NetChain, 44}, {NetGraph, 2}}"), "\(back.out)")
        let check = try interop("check", dir)
        #expect(check.status == 0, "\(check.out)\(check.err)")
        #expect(check.out.components(separatedBy: "\nok ").count + (check.out.hasPrefix("ok ") ? 0 : -1) == 46, "\(check.out)")
    }

    /// Models written by onnx.helper in the forms other tools use (Gemm with alpha/beta and B as
    /// [in, out], MatMul + Add, per-channel PRelu, Flatten, arithmetic with constants) import into
    /// Ramp and give onnxruntime's outputs.
    @Test func modelsFromOnnxHelperImport() throws {
        let dir = try folder()
        let made = try interop("make", dir)
        #expect(made.status == 0, "\(made.out)")
        let script = """
            Do[
              net = Import["\(dir)" <> name <> ".onnx"];
              x = Import["\(dir)" <> name <> ".input.json"];
              want = Import["\(dir)" <> name <> ".expected.json"];
              Print[name, " ", Head[net], " ", Max[Abs[Flatten[net[x] - want]]] < 1.*^-5],
              {name, {"gemm_relu", "matmul_add_sigmoid", "prelu_channels", "flatten_gemm_arith"}}];
            """
        let run = try ramp(["-c", script])
        #expect(run.out == """
            gemm_relu NetChain True
            matmul_add_sigmoid NetChain True
            prelu_channels NetChain True
            flatten_gemm_arith NetChain True
            Null

            """, "\(run.out)")
        // An operator Ramp lacks is named; the result is $Failed.
        let bad = try ramp(["-c", "Import[\"\(dir)unsupported_hardmax.onnx.bad\", \"ONNX\"]"])
        #expect(results(bad) == ["$Failed"], "\(bad.out)")
        #expect(bad.out.contains("Import::onnxop") && bad.out.contains("Hardmax"), "\(bad.out)")
    }

    /// Ramp's own round trip: Export then Import gives the same outputs, and metadata elements.
    @Test func roundTripAndElements() throws {
        let dir = try folder()
        let run = try ramp(["-c", """
            net = NetInitialize[NetChain[{LinearLayer[6], ParametricRampLayer[], LinearLayer[{2, 2}], ElementwiseLayer[#^2 + 1 &]}, "Input" -> 3]];
            Export["\(dir)n.onnx", net];
            back = Import["\(dir)n.onnx"];
            x = RandomReal[1, {7, 3}];
            Print[Max[Abs[Flatten[net[x] - back[x]]]] < 1.*^-6];
            Print[Import["\(dir)n.onnx", "IRVersion"], " ", Import["\(dir)n.onnx", "OperatorSetVersion"], " ", Import["\(dir)n.onnx", {"ONNX", "ProducerName"}]];
            Print[Keys[Import["\(dir)n.onnx", "ArrayAssociation"]]];
            Print[Dimensions /@ Normal /@ Import["\(dir)n.onnx", "ArrayList"]];
            Print[Import["\(dir)n.onnx", "Elements"]];
            Import["\(dir)n.onnx", "Nonsense"]
            """])
        #expect(results(run).joined(separator: "\n") + "\n" == """
            True
            8 <|ai.onnx -> 17|> Ramp
            {1/Weights, 1/Biases, 2/Slope, 3/Weights, 3/Biases, 4/c, 4/c_2}
            {{6, 3}, {6}, {6}, {4, 6}, {4}, {}, {}}
            {ArrayAssociation, ArrayList, Description, IRVersion, ModelDomain, ModelVersion, Net, OperatorSetVersion, ProducerName, ProducerVersion, Rules}
            $Failed

            """, "\(run.out)")
        #expect(run.out.contains("Import::noelem"), "\(run.out)")
    }

    /// Files the ONNX fuzzer (`scripts/fuzz.sh onnx`) found crashing the reader, kept in
    /// Tests/Fuzz/onnx-findings: each now gives a message and $Failed through the executable.
    @Test func fuzzerFindingsAreRefused() throws {
        let findings = Self.root.appendingPathComponent("Tests/Fuzz/onnx-findings")
        let names = try FileManager.default.contentsOfDirectory(atPath: findings.path).sorted()
        #expect(!names.isEmpty)
        let dir = try folder()
        for name in names {
            let path = dir + name + ".onnx"
            try FileManager.default.copyItem(atPath: findings.appendingPathComponent(name).path, toPath: path)
            let r = try ramp(["-c", "Import[\"\(path)\"]"])
            #expect(r.status == 0 && results(r) == ["$Failed"], "\(name): \(r.out) \(r.err)")
            #expect(r.out.contains("Import::onnx"), "\(name): \(r.out)")
        }
    }

    /// Bad input gives a message and $Failed, never a crash: an uninitialized net, a non-net,
    /// truncated and random bytes, a missing file.
    @Test func badInputGivesMessages() throws {
        let dir = try folder()
        let run = try ramp(["-c", """
            Print[Export["\(dir)u.onnx", LinearLayer[3, "Input" -> 2]]];
            Print[Export["\(dir)v.onnx", {1, 2}]];
            Export["\(dir)good.onnx", NetInitialize[LinearLayer[300, "Input" -> 20]]];
            Print[FileExistsQ["\(dir)u.onnx"]];
            Import["\(dir)missing.onnx"]
            """])
        #expect(results(run) == ["$Failed", "$Failed", "False", "$Failed"], "\(run.out)")
        #expect(run.out.contains("Export::onnx") && run.out.contains("NetInitialize"), "\(run.out)")
        #expect(run.out.contains("Import::nffil"), "\(run.out)")
        // Truncated at many places, and random bytes: each a message and $Failed.
        let good = try Data(contentsOf: URL(fileURLWithPath: dir + "good.onnx"))
        var cases: [Data] = [Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })]
        for cut in [1, 7, 40, good.count / 3, good.count / 2, good.count - 5] { cases.append(good.prefix(cut)) }
        for (i, data) in cases.enumerated() {
            let path = dir + "bad\(i).onnx"
            try data.write(to: URL(fileURLWithPath: path))
            let r = try ramp(["-c", "Import[\"\(path)\"]"])
            #expect(r.status == 0 && results(r) == ["$Failed"], "case \(i): \(r.out) \(r.err)")
            #expect(r.out.contains("Import::onnx"), "case \(i): \(r.out)")
        }
    }
}
