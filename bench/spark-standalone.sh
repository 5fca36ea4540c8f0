#!/usr/bin/env bash
# recon batch through spark-submit on a Spark standalone cluster made on this machine from spark/target/lib (a
# master and a worker, whose executors are JVMs of their own that fetch recon.jar from the driver), against the
# local runner on the same folder: prints both summaries' first lines, the wall times, and which outputs are
# byte-identical. Usage: bench/spark-standalone.sh [METHODS]   (default zero-filled,fbp,cs-tv,unet)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/spark/target/recon-spark.jar" ] || (cd "$here" && mvn -B -q -DskipTests package -pl spark -am)
methods="${1:-zero-filled,fbp,cs-tv,unet}"
work="${BENCH_DIR:-$here/out/bench-spark-standalone}"
rm -rf "$work"; mkdir -p "$work/home"
# A Spark installation is a folder with jars/ and a RELEASE file; the worker builds executor commands from it.
ln -s "$here/spark/target/lib" "$work/home/jars"; touch "$work/home/RELEASE"
export SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.13
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7177 --webui-port 8180 > "$work/master.log" 2>&1 &
master=$!
trap 'kill $master ${worker:-} 2>/dev/null || true' EXIT
sleep 5
java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7177 --cores 2 --memory 3g \
  --webui-port 8181 --work-dir "$work/worker" > "$work/worker.log" 2>&1 &
worker=$!
sleep 5
args=(batch -i "$here/sample-data" -m "$methods" --mask equispaced:accel=4,center=0.08,seed=1)
t0=$(date +%s.%N)
java "${opens[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7177 \
  --class org.reconwb.app.Main --jars "$here/app/target/recon.jar" --executor-memory 2g \
  "$here/spark/target/recon-spark.jar" "${args[@]}" -o "$work/submitted" --engine spark 2>/dev/null | grep -v '^\[' | head -1
t1=$(date +%s.%N)
java -jar "$here/app/target/recon.jar" "${args[@]}" -o "$work/local" 2>/dev/null | head -1
t2=$(date +%s.%N)
python3 -c "print(f'spark-submit (standalone, 1 worker of 2 cores): {$t1 - $t0:.1f} s; local runner: {$t2 - $t1:.1f} s')"
echo "executors launched: $(ls "$work"/worker/*/ | grep -c '^[0-9]')"
for f in "$work"/local/*.tif; do
  n=$(basename "$f")
  if cmp -s "$f" "$work/submitted/$n"; then echo "byte-identical: $n"; else
    echo "differs: $n ($(java -jar "$here/app/target/recon.jar" score -r "$f" "$work/submitted/$n" 2>/dev/null | sed 's/.*: //'))"; fi
done
