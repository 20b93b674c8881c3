import RampSyntax

// libFuzzer entry point: `scripts/fuzz.sh` builds this product with `--sanitize fuzzer`.
// In a plain build it is a harmless no-op binary.
// Each input is parsed as a program, as an expression and for the REPL's input status; any outcome
// but a crash (a result or a SyntaxError) is fine. The errors' descriptions are built too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do { _ = try Parser.parseProgram(source, fileName: "fuzz.wl") } catch { _ = error.description }
    do { _ = try Parser.parseExpression(source) } catch { _ = error.description }
    if case .invalid(let error) = Parser.inputStatus(source) { _ = error.description }
    return 0
}
