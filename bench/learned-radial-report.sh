#!/usr/bin/env bash
# The radial MRI table of issue 17 (docs/LEARNED.md, docs/CT.md and the radial model cards): SSIM, PSNR, NMSE and
# seconds per slice on the Colin27 report slab (axial slices 90-99, never trained on or validated on; 217x181 centred
# on a 217x217 square, as radial scans sample a round field of view), 8 birdcage coils, smooth object phase up to
# 1 rad, noise 0.1 (about 4e-4 of the slab's maximum), 21 golden-angle spokes of 217 samples: R = 16 against
# Nyquist's pi/2 x 217 = 341 spokes.
#
# Usage: bench/learned-radial-report.sh [METHODS] [MODELS_DIR]
#   METHODS     comma-separated (default gridding,radial-cg-sense,radial-cs-tv; add lpd,pd-unet once their radial weights ship)
#   MODELS_DIR  weights to use instead of the shipped ones (-Drecon.models: a folder holding lpd-radial/ and pd-unet-radial/)
# Needs: Debian's mricron-data (the Colin27 template), a JDK 17 and Maven. Writes into $BENCH_DIR (default out/learned-radial-report).
set -euo pipefail
methods="${1:-gridding,radial-cg-sense,radial-cs-tv}"
source "$(dirname "${BASH_SOURCE[0]}")/learned-common.sh" learned-radial-report "${2:-}"
[ -f radial16.npy ] || recon simulate -i "$brain" --slices 90:100 --coils 8 --noise 0.1 --phase 1 --mask radial:spokes=21,golden=true --radial \
    -o radial16.npy
recon eval -m "$methods" -d radial16.npy -o report-radial16.md --overwrite
cat report-radial16.md
