#!/usr/bin/env bash
# The neural-operator table (issue 18, docs/LEARNED.md and its model card): SSIM, PSNR, NMSE and seconds per slice of
# each method on the Colin27 report slab (axial slices 90-99, never trained on or validated on), 8 birdcage coils,
# noise 0.0005, under four sampling patterns: equispaced 4x and 8x, Poisson disc 5x, golden-angle radial spokes on the
# grid at about 8x (25 spokes on 217x181). Then the same weights at matrix sizes never trained on: the slab Fourier-
# interpolated to 256x256 and 320x320 (slices 90-94; the 181 columns first padded to 217 with air), at 4x and 8x
# equispaced.
#
# Usage: bench/learned-operator-report.sh [METHODS] [MODELS_DIR] [RESOLUTION_METHODS]
#   METHODS             comma-separated (default cg-sense,cs-wavelet,cirim,varnet,neural-operator)
#   MODELS_DIR          weights to use instead of the shipped ones (-Drecon.models)
#   RESOLUTION_METHODS  for the 256/320 rows (default cs-wavelet,varnet,neural-operator; "none" skips them)
# Needs: Debian's mricron-data, a JDK 17, Maven, and python3 with numpy (for the interpolated slabs).
# Writes into $BENCH_DIR (default out/learned-operator-report).
set -euo pipefail
methods="${1:-cg-sense,cs-wavelet,cirim,varnet,neural-operator}"
resolution_methods="${3:-cs-wavelet,varnet,neural-operator}"
source "$(dirname "${BASH_SOURCE[0]}")/learned-common.sh" learned-operator-report "${2:-}"
[ -f t1.npy ] || recon simulate -i "$brain" --slices 90:100 --coils 8 --noise 0.0005 -o t1.npy
for pattern in "equispaced-4x equispaced:accel=4,center=0.08,seed=1" "equispaced-8x equispaced:accel=8,center=0.04,seed=1" \
    "poisson-5x poisson:accel=5,calib=22,seed=1" "radial-8x radial:spokes=25,golden=true"; do
  set -- $pattern
  [ -f "report-$1.md" ] || recon eval -m "$methods" -d t1.npy --mask "$2" -o "report-$1.md" --overwrite >/dev/null
  echo "## $1 ($2)"; cat "report-$1.md"
done
[ "$resolution_methods" = none ] && exit 0
for n in 256 320; do
  if [ ! -f "t1_$n.npy" ]; then
    python3 - "$brain" "$n" <<'PY'
import gzip, struct, sys
import numpy as np
path, n = sys.argv[1], int(sys.argv[2])
raw = gzip.open(path).read()
dims = struct.unpack('<8h', raw[40:56]); dtype = {2: np.uint8, 4: np.int16, 16: np.float32, 64: np.float64}[struct.unpack('<h', raw[70:72])[0]]
offset = int(struct.unpack('<f', raw[108:112])[0])
vol = np.frombuffer(raw[offset:], dtype=dtype, count=dims[1] * dims[2] * dims[3]).reshape(dims[3], dims[2], dims[1]).astype(np.float64)
slab = vol[90:95]                                   # [z][y][x]: axial slices 90-94 of the report slab, 217 x 181
pad = (slab.shape[1] - slab.shape[2]) // 2
square = np.pad(slab, ((0, 0), (0, 0), (pad, slab.shape[1] - slab.shape[2] - pad)))
m = square.shape[1]
k = np.fft.fftshift(np.fft.fft2(square), axes=(1, 2))
big = np.zeros((k.shape[0], n, n), complex)
a = (n - m) // 2
big[:, a:a + m, a:a + m] = k                          # sinc interpolation: the same field of view on a finer grid
img = np.real(np.fft.ifft2(np.fft.ifftshift(big, axes=(1, 2)))) * (n * n) / (m * m)
np.save(f"t1_{n}_image.npy", np.clip(img, 0, None).astype(np.float32))
PY
    recon simulate -i "t1_${n}_image.npy" --coils 8 --noise 0.0005 -o "t1_$n.npy"
  fi
  for pattern in "4x equispaced:accel=4,center=0.08,seed=1" "8x equispaced:accel=8,center=0.04,seed=1"; do
    set -- $pattern
    [ -f "report-${n}-$1.md" ] || recon eval -m "$resolution_methods" -d "t1_$n.npy" --mask "$2" -o "report-${n}-$1.md" --overwrite >/dev/null
    echo "## ${n}x${n}, equispaced $1"; cat "report-${n}-$1.md"
  done
done
