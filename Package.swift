// swift-tools-version:6.1
import PackageDescription

/// Hot numeric loops (RampNet) are compiled with optimisation even in debug builds, so tests that
/// train nets run at real speed (see ../shared/reference/swift-tooling.md §3).
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// RampKernel's release build with whole-module optimization did not finish in 26 CPU-minutes (some
/// construct sends the optimizer into a pathological case, not yet found); file-by-file optimization
/// builds it in about two minutes.
/// Dynamic exclusivity checks are off in release (debug builds and tests keep them): they cost the
/// evaluator about a tenth of its time, on every access to the kernel's state.
let perFileOptimizationInRelease: [SwiftSetting] = [
    .unsafeFlags(["-no-whole-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Ramp",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Ramp", targets: ["Ramp"]),
        .executable(name: "ramp", targets: ["ramp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // GNU readline, linked through a module map (no pkg-config: its flags make SwiftPM warn).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"]), .brew(["readline"])]),
        // GMP (big integers and rationals), the same way; wrapped once, by RampSyntax's `BigInt`.
        .systemLibrary(name: "CGMP", path: "Sources/CGMP",
                       providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]),
        // MPFR (arbitrary-precision reals), the same way; wrapped once, by RampSyntax's `BigReal`.
        .systemLibrary(name: "CMPFR", path: "Sources/CMPFR",
                       providers: [.apt(["libmpfr-dev"]), .brew(["mpfr"])]),
        // Cairo (2D drawing to PNG, SVG and PDF), the same way; wrapped once, by RampGraphics.
        .systemLibrary(name: "CCairo", path: "Sources/CCairo",
                       providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]),
        // ZeroMQ (the Jupyter kernel's sockets), the same way; wrapped once, by RampJupyter's `ZMQSocket`.
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ",
                       providers: [.apt(["libzmq3-dev"]), .brew(["zeromq"])]),
        // FLINT (multivariate polynomials over the integers and rationals), the same way; wrapped
        // once, by RampAlgebra's `Polynomial`.
        .systemLibrary(name: "CFlint", path: "Sources/CFlint",
                       providers: [.apt(["libflint-dev"]), .brew(["flint"])]),
        // Optimised in debug builds too: its integer factoring (rho, ECM, the quadratic sieve) runs
        // in tests and CLI tests through the debug `ramp`.
        .target(name: "RampSyntax", dependencies: ["CGMP", "CMPFR"], swiftSettings: optimizedInDebug),
        .target(name: "RampKernel", dependencies: [
            "RampSyntax",
            .product(name: "OrderedCollections", package: "swift-collections"),
            .product(name: "RealModule", package: "swift-numerics"),
        ], swiftSettings: perFileOptimizationInRelease),
        // ONNX models are protobuf messages: Sources/RampNet/ONNX/OnnxSubset.pb.swift is generated
        // from Protos/onnx-subset.proto by scripts/gen-onnx-proto.sh and committed.
        .target(name: "RampNet", dependencies: [
            "RampKernel", "RampSyntax",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], swiftSettings: optimizedInDebug),
        // Symbolic algebra and calculus: polynomials on FLINT (Expand, Factor, …), D and the rest.
        .target(name: "RampAlgebra", dependencies: [
            "RampKernel", "RampSyntax", "CFlint",
            .product(name: "ComplexModule", package: "swift-numerics"),
        ]),
        // Graphics: the symbolic Graphics expression, plots, and rendering through Cairo.
        .target(name: "RampGraphics", dependencies: ["RampKernel", "RampSyntax", "CCairo"]),
        .target(name: "Ramp", dependencies: ["RampSyntax", "RampKernel", "RampNet", "RampGraphics", "RampAlgebra"]),
        // RampKernel and RampSyntax are named (not only reached through Ramp's re-export) so that an
        // incremental build recompiles the REPL when the kernel's public API changes.
        .target(name: "RampREPL", dependencies: ["Ramp", "RampKernel", "RampSyntax", "CReadline"]),
        // The Jupyter kernel (messaging protocol 5.3 over ZeroMQ, HMAC-SHA256 signatures), beside the REPL.
        .target(name: "RampJupyter", dependencies: [
            "Ramp", "RampREPL", "RampKernel", "RampSyntax", "CZMQ",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "ramp", dependencies: [
            "RampREPL", "RampJupyter", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // PReLU speed benchmark (built in release by scripts/bench/prelu.sh).
        .executableTarget(name: "PReLUBench", dependencies: ["RampNet", "RampKernel", "RampSyntax"], swiftSettings: optimizedInDebug),
        // libFuzzer entry point; a no-op binary in plain builds. See scripts/fuzz.sh.
        .executableTarget(name: "FuzzParse", dependencies: ["RampSyntax"]),
        // The evaluation fuzzer: programs from bytes, evaluated with a time budget (scripts/fuzz.sh eval).
        .target(name: "RampFuzzing", dependencies: ["Ramp"]),
        .executableTarget(name: "FuzzEval", dependencies: ["Ramp", "RampFuzzing"]),
        // libFuzzer entry point for the ONNX reader; a no-op binary in plain builds (scripts/fuzz.sh onnx).
        .executableTarget(name: "FuzzONNX", dependencies: ["RampNet"]),
        // Parse benchmark driver for scripts/bench/parse.sh.
        .executableTarget(name: "ParseBench", dependencies: ["RampSyntax"]),

        .testTarget(name: "RampSyntaxTests", dependencies: ["RampSyntax"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RampKernelTests", dependencies: ["RampKernel", "Ramp"], resources: [.copy("Conformance"), .copy("Fixtures")]),
        .testTarget(name: "RampNetTests", dependencies: ["RampNet", "Ramp"], swiftSettings: optimizedInDebug),
        .testTarget(name: "RampAlgebraTests", dependencies: ["RampAlgebra", "Ramp"], resources: [.copy("Conformance")]),
        .testTarget(name: "RampGraphicsTests", dependencies: ["RampGraphics", "Ramp"]),
        .testTarget(name: "RampREPLTests", dependencies: ["RampREPL"]),
        .testTarget(name: "RampJupyterTests", dependencies: ["RampJupyter"]),
        .testTarget(name: "RampTests", dependencies: ["Ramp", "RampFuzzing"]),
        .testTarget(name: "CLITests", dependencies: []),
    ]
)
