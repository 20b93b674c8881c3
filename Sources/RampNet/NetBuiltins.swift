import RampKernel
import RampSyntax

/// Installs the net builtins (`ParametricRampLayer`, `NetInitialize`, `NetTrain`, …) into a kernel.
public enum NetBuiltins {
    public static func install(into kernel: Kernel) {
        tuneAllocatorOnce
        installMessages(kernel)
        installNumericArray(kernel)
        installLayers(kernel)
        installNetFunctions(kernel)
        installPersistence(kernel)
        installONNX(kernel)
        installTraining(kernel)
        NetOptions.install(kernel)
    }

    /// Message templates of the net area (wolfram-nn.md §1.8, §7).
    static func installMessages(_ k: Kernel) {
        let general: [(String, String)] = [
            ("nninit", "Cannot `1` net: unspecified `2` for `3`."),
            ("nfspec", "Cannot `1` net: `2` is not fully specified."),
            ("nfspecunk", "Cannot `1` net: net is not fully specified."),
            ("inpmiss", "Required input slot `1` was not provided."),
            ("inpunk", "Unknown input `1` provided."),
            ("netbatchlen", "The inputs have different numbers of examples: `1`."),
            ("invargc", "`1` inputs provided, `2` were expected."),
            ("netemptin", "Empty inputs are not permitted."),
            ("invindata1", "Data supplied to `1` was `2`, but expected `3`."),
            ("invindata2", "Data supplied to `1` was not `2` (or a list of these)."),
            ("invportshape", "Specification `1` is not compatible with `2`, which must be `3`."),
            ("netunkparam", "`1` is not a known parameter for `2`. Allowed parameters include: `3`."),
            ("netunkname", "Cannot find `1` in `2`."),
            ("netinvrule", "`1` is not a valid option for `2`."),
            ("netinvparam2", "Value of `1` given for `2` was invalid: `3`"),
            ("invvardim", "Varying dimension in `1` that isn't the first dimension."),
            ("netnopart", "Part `1` does not exist."),
            ("argcnterr", "`1`"),
            ("tnsrmaxsz", "Cannot create an array of dimensions `1` because it would consume `2`, which is `3`% of total system memory."),
            ("netinconsdims", "`1`"),
            ("nonetsumm", "Can only produce a summary graphic for a NetChain or NetGraph object."),
            ("netinvprop", "`1` is not a valid property for `2`; Information[net, \"Properties\"] lists the valid ones."),
            ("netinvspec", "`1` is not a valid specification for `2`."),
            ("nomxnet", "Ramp has no MXNet back end, so `1` is not available."),
        ]
        k.defineGeneralMessages(general.map { (tag: $0.0, template: $0.1) })
        k.setMessage("NetInitialize", "arg1", "First argument to NetInitialize should be a net or list of nets.")
        k.setMessage("NetInitialize", "arg2", "Second argument should be either All or Automatic.")
        k.setMessage("NetInitialize", "method", "Value of option Method -> `1` is not Automatic, \"Xavier\", \"Kaiming\", \"Random\" or {method, suboptions…}.")
        k.setMessage("NetInitialize", "seeding", "Value of option RandomSeeding -> `1` is not Automatic, Inherited, an integer, or a string. Inherited will be used instead.")
        k.setMessage("NetExtract", "arg1", "First argument `1` should be a net, NetEncoder, or NetDecoder.")
        k.setMessage("NetExtract", "invspec", "`1` is not a valid specification for NetExtract.")
        k.setMessage("NetReplacePart", "arg1", "First argument `1` should be a net.")
        k.setMessage("NetReplacePart", "invspec", "`1` is not a valid replacement specification for NetReplacePart.")
        k.setMessage("NumericArray", "type", "`1` is not a valid NumericArray type.")
        k.setMessage("NumericArray", "nodata", "`1` is not a rectangular array of numbers that can be converted to a NumericArray.")
    }

    // MARK: - NumericArray and the list functions that see through it

    static func installNumericArray(_ k: Kernel) {
        k.define("NumericArray", usage: "NumericArray[array, \"type\"] is a packed array of one machine type: \"Real32\", \"Real64\", \"Integer8\"…\"Integer64\" or \"UnsignedInteger8\"…\"UnsignedInteger64\" (values clipped and rounded).") { c in
            let args = c.args
            guard args.count == 1 || args.count == 2 else { return nil }
            var type: NumericType
            if args.count == 2 {
                guard let name = args[1].string, let t = NumericType(rawValue: name) else {
                    c.message("type", args[1])
                    return .failed
                }
                type = t
            } else {
                if case .native(let o as NumericArrayObject) = args[0] { return .native(o) }
                type = .real64
                if let p = PackedArray.pack(args[0]), case .integers(let a) = p.storage {
                    type = [NumericType.integer8, .integer16, .integer32, .integer64].first { t in
                        a.allSatisfy { t.integerRange!.contains($0) }
                    } ?? .integer64
                }
            }
            guard let o = NumericArrayObject.make(args[0], type: type) else {
                c.message("nodata", args[0])
                return .failed
            }
            return .native(o)
        }
    }

    // MARK: - Layer constructors

    /// The layer and container constructors, from the one list of layer types (LayerTypes.swift).
    static func installLayers(_ k: Kernel) {
        NetLayerType.installAll(k)
    }

    /// Runs a constructor; a failure issues its message and gives `$Failed`.
    static func constructor(_ c: BuiltinCall, _ make: () throws(NetFailure) -> any NetModel) -> Expr {
        do {
            return .native(try make())
        } catch {
            error.issue(c.kernel, c.head)
            return .failed
        }
    }

    /// What `Normal` gives for a net: the layers of a container, the parts of a layer.
    static func normalForm(_ net: any NetModel) -> Expr {
        if let chain = net as? NetChain { return chain.normalLayers }
        return association(net.partNames.compactMap { name in net.extract(name).map { (name, $0) } })
    }
}

/// `Normal[net]` (the kernel's builtin asks the object).
extension NetModel {
    public var normalForm: Expr { NetBuiltins.normalForm(self) }
}
