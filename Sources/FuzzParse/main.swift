import RampSyntax

// libFuzzer entry point: `scripts/fuzz.sh` builds this product with `--sanitize fuzzer`.
// In a plain build it is a harmless no-op binary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    return 0
}
