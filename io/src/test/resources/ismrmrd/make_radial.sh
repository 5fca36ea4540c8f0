#!/usr/bin/env bash
# Radial ISMRMRD test file written by the ISMRMRD library itself (Debian: apt-get install libismrmrd-dev libhdf5-dev
# g++ python3-numpy), from k-space our simulator samples exactly on 40 golden-angle spokes of a 48x48
# Shepp-Logan with 4 coils. Keeps our .npy version (radial*.npy, radial.json) to compare against.
# Run from this folder after building the project (bin/recon).
set -euo pipefail
here=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
../../../../../bin/recon simulate --phantom shepp_logan --size 48 --coils 4 --mask radial:spokes=40,golden=true --radial \
  -o "$here/radial.npy" --overwrite >/dev/null
/usr/bin/python3 - "$tmp" <<'PY'
import sys, numpy as np
tmp = sys.argv[1]
s = np.load("radial.npy")                      # [slices][coils][spokes][readout] complex64
t = np.load("radial_traj.npy")                 # [spokes][readout][2]: kx (columns), ky (rows)
np.ascontiguousarray(s).view(np.float32).tofile(tmp + "/samples.f32")
# ISMRMRD x is our column axis (images are [y][x], as for Cartesian files), so its first trajectory value is our kx.
t.astype(np.float32).tofile(tmp + "/traj.f32")
PY
g++ -O1 -I/usr/include/hdf5/serial -o "$tmp/make_radial" make_radial.cpp -lismrmrd
"$tmp/make_radial" "$tmp/samples.f32" "$tmp/traj.f32" 1 4 40 48 48 radial_ismrmrd.h5
