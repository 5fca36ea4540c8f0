#!/usr/bin/env bash
# The sparse-view CT table of issue 17 (docs/CT.md and the model cards): SSIM, PSNR, NMSE and seconds per slice on
# the Colin27 report slab (axial slices 90-99, never trained on or validated on; 217x181 centred on a 217x217 square
# of air), every 16th view of a dense scan, 10^5 photons per ray: parallel beam (0:180:16, 12 views) and fan beam
# with a flat detector (0:360:16, 23 views; sparse fan scans have no FBP, so fbp is left out there).
#
# Usage: bench/learned-ct-report.sh [METHODS] [MODELS_DIR]
#   METHODS     comma-separated (default fbp,sirt,ct-tv; add lpd,pd-unet once they ship)
#   MODELS_DIR  weights to use instead of the shipped ones (-Drecon.models, e.g. a folder of recon train --export)
# Needs: Debian's mricron-data (the Colin27 template), a JDK 17 and Maven. Writes into $BENCH_DIR (default out/learned-ct-report).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
methods="${1:-fbp,sirt,ct-tv}"
brain=/usr/share/mricron/templates/ch2.nii.gz
[ -f "$brain" ] || { echo "learned-ct-report: $brain is missing (apt-get install mricron-data)" >&2; exit 2; }
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
opts=(-Dai.djl.offline=true)
if [ -n "${2:-}" ]; then opts+=("-Drecon.models=$(cd "$2" && pwd)"); fi
recon() { java "${opts[@]}" -jar "$here/app/target/recon.jar" "$@"; }
work="${BENCH_DIR:-$here/out/learned-ct-report}"
mkdir -p "$work"
cd "$work"
common=(--modality ct -i "$brain" --slices 90:100 --photons 100000)
[ -f parallel16.npy ] || recon simulate "${common[@]}" --angles 0:180:16 -o parallel16.npy
[ -f fan16.npy ] || recon simulate "${common[@]}" --geometry fan --angles 0:360:16 -o fan16.npy
recon eval -m "$methods" -d parallel16.npy -o report-parallel16.md --overwrite
fan_methods=$(echo "$methods" | tr ',' '\n' | grep -vx fbp | paste -sd, -)
recon eval -m "$fan_methods" -d fan16.npy -o report-fan16.md --overwrite
cat report-parallel16.md report-fan16.md
