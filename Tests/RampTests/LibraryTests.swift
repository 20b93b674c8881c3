import Testing
import Synchronization
import Ramp

// These tests use only the public API of `Ramp`, as an embedder would.

@Suite struct PublicAPITests {
    @Test func valuesRoundTrip() {
        let k = Kernel.standard()
        k.setValue("hello", of: "greeting")
        #expect(k.evaluate(.sym("greeting")) == "hello")
        #expect(k.value(of: "greeting", as: String.self) == "hello")
    }

    @Test func evaluatesSourceText() throws {
        let k = Kernel.standard()
        k.setValue(41, of: "answer")
        #expect(try k.evaluate(source: "answer") == 41)
        #expect(try k.evaluate(source: "") == .null)
    }

    @Test func syntaxErrorsAreThrownWithALocation() {
        let k = Kernel.standard()
        #expect(throws: SyntaxError.self) { try k.evaluate(source: "f[1]\nf[2]]") }
        do {
            try k.evaluate(source: "f[1]\nf[2]]", fileName: "m.wl")
        } catch {
            #expect(error.line == 2)
            #expect(error.fileName == "m.wl")
        }
    }

    @Test func parsesWithoutEvaluating() throws {
        let k = Kernel.standard()
        k.setValue(3, of: "x")
        #expect(try k.parse("g[x]") == .call(Symbol.named("g"), .sym("x")))
        #expect(try k.parseProgram("a\nb").count == 2)
    }

    @Test func nativeBuiltinsWithUsageAndAttributes() throws {
        let k = Kernel.standard()
        k.define("Twice", attributes: [.listable], usage: "Twice[n] doubles n.") { call in
            guard call.args.count == 1, let n = call.args[0].int else { return nil }
            return .integer(2 * n)
        }
        #expect(try k.evaluate(source: "Twice[21]") == 42)
        #expect(try k.evaluate(source: "Twice[x]") == .call(Symbol.named("Twice"), .sym("x")))
        #expect(k.usage(of: "Twice") == "Twice[n] doubles n.")
        #expect(k.attributes(of: Symbol.named("Twice")).contains(.listable))
        #expect(k.attributes(of: Symbol.named("Twice")).contains(.protected))
    }

    @Test func typedSwiftFunctions() throws {
        let k = Kernel.standard()
        k.defineFunction("Celsius") { (f: Double) in (f - 32) * 5 / 9 }
        k.defineFunction("Repeat") { (s: String, n: Int) in String(repeating: s, count: max(n, 0)) }
        #expect(try k.evaluate(source: "Celsius[212]", as: Double.self) == 100)
        #expect(try k.evaluate(source: "Repeat[\"ab\", 3]", as: String.self) == "ababab")
        #expect(try k.evaluate(source: "Celsius[\"hot\"]") == .call(Symbol.named("Celsius"), "hot"))
        #expect(throws: ConversionError.self) { try k.evaluate(source: "Celsius[x]", as: Double.self) }
    }

    @Test func messagesGoToTheHandler() throws {
        let k = Kernel.standard()
        let seen = Mutex<[String]>([])
        k.messageHandler = { m in seen.withLock { $0.append(m.description) } }
        k.setMessage("Checked", "neg", "Negative argument `1`.")
        k.define("Checked") { call in
            if let n = call.args.first?.int, n < 0 { call.message("neg", call.args[0]); return .failed }
            return call.args.first
        }
        #expect(try k.evaluate(source: "Checked[-4]") == .failed)
        #expect(seen.withLock { $0 } == ["Checked::neg: Negative argument -4."])
    }

    @Test func abortFromAnotherThread() {
        let k = Kernel.standard()
        k.define("Spin") { call throws(EvaluationControl) in
            while true { try call.kernel.checkAbort() }
        }
        let aborter = k
        startThread { usleep(50_000); aborter.abort() }
        #expect(k.evaluate(.call(Symbol.named("Spin"), [])) == .aborted)
        k.clearAbort()
        #expect(k.evaluate(.call(Symbol.named("Spin2"), [])) == .call(Symbol.named("Spin2"), []))
    }
}

@Suite struct ConversionTests {
    @Test func scalars() {
        #expect(Int(expr: 5.expr) == 5)
        #expect(Int(expr: .real(5)) == nil)
        #expect(Double(expr: 2.5.expr) == 2.5)
        #expect(Double(expr: .integer(3)) == 3)
        #expect(Double(expr: .rational(1, 4)) == 0.25)
        #expect(String(expr: "s".expr) == "s")
        #expect(String(expr: .sym("s")) == nil)
        #expect(Bool(expr: true.expr) == true)
        #expect(Bool(expr: .sym("Maybe")) == nil)
        #expect(Float(expr: .real(0.5)) == 0.5)
    }

    @Test func arraysArePacked() {
        let vector = [1.0, 2.0, 3.5].expr
        guard case .packed(let p) = vector else { Issue.record("not packed"); return }
        #expect(p.shape == [3])
        #expect([Double](expr: vector) == [1.0, 2.0, 3.5])
        let matrix = [[1.0, 2.0], [3.0, 4.0]].expr
        guard case .packed(let m) = matrix else { Issue.record("not packed"); return }
        #expect(m.shape == [2, 2])
        #expect([[Double]](expr: matrix) == [[1, 2], [3, 4]])
        #expect([[Double]](expr: .list([.list([1.0]), .list([2, 3])])) == [[1], [2, 3]])
        #expect([Int](expr: .list([1, "x"])) == nil)
        #expect(["a", "b"].expr == .list(["a", "b"]))
    }

    @Test func dictionariesAreAssociations() {
        let assoc = ["b": 2, "a": 1].expr
        #expect(assoc == .call(Sym.Association, .call(Sym.Rule, "a", 1), .call(Sym.Rule, "b", 2)))
        #expect([String: Int](expr: assoc) == ["a": 1, "b": 2])
        #expect([String: Int](expr: .list([.call(Sym.Rule, "k", 7)])) == ["k": 7])
        #expect([String: Int](expr: .call(Sym.Association, .call(Sym.Rule, "k", "v"))) == nil)
    }

    @Test func kernelValuesInSwiftTypes() {
        let k = Kernel.standard()
        k.setValue([[1.0, 2.0]], of: "m")
        #expect(k.value(of: "m", as: [[Double]].self) == [[1, 2]])
        #expect(k.value(of: "m", as: Int.self) == nil)
        #expect(k.value(of: "unsetName", as: Int.self) == nil)
    }

    @Test func evaluatedAssociationsConvert() throws {
        let k = Kernel.standard()
        let assoc = try k.evaluate(source: "<|\"a\" -> 1, \"b\" -> 2|>")
        #expect([String: Int](expr: assoc) == ["a": 1, "b": 2])
        k.setValue(["x": 1.5], of: "d")
        #expect(try k.evaluate(source: "d", as: [String: Double].self) == ["x": 1.5])
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` on a new POSIX thread.
func startThread(_ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
    var thread = pthread_t()
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    pthread_create(&thread, nil, { raw in
        let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! Box
        box.body()
        return nil
    }, box)
    pthread_detach(thread)
}
