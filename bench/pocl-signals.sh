#!/usr/bin/env bash
# The native cause of the batch SIGSEGV (docs/RELIABILITY.md), shown on its own: a Java VM starts PoCL (its LLVM
# replaces the VM's SIGSEGV handler with a one-shot one) while two threads compute and the VM stops them for
# garbage collection, whose safepoint polls are SIGSEGVs the VM takes on purpose. Runs RUNS times (default 20)
# without and with the VM's signal-chaining library libjsig.so (what bin/recon preloads) and counts the VMs that
# were killed by a signal. Needs PoCL (apt-get install pocl-opencl-icd) and the built app/target/recon.jar.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/app/target/recon.jar"
runs=${RUNS:-20}
java_bin="$(command -v java)"
jsig="$(dirname "$(dirname "$(readlink -f "$java_bin")")")/lib/libjsig.so"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/PoclBesideCompute.java" <<'JAVA'
import com.aparapi.internal.opencl.OpenCLPlatform;

public class PoclBesideCompute {
    static volatile double sink;

    public static void main(String[] args) throws Exception {
        Thread[] workers = new Thread[2];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(() -> {
                double s = 0;
                for (long i = 0; i < 400_000_000L; i++) {
                    s += Math.sqrt(i);
                    if ((i & 0xfffff) == 0) {
                        sink += new double[1000].length; // garbage, so collections (safepoints) happen
                    }
                }
                sink += s;
            }, "recon-compute-" + (t + 1));
            workers[t].start();
        }
        Thread.sleep(50);
        OpenCLPlatform.getUncachedOpenCLPlatforms().forEach(p -> p.getOpenCLDevices()); // starts PoCL and its LLVM
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(5);
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
JAVA
for mode in without-libjsig with-libjsig; do
  killed=0
  for i in $(seq 1 "$runs"); do
    if [ "$mode" = with-libjsig ]; then
      LD_PRELOAD="$jsig" "$java_bin" -cp "$jar" "$tmp/PoclBesideCompute.java" >/dev/null 2>&1
    else
      env -u LD_PRELOAD "$java_bin" -cp "$jar" "$tmp/PoclBesideCompute.java" >/dev/null 2>&1
    fi
    rc=$?
    [ $rc -ge 128 ] && killed=$((killed + 1))
  done
  echo "$mode: $killed of $runs VMs killed by a signal"
done
