# Sourced by the learned report scripts: the Colin27 template, the jar, `recon` with MODELS_DIR's weights when given
# ($2 of the caller), and the working folder $BENCH_DIR (default out/$1 of this file's caller).
# Usage inside a script: source "$(dirname "${BASH_SOURCE[0]}")/learned-common.sh" REPORT_NAME "${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
brain=/usr/share/mricron/templates/ch2.nii.gz
[ -f "$brain" ] || { echo "$1: $brain is missing (apt-get install mricron-data)" >&2; exit 2; }
[ -f "$here/app/target/recon.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
opts=(-Dai.djl.offline=true)
if [ -n "${2:-}" ]; then opts+=("-Drecon.models=$(cd "$2" && pwd)"); fi
recon() { java "${opts[@]}" -jar "$here/app/target/recon.jar" "$@"; }
work="${BENCH_DIR:-$here/out/$1}"
mkdir -p "$work"
cd "$work"
