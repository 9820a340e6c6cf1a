#!/usr/bin/env bash
# Regenerates Sources/BenchProto/<name>.pb.swift from every proto/<name>.proto with protoc and
# protoc-gen-swift 1.39.0 (built once from the swift-protobuf dependency; ~2 min the first time).
# The output is committed; run.sh never calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }
swift build -c release --product protoc-gen-swift
plugin="$(swift build -c release --show-bin-path)/protoc-gen-swift"
versions="$(protoc --version) + protoc-gen-swift $("$plugin" --version 2>/dev/null | awk '{print $NF}')"
for proto in proto/*.proto; do
    name="$(basename "$proto" .proto)"
    protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Public \
        --swift_out=Sources/BenchProto -I proto "$proto"
    # Say what made it, under the generator's own header.
    sed -i "s|^// Source: $name.proto$|// Source: $name.proto (Benchmarks/proto/$name.proto)\\n// Generator: $versions, by Benchmarks/proto/generate.sh; committed, not built by a plugin.|" \
        "Sources/BenchProto/$name.pb.swift"
    echo "generated Sources/BenchProto/$name.pb.swift ($versions)"
done
