// swift-tools-version:6.1
// An app that embeds Ramp through its public API only (built and run by scripts/test.sh).
import PackageDescription

let package = Package(
    name: "EmbedRamp",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Ramp", path: "../..")],
    targets: [
        .executableTarget(name: "EmbedRamp", dependencies: [.product(name: "Ramp", package: "Ramp")]),
    ]
)
