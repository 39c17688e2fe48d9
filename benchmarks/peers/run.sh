#!/usr/bin/env bash
# Side-by-side figures: each job timed on CxMetrics and on its peer in turn, the same input, the same way (input loaded
# first; the first call in a fresh process is "cold", the median of RUNS further calls "warm"), ROUNDS rounds alternating.
# Usage: benchmarks/peers/run.sh [INPUTS]   (INPUTS: a folder for the exported inputs, ~200 MB; a temporary one if absent)
# Env: RUNS (default 10), ROUNDS (default 2), JOBS (default "nps km bgnbd pareto csv"), PYTHON (default python3),
#      LIFETIMES_PATH (a folder holding the lifetimes and autograd packages, added to PYTHONPATH; see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
inputs=${1:-$(mktemp -d)}
runs=${RUNS:-10}
rounds=${ROUNDS:-2}
jobs=${JOBS:-nps km bgnbd pareto csv}
python=${PYTHON:-python3}
export PYTHONPATH="$here${LIFETIMES_PATH:+:$LIFETIMES_PATH}"

dotnet build -c Release "$root/benchmarks/CxMetrics.Benchmarks" -v q -nologo >/dev/null
app="$root/benchmarks/CxMetrics.Benchmarks/bin/Release/net10.0/CxMetrics.Benchmarks.dll"
[ -f "$inputs/orders-1m.csv" ] || dotnet "$app" export-peer-inputs "$inputs"

peer() {
  case "$1" in
    nps) "$python" "$here/nps_numpy.py" "$inputs" "$runs" ;;
    km) Rscript "$here/km_survival.R" "$inputs" "$runs" ;;
    bgnbd | pareto)
      if "$python" -c 'import lifetimes' 2>/dev/null; then "$python" "$here/lifetimes_fit.py" "$inputs" "$runs" "$1"
      else echo "side=lifetimes job=$1 skipped: lifetimes is not importable (see README.md)"; fi ;;
    csv) "$python" "$here/csv_pandas.py" "$inputs" "$runs" ;;
  esac
}

for round in $(seq 1 "$rounds"); do
  for job in $jobs; do
    echo "# round $round, job $job, load $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet "$app" peer "$job" "$inputs" "$runs"
    peer "$job"
  done
done
