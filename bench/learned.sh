#!/usr/bin/env bash
# Inference time of the learned networks per 8-coil slice (default 192x192) on this machine's CPU: RIM with
# GRU, MGU and IndRNN cells, CIRIM, the E2E-VarNet (its 60- and 20-iteration starts), the neural-operator network (dense
# and CP-factorised) and the image-domain U-Net at the shipped sizes, and how much of it is the CG-SENSE start image.
# Usage: bench/learned.sh [SIZE] [REPEATS] [PYTORCH_THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests install 2>/dev/null || mvn -B -q -DskipTests install
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl learned dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
threads=()
if [ -n "${3:-}" ]; then threads=(-Dai.djl.pytorch.num_threads="$3" -Dai.djl.pytorch.num_interop_threads=1); fi
java "${threads[@]}" -cp "learned/target/test-classes:learned/target/classes:$(cat "$cp")" \
    org.reconwb.learned.NetworkTimingBench "${1:-192}" "${2:-5}"
