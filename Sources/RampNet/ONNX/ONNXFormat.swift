import RampKernel
import RampSyntax

/// The "ONNX" file format for Import and Export (`.onnx`): see ONNXExport and ONNXImport for
/// what maps to what. Import elements follow Wolfram's ONNX format page: "Net" (default),
/// "ArrayList", "ArrayAssociation", "IRVersion", "OperatorSetVersion", "ProducerName",
/// "ProducerVersion", "ModelDomain", "ModelVersion", "Description", "Elements", "Rules".
extension NetBuiltins {
    static let onnxElements = ["ArrayAssociation", "ArrayList", "Description", "IRVersion", "ModelDomain",
                               "ModelVersion", "Net", "OperatorSetVersion", "ProducerName", "ProducerVersion"]

    static func installONNX(_ k: Kernel) {
        k.setMessage("Export", "onnx", "Cannot export `1` as ONNX: `2`.")
        k.setMessage("Import", "onnx", "Cannot import `1` as ONNX: `2`.")
        k.setMessage("Import", "onnxop", "Cannot import `1`: the ONNX operator `2` has no Ramp equivalent.")
        k.setMessage("Import", "noelem", "The Import element \"`1`\" is not present when importing as `2`.")
        k.registerFileFormat(FileFormatHandler(
            name: "ONNX", extensions: ["onnx"],
            importFile: { path, c in importONNX(path, element: "Net", c) },
            exportFile: { path, value, c in exportONNX(path, value, c) },
            importElement: { path, element, c in importONNX(path, element: element, c) }))
    }

    private static func exportONNX(_ path: String, _ value: Expr, _ c: BuiltinCall) -> Expr {
        guard case .native(let net as any NetModel) = value else {
            c.message("onnx", value, "only nets can be exported as ONNX")
            return .failed
        }
        do throws(ONNXFailure) {
            let model = try ONNXExport.model(net, producerVersion: Kernel.version)
            let bytes: [UInt8]
            do { bytes = try model.serializedBytes() } catch { throw ONNXFailure("the model could not be encoded (\(error))") }
            do throws(FileAccess.Failure) {
                try FileAccess.writeAtomically(path, bytes: bytes)
            } catch {
                c.kernel.message(c.head, "wrte", [.string(path)])
                return .failed
            }
            return .string(path)
        } catch {
            c.message("onnx", value, .string(error.message))
            return .failed
        }
    }

    private static func importONNX(_ path: String, element: String, _ c: BuiltinCall) -> Expr {
        if element == "Elements" { return .list((onnxElements + ["Rules"]).sorted().map(Expr.string)) }
        guard element == "Rules" || onnxElements.contains(element) else {
            c.message("noelem", .string(element), "ONNX")
            return .failed
        }
        let bytes: [UInt8]
        do throws(FileAccess.Failure) {
            bytes = try FileAccess.readBytes(path)
        } catch {
            switch error {
            case .notFound: c.message("nffil")
            case .tooLarge: c.outOfMemory()
            default: c.kernel.message(c.head, "noopen", [.string(path)])
            }
            return .failed
        }
        do throws(ONNXImport.Failure) {
            let model = try ONNXImport.parse(bytes)
            if element == "Rules" {
                var rules: [Expr] = []
                for name in onnxElements { rules.append(.call(Sym.Rule, [.string(name), try value(of: name, model)])) }
                return .list(rules)
            }
            return try value(of: element, model)
        } catch {
            if let op = error.op { c.message("onnxop", .string(path), .string(op)) } else { c.message("onnx", .string(path), .string(error.message)) }
            return .failed
        }
    }

    /// One import element of a parsed model.
    private static func value(of element: String, _ model: Onnx_ModelProto) throws(ONNXImport.Failure) -> Expr {
        switch element {
        case "Net": return .native(try ONNXImport.net(model))
        case "IRVersion": return .integer(Int(model.irVersion))
        case "OperatorSetVersion":
            return association(model.opsetImport.map { o in (Expr.string(o.domain.isEmpty ? "ai.onnx" : o.domain), Expr.integer(Int(o.version))) })
        case "ProducerName": return .string(model.producerName)
        case "ProducerVersion": return .string(model.producerVersion)
        case "ModelDomain": return .string(model.domain)
        case "ModelVersion": return .integer(Int(model.modelVersion))
        case "Description": return .string(model.docString)
        case "ArrayList", "ArrayAssociation":
            var arrays: [(Expr, Expr)] = []
            for t in model.graph.initializer where t.dataType == Int32(Onnx_TensorProto.DataType.float.rawValue)
                || t.dataType == Int32(Onnx_TensorProto.DataType.double.rawValue) {
                let (shape, values) = try ONNXImport.floats(t)
                arrays.append((.string(t.name), .native(NumericArrayObject(Tensor(shape: shape, data: values)))))
            }
            return element == "ArrayList" ? .list(arrays.map(\.1)) : association(arrays)
        default:
            throw ONNXImport.Failure(message: "no element \(element)")
        }
    }
}
