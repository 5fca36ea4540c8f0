#!/usr/bin/env bash
# Compares our filtered backprojection with scikit-image's iradon on the same sinograms, in one run,
# and records sparse-view (every 16th of 720 views) results of fbp, sirt and ct-tv.
#
# Case 1: a 512x512 Shepp-Logan (scikit-image's phantom resized) projected by our projector at 720
#         views (0:180:0.25), reconstructed by both (the sinogram is handed to iradon in its layout).
# Case 2: the same image projected by skimage.transform.radon(image, theta, circle=False), opened by
#         `recon run --layout skimage --angles 0:180:0.25` with no other option.
# SSIM/PSNR as fastMRI computes them against the phantom. Times: the reconstruction alone on both sides
# (iradon's call in Python; our "seconds" from --metrics-json, each in a fresh JVM, so including JIT
# warm-up), the median of REPEATS runs each (default 5; this VM's timings swing by a third from run to run).
#
# Needs: python3 with scikit-image and NumPy (Debian: apt-get install python3-skimage), a JDK 17 and Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
"$py" -c "import skimage" 2>/dev/null || { echo "compare-skimage-ct: scikit-image is missing (apt-get install python3-skimage)" >&2; exit 2; }
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
recon() { java -jar "$here/app/target/recon.jar" "$@"; }
work="${BENCH_DIR:-$here/out/bench-skimage-ct}"
repeats="${REPEATS:-5}"
mkdir -p "$work"
cd "$work"
rm -f ./*.npy ./*.json

# The phantom, and skimage's own sinogram of it.
"$py" - <<'PY'
import numpy as np
from skimage.data import shepp_logan_phantom
from skimage.transform import radon, resize
img = resize(shepp_logan_phantom(), (512, 512), anti_aliasing=True).astype(np.float32)
np.save("phantom.npy", img)
np.save("radon_skimage.npy", radon(img, theta=np.arange(0, 180, 0.25), circle=False).astype(np.float32))
PY
# Our projector's sinogram of the same phantom, [angles][detectors].
recon simulate -i phantom.npy --modality ct --angles 0:180:0.25 -o ours_sino.npy --overwrite >/dev/null

REPEATS="$repeats" "$py" - <<'PY'
import json, os, statistics, time
import numpy as np
from skimage.transform import iradon
theta = np.arange(0, 180, 0.25)
ours = np.load("ours_sino.npy")[0]                 # [angles][det]
np.save("ours_sino_skimage_layout.npy", ours.T.copy())
for name, sino in [("ours-projected", ours.T), ("skimage-radon", np.load("radon_skimage.npy"))]:
    times = []
    for _ in range(int(os.environ["REPEATS"])):
        t = time.perf_counter()
        rec = iradon(sino, theta=theta, filter_name="ramp", circle=False)
        times.append(time.perf_counter() - t)
    json.dump({"seconds": statistics.median(times), "runs": times}, open(f"skimage_{name}.json", "w"))
    np.save(f"skimage_{name}.npy", rec.astype(np.float32))
PY

for case in ours-projected skimage-radon; do
  input=$([ "$case" = ours-projected ] && echo ours_sino_skimage_layout.npy || echo radon_skimage.npy)
  for r in $(seq 1 "$repeats"); do
    recon run -i "$input" -m fbp --layout skimage --angles 0:180:0.25 --reference phantom.npy \
      -o "ours_$case.npy" --metrics-json "ours_${case}_$r.json" --overwrite >/dev/null 2>&1
  done
  recon score -r phantom.npy "skimage_$case.npy" --json > "score_skimage_$case.json"
done

# Throughput with a warm JVM: the same sinogram as a stack of 5 slices, time per slice.
"$py" -c "import numpy as np; s = np.load('radon_skimage.npy').T; np.save('stack5.npy', np.stack([s] * 5).astype(np.float32)); np.save('phantom5.npy', np.stack([np.load('phantom.npy')] * 5))"
recon run -i stack5.npy -m fbp --layout native --angles 0:180:0.25 --size 512 --reference phantom5.npy \
  -o ours_stack5.npy --metrics-json ours_stack5.json --overwrite >/dev/null 2>&1

# Sparse views: every 16th of the 720 (45 views), from skimage's sinogram.
for method in fbp sirt ct-tv; do
  recon run -i radon_skimage.npy -m "$method" --layout skimage --angles 0:180:0.25 --views-every 16 \
    --reference phantom.npy -o "sparse_$method.npy" --metrics-json "sparse_$method.json" --overwrite >/dev/null 2>&1
done

REPEATS="$repeats" "$py" - <<'PY'
import json, os, statistics
repeats = int(os.environ["REPEATS"])
def ours_median(case):
    runs = [json.load(open(f"ours_{case}_{r}.json")) for r in range(1, repeats + 1)]
    return runs[0]["ssim"], statistics.median(r["seconds"] for r in runs)
print(f"FBP (times: median of {repeats} runs each, ours each in a fresh JVM)")
print("FBP, 512x512, 720 views (ramp filter)")
print(f"{'sinogram':<16} {'skimage SSIM':>12} {'ours SSIM':>10} {'skimage s':>10} {'ours s':>8} {'ours/skimage':>12}")
for case in ["ours-projected", "skimage-radon"]:
    sk = json.load(open(f"score_skimage_{case}.json"))[0]
    skt = json.load(open(f"skimage_{case}.json"))["seconds"]
    ssim, seconds = ours_median(case)
    print(f"{case:<16} {sk['ssim']:12.4f} {ssim:10.4f} {skt:10.3f} {seconds:8.3f} {seconds / skt:12.2f}")
stack = json.load(open("ours_stack5.json"))
skt = json.load(open("skimage_skimage-radon.json"))["seconds"]
print(f"{'5-slice stack':<16} {'':>12} {stack['ssim']:10.4f} {skt:10.3f} {stack['seconds'] / 5:8.3f} {stack['seconds'] / 5 / skt:12.2f}  (ours per slice, warm JVM)")
print()
print("Sparse views: 45 of 720 (every 16th), skimage's sinogram")
print(f"{'method':<8} {'SSIM':>7} {'PSNR':>7} {'seconds':>8}")
for m in ["fbp", "sirt", "ct-tv"]:
    r = json.load(open(f"sparse_{m}.json"))
    print(f"{m:<8} {r['ssim']:7.4f} {r['psnr']:7.2f} {r['seconds']:8.2f}")
PY
