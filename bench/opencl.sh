#!/usr/bin/env bash
# OpenCL (Aparapi) against the CPU path in one run: centered 2D FFT of 8 coils at 256x256 and 320x320, and
# whole CG-SENSE and cs-tv reconstructions (8 coils, 40 iterations).
# Runs on whatever OpenCL device Aparapi finds: PoCL on the CPU here (apt-get install pocl-opencl-icd
# ocl-icd-libopencl1), a GPU where its vendor's OpenCL driver is installed ('bin/recon devices' lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl gpu dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
java -cp "gpu/target/test-classes:gpu/target/classes:$(cat "$cp")" org.reconwb.gpu.OpenClBench "${1:-20}" 2>&1 | grep -v "^WARNING: Aparapi"
