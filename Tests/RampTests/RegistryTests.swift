import Testing
import Ramp

/// Each builtin has one owner: nothing is defined twice, and no core builtin is wrapped by a later
/// module (objects declare capabilities instead).
@Suite struct RegistryTests {
    @Test func definingABuiltinTwiceTraps() async {
        await #expect(processExitsWith: .failure) {
            let kernel = Kernel()
            kernel.define("TwiceDefinedThing") { _ in nil }
            kernel.define("TwiceDefinedThing") { _ in nil }
        }
    }

    @Test func aGeneralMessageHasOneOwner() async {
        await #expect(processExitsWith: .failure) {
            let kernel = Kernel()      // the core's table already has General::partw
            kernel.defineGeneralMessages([(tag: "partw", template: "Another text for `1`.")])
        }
    }

    @Test func theStandardKernelDefinesEachNameOnce() {
        // Kernel.standard() would trap on a second definition; building two kernels checks every
        // module's installer, and they must answer alike.
        let a = Kernel.standard(), b = Kernel.standard()
        #expect(a.knownNames == b.knownNames)
        #expect(a.hasBuiltin(named: "Information") && a.hasBuiltin(named: "Export"))
    }

    @Test func netsAnswerThroughCapabilitiesInALibraryKernel() throws {
        let kernel = Kernel.standard()
        var printed: [String] = []
        kernel.printHandler = { printed.append($0) }
        let count = try kernel.evaluate(source: "net = NetInitialize[ParametricRampLayer[\"Input\" -> 3]]; Information[net, \"ArraysCount\"]")
        #expect(count == .integer(1))
        #expect(try kernel.evaluate(source: "Information[ParametricRampLayer[\"Input\" -> 4], \"ArraysTotalElementCount\"]") == .integer(4))
        #expect(try kernel.evaluate(source: "Information[{net, net}, \"LayersCount\"]") == .list([1, 1]))
        #expect(try kernel.evaluate(source: "Length[NumericArray[{{1, 2}, {3, 4}, {5, 6}}]]") == .integer(3))
        _ = try kernel.evaluate(source: "Information[Length]")
        #expect(printed.first?.hasPrefix("Length[expr] gives") == true)
    }

    @Test func aSpecDeclaresArgumentsOptionsAndMessages() throws {
        let kernel = Kernel.standard()
        var messages: [String] = [], ran = 0
        kernel.messageHandler = { messages.append($0.description) }
        kernel.define(BuiltinSpec("SpecThing", arguments: .exactly(2),
                                  options: [.call(Sym.Rule, .symbol(Symbol.named("Method")), .automatic)],
                                  messages: [(tag: "bad", template: "Bad `1`.")],
                                  usage: "SpecThing[a, b] pairs a and b.") { call in
            ran += 1
            return .list(call.args + [call.option("Method") ?? .null])
        })
        #expect(try kernel.evaluate(source: "SpecThing[1]") == .call(.sym("SpecThing"), [1]))
        #expect(messages == ["SpecThing::argrx: SpecThing called with 1 argument; 2 arguments are expected."]
            || messages == ["SpecThing::argr: SpecThing called with 1 argument; 2 arguments are expected."])
        #expect(ran == 0)
        #expect(try kernel.evaluate(source: "SpecThing[1, 2]") == .list([1, 2, .automatic]))
        #expect(ran == 1)
        #expect(try kernel.evaluate(source: "Options[SpecThing]") == .list([.call(Sym.Rule, .sym("Method"), .automatic)]))
        #expect(try kernel.evaluate(source: "SpecThing::bad") == .string("Bad `1`."))
        #expect(kernel.builtinOwner(of: "SpecThing") == "RampTests/RegistryTests.swift")
        // With options declared, trailing option rules are not counted but handed to the body by name
        // (the first of a name wins; SetOptions changes the default), and unknown ones are refused.
        messages = []
        #expect(try kernel.evaluate(source: "SpecThing[1, 2, Method -> 3, Method -> 4]") == .list([1, 2, 3]))
        #expect(try kernel.evaluate(source: "SetOptions[SpecThing, Method -> 5]; SpecThing[1, 2]") == .list([1, 2, 5]))
        // A rule among the positional arguments is an argument, not an option.
        #expect(try kernel.evaluate(source: "SpecThing[1, Method -> 6]") == .list([1, .call(Sym.Rule, .sym("Method"), 6), 5]))
        #expect(try kernel.evaluate(source: "SpecThing[1, 2, Colour -> 3]") == .call(.sym("SpecThing"), [1, 2, .call(Sym.Rule, .sym("Colour"), 3)]))
        #expect(messages == ["SpecThing::optx: Unknown option Colour in SpecThing[1, 2, Colour -> 3]."])
        #expect(ran == 4)
    }
}
