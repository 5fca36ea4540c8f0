#!/usr/bin/env bash
# Weights of the dynamic-MRI methods chosen on validation series (never the report's): the beating phantom with
# seed 2 and Colin27 axial slice 65 in motion (192x192), 16 frames, 8 coils, kt-random 8x (seed 2). Prints the mean
# SSIM over the two series for every setting given.
# Usage: bench/dynamic-tune.sh METHOD "-p a=1 -p b=2" ["-p a=3 ..."]...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
recon() { java -jar "$here/app/target/recon.jar" "$@"; }
colin="${COLIN27:-/usr/share/mricron/templates/ch2.nii.gz}"
work="${BENCH_DIR:-$here/out/dynamic-tune}"
mkdir -p "$work"
[ -f "$work/vbeat8.npy" ] || recon simulate --phantom beating --dynamic 16 --size 128 --coils 8 --noise 0.002 --seed 2 \
  --mask kt-random:accel=8,center=0.06,seed=2 -o "$work/vbeat8.npy" > /dev/null
[ -f "$work/vcolin8.npy" ] || recon simulate -i "$colin" --slices 65:66 --size 192 --dynamic 16 --coils 8 --noise 0.002 --seed 2 \
  --motion 4 --mask kt-random:accel=8,center=0.06,seed=2 -o "$work/vcolin8.npy" > /dev/null
method=$1; shift
for setting in "$@"; do
  total=0; line=""
  for f in vbeat8 vcolin8; do
    # shellcheck disable=SC2086
    s=$(recon run -i "$work/$f.npy" -m "$method" $setting -o "$work/x.npy" --overwrite 2>&1 | sed -n 's/.*SSIM \([0-9.]*\).*/\1/p')
    line="$line $f $s"; total=$(python3 -c "print($total + $s)")
  done
  python3 -c "print(f'$method $setting: mean SSIM {$total / 2:.4f} ($line )')"
done
