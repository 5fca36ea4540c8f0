#!/usr/bin/env bash
# The dynamic-MRI table of docs/DYNAMIC.md: the beating phantom (seed 1, 128x128) and Colin27 axial slice 95 in
# periodic motion (centred on 192x192, up to 4 px), 16 frames, 8 coils, noise 0.002, kt-random at 8x and 12x (seed 1);
# every method that takes series, with the weights chosen on the validation series of bench/dynamic-tune.sh (cs-tv
# at lambda 0.003 with 100 iterations, the best there for series; the k-t methods at their defaults). recon eval's
# s/slice is per frame.
# Usage: bench/dynamic-report.sh [OUT.md]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
recon() { java -jar "$here/app/target/recon.jar" "$@"; }
colin="${COLIN27:-/usr/share/mricron/templates/ch2.nii.gz}"
work="${BENCH_DIR:-$here/out/dynamic-report}"
mkdir -p "$work"
for accel in 8 12; do
  centre=$(python3 -c "print(round(0.48 / $accel, 3))")
  mask="kt-random:accel=$accel,center=$centre,seed=1"
  recon simulate --phantom beating --dynamic 16 --size 128 --coils 8 --noise 0.002 --seed 1 --mask "$mask" -o "$work/beating-$accel.npy" --overwrite > /dev/null
  recon simulate -i "$colin" --slices 95:96 --size 192 --dynamic 16 --coils 8 --noise 0.002 --seed 1 --motion 4 --mask "$mask" \
    -o "$work/colin-$accel.npy" --overwrite > /dev/null
done
out="${1:-$work/table.md}"
recon eval -m zero-filled,cg-sense,cs-tv,kt-lowrank,kt-l-plus-s,rdledm -p cs-tv.lambda=0.003 -p cs-tv.iterations=100 \
  -d "$work/beating-8.npy,$work/colin-8.npy,$work/beating-12.npy,$work/colin-12.npy" -o "$out" --overwrite
