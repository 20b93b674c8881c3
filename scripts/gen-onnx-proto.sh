#!/usr/bin/env bash
# Regenerates Sources/RampNet/ONNX/OnnxSubset.pb.swift from Protos/onnx-subset.proto. The generated
# file is committed (generating at build time would cost minutes), so only run this after changing
# the .proto. Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift of the swift-protobuf
# version in Package.swift (built here from the package's checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc missing: apt-get install protobuf-compiler" >&2; exit 1; }
swift package resolve >/dev/null
plugin_dir=.build/checkouts/swift-protobuf
(cd "$plugin_dir" && swift build -c release --product protoc-gen-swift >/dev/null)
plugin="$(cd "$plugin_dir" && swift build -c release --show-bin-path)/protoc-gen-swift"
out=$(mktemp -d)
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Internal --swift_out="$out" -I Protos Protos/onnx-subset.proto
mv "$out/onnx-subset.pb.swift" Sources/RampNet/ONNX/OnnxSubset.pb.swift
rmdir "$out"
echo "wrote Sources/RampNet/ONNX/OnnxSubset.pb.swift"
