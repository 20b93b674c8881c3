@_spi(Fuzzing) import RampNet

// libFuzzer entry point for the ONNX reader: `scripts/fuzz.sh onnx` builds this product with
// `--sanitize fuzzer`. In a plain build it is a harmless no-op binary. Each input is read as an
// `.onnx` file's bytes: a net or a failure message, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ONNXFuzzing.read(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
