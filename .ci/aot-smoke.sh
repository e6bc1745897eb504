#!/usr/bin/env bash
# The NativeAOT gate: the smoke app, published with NativeAOT and again trimmed and self-contained,
# must send every span intact through the managed pipeline (to a loopback test agent) and the
# libdatadog pipeline (into the C conformance library). Publishing treats trim/AOT warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet publish tests/SpanMarshal.AotSmoke -c Release -o "$out/aot"
"$out/aot/SpanMarshal.AotSmoke"

dotnet publish tests/SpanMarshal.AotSmoke -c Release -p:SmokePublish=trimmed -o "$out/trimmed"
"$out/trimmed/SpanMarshal.AotSmoke"
