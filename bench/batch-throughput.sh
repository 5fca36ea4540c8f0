#!/usr/bin/env bash
# recon batch on a folder of 20 files (17 simulated 8-coil 128x128 k-spaces, 3 corrupt), with -j 1 and
# -j 2: prints the wall time of each run and the ratio, then shows that a second run resumes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
recon() { java -jar "$here/app/target/recon.jar" "$@"; }
work="${BENCH_DIR:-$here/out/bench-batch}"
rm -rf "$work"; mkdir -p "$work/in"
for i in $(seq 1 17); do
  recon simulate --phantom ellipses --seed "$i" --size 128 --coils 8 --noise 0.001 -o "$work/in/case$i.npy" >/dev/null
done
head -c 10000 "$work/in/case1.npy" > "$work/in/truncated.npy"
printf 'not k-space' > "$work/in/text.npy"
printf '\x89HDF\r\n\x1a\n garbage' > "$work/in/bad.h5"
args=(-m cg-sense,cs-tv --mask poisson:accel=4,calib=16,seed=1)
for j in 1 2; do
  t0=$(date +%s.%N)
  recon batch -i "$work/in" -o "$work/out-j$j" "${args[@]}" -j "$j" 2>/dev/null | head -1 || true
  t1=$(date +%s.%N)
  python3 -c "print(f\"j=$j: {$t1 - $t0:.1f} s\")"
  echo "$t0 $t1" > "$work/time-j$j"
done
python3 -c "
import sys
t1 = [float(x) for x in open('$work/time-j1').read().split()]
t2 = [float(x) for x in open('$work/time-j2').read().split()]
print(f'-j 2 / -j 1 wall time: {(t2[1]-t2[0])/(t1[1]-t1[0]):.2f}')"
t0=$(date +%s.%N)
recon batch -i "$work/in" -o "$work/out-j2" "${args[@]}" -j 2 2>/dev/null | head -1 || true
t1=$(date +%s.%N)
python3 -c "print(f\"second run (resume): {$t1 - $t0:.1f} s\")"
