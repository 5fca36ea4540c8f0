#!/usr/bin/env bash
# ISMRMRD test files written by the ISMRMRD tools (Debian: apt-get install ismrmrd-tools python3-h5py).
# Run from this folder. The generator's noise is random, so reruns differ in the noise only.
set -euo pipefail
ismrmrd_generate_cartesian_shepp_logan -m 32 -c 4 -n 0.01 -o full.h5 >/dev/null
ismrmrd_generate_cartesian_shepp_logan -m 32 -c 4 -n 0.01 -a 2 -w 12 -C -o accel_noisecal.h5 >/dev/null
# Expected image: RSS of the generator's own coil images, readout oversampling cropped, as [y][x] (as stored).
/usr/bin/python3 - <<'PY'
import h5py, numpy as np
with h5py.File("full.h5") as f:
    raw = f["dataset/coil_images"][0]          # [coil][y][x] as (real, imag) records, x oversampled 2x
    c = raw["real"] + 1j * raw["imag"]
nx = c.shape[-1] // 2
crop = c[:, :, nx // 2: nx // 2 + nx]
np.save("full_coil_rss.npy", np.sqrt((np.abs(crop) ** 2).sum(0)).astype(np.float32))
PY
