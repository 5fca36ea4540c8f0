#!/usr/bin/env bash
# JMH benchmarks of the numerical kernels (module perf): the ray-driven projector pair (fan and parallel beam,
# 128 and 512 pixels, 360 and 720 views) and one SENSE normal application (256x256, 8 and 16 coils) beside its FFTs
# alone, whose ratio is the FFT's share of it. Prints JMH's table; docs/BENCHMARKS.md holds a run.
#
# Usage: bench/jmh.sh [JMH_ARGS...]   e.g. bench/jmh.sh ProjectorBenchmark -p size=128, or -prof gc
# Needs: a JDK 17 and Maven. Takes about 4 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/perf/target/benchmarks.jar" ] || (cd "$here" && mvn -B -q -pl perf -am -DskipTests package)
java -jar "$here/perf/target/benchmarks.jar" "${@:-ProjectorBenchmark|SenseNormalBenchmark}" -rf text -rff "${BENCH_DIR:-$here/out}/jmh.txt"
