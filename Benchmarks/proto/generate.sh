#!/usr/bin/env bash
# Regenerates Sources/BenchProto/member_enrolled.pb.swift from member_enrolled.proto with protoc and
# protoc-gen-swift 1.39.0 (built once from the swift-protobuf dependency; ~2 min the first time).
# The output is committed; run.sh never calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }
swift build -c release --product protoc-gen-swift
plugin="$(swift build -c release --show-bin-path)/protoc-gen-swift"
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Public \
    --swift_out=Sources/BenchProto -I proto proto/member_enrolled.proto
# Say what made it, under the generator's own header.
versions="$(protoc --version) + protoc-gen-swift $("$plugin" --version 2>/dev/null | awk '{print $NF}')"
sed -i "s|^// Source: member_enrolled.proto$|// Source: member_enrolled.proto (Benchmarks/proto/member_enrolled.proto)\\n// Generator: $versions, by Benchmarks/proto/generate.sh; committed, not built by a plugin.|" \
    Sources/BenchProto/member_enrolled.pb.swift
echo "generated Sources/BenchProto/member_enrolled.pb.swift ($versions)"
