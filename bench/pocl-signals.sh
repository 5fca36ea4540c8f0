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
jsig="$(. "$here/bin/java-env" && echo "${LD_PRELOAD%%:*}")"
# The program is a test source of the project (java runs a single source file as it is).
program="$here/app/src/test/java/org/reconwb/app/PoclBesideCompute.java"
for mode in without-libjsig with-libjsig; do
  killed=0
  for i in $(seq 1 "$runs"); do
    if [ "$mode" = with-libjsig ]; then
      LD_PRELOAD="$jsig" "$java_bin" -cp "$jar" "$program" >/dev/null 2>&1
    else
      env -u LD_PRELOAD "$java_bin" -cp "$jar" "$program" >/dev/null 2>&1
    fi
    rc=$?
    [ $rc -ge 128 ] && killed=$((killed + 1))
  done
  echo "$mode: $killed of $runs VMs killed by a signal"
done
