#!/usr/bin/env bash
# Runs `recon batch -j 2 --device auto` RUNS times (default 50) over a mixed folder: the bundled samples, a
# simulated file and four corrupt files (DEVICE=opencl METHODS=cg-sense,cs-tv runs them on the OpenCL runtime). Counts exits by code; a crash (exit >= 128,
# e.g. 139 for SIGSEGV) or a run without a complete summary.csv fails the script. Needs bin/recon built.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${RUNS:-50}
recon=${RECON:-$here/bin/recon}
device=${DEVICE:-auto}
methods=${METHODS:-zero-filled,cg-sense}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in="$work/in"
mkdir -p "$in"
cp "$here"/sample-data/*.npy "$here"/sample-data/*.json "$here"/sample-data/*.h5 "$in"/
"$recon" simulate --phantom ellipses --size 96 --coils 4 --seed 3 -o "$in/sim_ellipses.npy" >/dev/null
head -c 3000 "$here/sample-data/shepp_logan_8coil.npy" > "$in/truncated.npy"
head -c 4096 /dev/urandom > "$in/random.h5"
: > "$in/empty.npy"
printf '\x93NUMPY\x01\x00v\x00{"descr": "<c8", "fortran_order": False, "shape": (1, 2, 16, 16), }' > "$in/header_only.npy"
rm -f "$in"/*_traj.npy.tmp; files=$(ls "$in" | wc -l)
declare -A codes
crashes=0
for i in $(seq 1 "$runs"); do
  out="$work/out$i"
  "$recon" batch -i "$in" -o "$out" -m "$methods" -j 2 --device "$device" >"$work/log$i" 2>&1
  rc=$?
  codes[$rc]=$(( ${codes[$rc]:-0} + 1 ))
  if [ $rc -ge 128 ] || [ ! -s "$out/summary.csv" ]; then
    crashes=$((crashes + 1))
    echo "run $i: exit $rc"; tail -5 "$work/log$i"
    cp "$work/log$i" "${CRASH_LOGS:-/tmp}/batch-crash-run$i.log" 2>/dev/null
  fi
  rm -rf "$out"
done
echo "batch -m $methods -j 2 --device $device over $files files, $runs runs:"
for c in "${!codes[@]}"; do echo "  exit $c: ${codes[$c]} runs"; done
echo "crashes: $crashes"
[ "$crashes" -eq 0 ]
