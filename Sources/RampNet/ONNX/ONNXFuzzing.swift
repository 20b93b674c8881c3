/// The ONNX reader's entry for the fuzzer (Sources/FuzzONNX): parses bytes as a model and builds
/// its net; any outcome but a crash is fine.
@_spi(Fuzzing) public enum ONNXFuzzing {
    /// Reads `bytes` as Import would; returns whether a net came out.
    public static func read(_ bytes: [UInt8]) -> Bool {
        do throws(ONNXImport.Failure) {
            let model = try ONNXImport.parse(bytes)
            let net = try ONNXImport.net(model)
            _ = net.summary
            return true
        } catch {
            _ = error.message
            return false
        }
    }
}
