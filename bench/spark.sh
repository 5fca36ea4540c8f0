#!/usr/bin/env bash
# recon batch on the local runner and on Spark (local mode) over the same folder as bench/batch-throughput.sh
# (17 simulated 8-coil 128x128 k-spaces, 3 corrupt files; cg-sense and cs-tv): wall time of each run, the ratios,
# whether every output is byte-identical to the local runner's, Spark's start-up, a resumed run (which only
# retries the 3 bad files); then the cost of one fastMRI-sized slice (16 coils, 320x320) for the estimate in docs/SPARK.md.
# Usage: bench/spark.sh [FILES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/spark/target/recon-spark.jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl spark -am)
recon() { "$here/bin/recon" "$@"; }
files="${1:-17}"
work="${BENCH_DIR:-$here/out/bench-spark}"
rm -rf "$work"; mkdir -p "$work/in"
for i in $(seq 1 "$files"); do
  recon simulate --phantom ellipses --seed "$i" --size 128 --coils 8 --noise 0.001 -o "$work/in/case$i.npy" >/dev/null
done
head -c 10000 "$work/in/case1.npy" > "$work/in/truncated.npy"
printf 'not k-space' > "$work/in/text.npy"
printf '\x89HDF\r\n\x1a\n garbage' > "$work/in/bad.h5"
args=(-m cg-sense,cs-tv --mask poisson:accel=4,calib=16,seed=1 --device cpu)
timed() { # NAME COMMAND...: runs it, prints and keeps the wall time
  local name=$1; shift
  local t0 t1 code=0
  t0=$(date +%s.%N)
  "$@" > "$work/$name.log" 2> "$work/$name.err" || code=$?
  t1=$(date +%s.%N)
  python3 -c "print(f'{\"$name\":<16} {$t1 - $t0:7.1f} s  exit $code  ' + open('$work/$name.log').readline().strip()[:60])"
  python3 -c "print($t1 - $t0)" > "$work/$name.time"
}
timed local-j1 recon batch -i "$work/in" -o "$work/local-j1" "${args[@]}" -j 1
timed local-j2 recon batch -i "$work/in" -o "$work/local-j2" "${args[@]}" -j 2
timed spark-local1 recon batch -i "$work/in" -o "$work/spark-local1" "${args[@]}" --engine spark --master 'local[1]'
timed spark-local2 recon batch -i "$work/in" -o "$work/spark-local2" "${args[@]}" --engine spark --master 'local[2]'
timed spark-resume recon batch -i "$work/in" -o "$work/spark-local2" "${args[@]}" --engine spark --master 'local[2]'
grep -h '^spark:' "$work"/spark-local*.err
python3 - "$work" <<'PY'
import sys, pathlib
w = pathlib.Path(sys.argv[1])
t = {p.stem: float(p.read_text()) for p in w.glob('*.time')}
print(f"local -j 2 / -j 1: {t['local-j2'] / t['local-j1']:.2f}; spark local[1] / local -j 1: {t['spark-local1'] / t['local-j1']:.2f};"
      f" spark local[2] / local -j 2: {t['spark-local2'] / t['local-j2']:.2f}; spark local[2] / local[1]: {t['spark-local2'] / t['spark-local1']:.2f}")
ref = w / 'local-j1'
for run in ['local-j2', 'spark-local1', 'spark-local2']:
    same = all((w / run / p.relative_to(ref)).read_bytes() == p.read_bytes() for p in ref.glob('*.tif'))
    print(f"{run}: {len(list((w / run).glob('*.tif')))} outputs, byte-identical to local -j 1: {same}")
PY
# One fastMRI-sized slice: 16 coils, 320x320 (as fastMRI brain images), both methods, on the local runner.
mkdir -p "$work/big/in"
recon simulate --phantom ellipses --seed 1 --size 320 --coils 16 --noise 0.001 -o "$work/big/in/brain.npy" >/dev/null
timed big-local-j1 recon batch -i "$work/big/in" -o "$work/big/out" "${args[@]}" -j 1
python3 -c "
import json
for r in json.load(open('$work/big/out/summary.json')):
    print(f\"16-coil 320x320 slice, {r['method']}: {r['seconds']:.2f} s (SSIM {r['ssim']:.4f})\")"
