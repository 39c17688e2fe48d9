#!/usr/bin/env bash
# Whole-process wall time of `cxmetrics clv` on the bundled CDNOW sample, as a user runs it: a fresh process each time,
# the tool published for this machine's platform twice — as the tool packages ship it (ReadyToRun) and as plain IL —
# and the two run alternately so that both see the same load (docs/performance.md, "Cold start"; issue 17 §1 target:
# ≤ 0.3 s). Prints each run and the median of each variant.
# Usage: benchmarks/tool-cold-start.sh [RUNS] [COMMAND ARGS...]   (default: 15 runs of `clv`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
shift || true
command=("$@")
[[ ${#command[@]} -gt 0 ]] || command=(clv)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
for variant in il r2r; do
  ready=false
  [[ $variant == r2r ]] && ready=true
  dotnet publish src/CxMetrics.Cli -c Release -r "$rid" -p:PublishReadyToRun=$ready -o "$work/$variant" \
    --artifacts-path "$work/artifacts-$variant" -v q -nologo > "$work/publish-$variant.txt" 2>&1 \
    || { tail -20 "$work/publish-$variant.txt" >&2; exit 1; }
done

time_ms() {
  local start end
  start=$(date +%s%N)
  CXMETRICS_NO_PROGRESS=1 dotnet "$work/$1/CxMetrics.Cli.dll" "${command[@]}" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
# One untimed run each, so the file cache holds both copies.
time_ms il > /dev/null
time_ms r2r > /dev/null
: > "$work/il.txt"
: > "$work/r2r.txt"
for ((i = 1; i <= runs; i++)); do
  il=$(time_ms il)
  r2r=$(time_ms r2r)
  echo "run $i: IL $il ms, ReadyToRun $r2r ms"
  echo "$il" >> "$work/il.txt"
  echo "$r2r" >> "$work/r2r.txt"
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "cxmetrics ${command[*]} ($rid, $runs runs each, load $(cut -d' ' -f1-3 /proc/loadavg)): median IL $(median "$work/il.txt") ms, ReadyToRun $(median "$work/r2r.txt") ms"
