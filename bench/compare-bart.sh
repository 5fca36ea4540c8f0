#!/usr/bin/env bash
# Compares our compressed-sensing reconstructions with BART's on the same k-space, in one run.
#
# Data: BART's 256x256 8-coil phantom, undersampled by a BART Poisson-disc mask (about 5x, 24x24
# calibration). BART: ecalib -m1 + pics -l1 -r 0.005 -i 100 (l1-wavelet) and pics -R T:3:0:0.002 -i 100
# (total variation), each with -S so the image comes back in the input's scale and can be scored against
# the fully sampled RSS. Ours: `recon run` on BART's .cfl with default parameters (ESPIRiT maps included).
# Scores: fastMRI SSIM/PSNR against the RSS of the fully sampled phantom, both images by `recon score`
# after the timed runs. Times: wall clock of the whole commands that make the image (ours includes JVM
# start-up, reading, ESPIRiT and writing; BART's includes ecalib), the median of
# BENCH_REPEATS (default 3) runs of each, BART's and ours in turn.
#
# Needs: bart (apt-get install bart), a JDK 17 and Maven (the jar is built if missing), python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v bart >/dev/null || { echo "compare-bart: BART is not installed (apt-get install bart)" >&2; exit 2; }
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
recon() { "$here/bin/recon" "$@"; } # as a user runs it (its class-data archive included)
work="${BENCH_DIR:-$here/out/bench-bart}"
mkdir -p "$work"
cd "$work"
rm -f ./*.cfl ./*.hdr ./*.json ./*.npy

now() { date +%s.%N; }
bart phantom -x 256 -s 8 -k ksp
bart fft -i -u 3 ksp coilimg
bart rss 8 coilimg ref
bart poisson -Y 256 -Z 256 -y 2.24 -z 2.24 -C 24 -s 1 pat >/dev/null
bart transpose 1 0 pat pat1
bart transpose 2 1 pat1 mask
bart fmac ksp mask uksp

declare -A bart_cmd=(
  [cs-wavelet]="pics -S -l1 -r 0.005 -i 100"
  [cs-tv]="pics -S -R T:3:0:0.002 -i 100"
)
rows=()
repeats="${BENCH_REPEATS:-3}"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
for method in cs-wavelet cs-tv; do
  # each whole command $repeats times, in turn, and the median of each: one run varies by 10 % on a shared machine
  tb=(); to=()
  for ((r = 0; r < repeats; r++)); do
    t0=$(now)
    bart ecalib -m1 uksp sens >/dev/null
    bart ${bart_cmd[$method]} uksp sens "bart_$method" >/dev/null 2>&1
    t1=$(now)
    recon run -i uksp.cfl -m "$method" -o "ours_$method.npy" --overwrite >/dev/null 2>&1
    t2=$(now)
    tb+=("$(echo "$t1 - $t0" | bc -l)"); to+=("$(echo "$t2 - $t1" | bc -l)")
  done
  # both images scored alike, outside the timing
  recon score -r ref.cfl "bart_$method.cfl" --json > "bart_$method.json"
  recon score -r ref.cfl "ours_$method.npy" --json > "ours_$method.json"
  # where our time goes (stages), from one more run that is not timed
  recon run -i uksp.cfl -m "$method" -o "stages_$method.npy" --metrics-json "stages_$method.json" --overwrite >/dev/null 2>&1
  rows+=("$method $(median "${tb[@]}") $(median "${to[@]}")")
done

python3 - "${rows[@]}" <<'PY'
import json, sys
print(f"{'regulariser':<12} {'BART SSIM':>9} {'ours SSIM':>9} {'BART PSNR':>9} {'ours PSNR':>9} {'BART s':>7} {'ours s':>7} {'ours/BART':>9}")
for row in sys.argv[1:]:
    method, tb, to = row.split()
    bart = json.load(open(f"bart_{method}.json"))[0]
    ours = json.load(open(f"ours_{method}.json"))[0]
    stages = json.load(open(f"stages_{method}.json"))["stages"]
    tb, to = float(tb), float(to)
    print(f"{method:<12} {bart['ssim']:9.4f} {ours['ssim']:9.4f} {bart['psnr']:9.2f} {ours['psnr']:9.2f} {tb:7.2f} {to:7.2f} {to / tb:9.2f}"
          + "   ours: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
PY
echo "mask: $(recon run -i uksp.cfl -m zero-filled -o zf.npy --overwrite 2>&1 | grep -o 'acceleration [0-9.]*' | head -1); files in $work"
