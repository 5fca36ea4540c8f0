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
methods="${1:-fbp,sirt,ct-tv}"
source "$(dirname "${BASH_SOURCE[0]}")/learned-common.sh" learned-ct-report "${2:-}"
common=(--modality ct -i "$brain" --slices 90:100 --photons 100000)
[ -f parallel16.npy ] || recon simulate "${common[@]}" --angles 0:180:16 -o parallel16.npy
[ -f fan16.npy ] || recon simulate "${common[@]}" --geometry fan --angles 0:360:16 -o fan16.npy
recon eval -m "$methods" -d parallel16.npy -o report-parallel16.md --overwrite
fan_methods=$(echo "$methods" | tr ',' '\n' | grep -vx fbp | paste -sd, -)
recon eval -m "$fan_methods" -d fan16.npy -o report-fan16.md --overwrite
cat report-parallel16.md report-fan16.md
