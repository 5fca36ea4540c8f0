#!/usr/bin/env bash
# The learned methods' report table (docs/LEARNED.md and the model cards): SSIM, PSNR, NMSE and seconds per slice
# of each method on the Colin27 report slab (axial slices 90-99, never trained on or validated on) and on the same
# slab in two contrasts no network was trained on (recon simulate --contrast: inverted = T2-like, arbitrary =
# PD-like), 8 birdcage coils, noise 0.0005, at 4x and 8x equispaced.
#
# Usage: bench/learned-report.sh [METHODS] [MODELS_DIR]
#   METHODS     comma-separated (default zero-filled,cg-sense,cs-wavelet,rim,cirim,varnet)
#   MODELS_DIR  weights to use instead of the shipped ones (-Drecon.models, e.g. a folder of recon train --export)
# Needs: Debian's mricron-data (the Colin27 template), a JDK 17 and Maven. Writes into $BENCH_DIR (default out/learned-report).
set -euo pipefail
methods="${1:-zero-filled,cg-sense,cs-wavelet,rim,cirim,varnet}"
source "$(dirname "${BASH_SOURCE[0]}")/learned-common.sh" learned-report "${2:-}"
common=(-i "$brain" --slices 90:100 --coils 8 --noise 0.0005)
[ -f t1.npy ] || recon simulate "${common[@]}" -o t1.npy
[ -f t2like.npy ] || recon simulate "${common[@]}" --contrast inverted --seed 7 -o t2like.npy
[ -f pdlike.npy ] || recon simulate "${common[@]}" --contrast arbitrary --seed 11 -o pdlike.npy
for accel in "accel=4,center=0.08" "accel=8,center=0.04"; do
  name="${accel%%,*}"
  recon eval -m "$methods" -d t1.npy,t2like.npy,pdlike.npy --mask "equispaced:$accel,seed=1" -o "report-${name#accel=}x.md" --overwrite
done
cat report-4x.md report-8x.md
