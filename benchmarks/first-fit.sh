#!/usr/bin/env bash
# The first BG/NBD (or Pareto/NBD) fit of the CDNOW sample in a fresh process, RUNS times: each run is a new process
# that reads the data, then times one fit with a stopwatch (JIT and type loading included, runtime start-up excluded).
# Prints each run and the median. Issue 17 §1 target: ≤ 20 ms. FirstFitBenchmarks is the BenchmarkDotNet form (cold-start
# strategy, naive baseline beside it).
# Usage: benchmarks/first-fit.sh [RUNS] [bgnbd|pareto]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
model=${2:-bgnbd}
dotnet build -c Release benchmarks/CxMetrics.Benchmarks -v q -nologo > /dev/null
dll=benchmarks/CxMetrics.Benchmarks/bin/Release/net10.0/CxMetrics.Benchmarks.dll
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
for ((i = 1; i <= runs; i++)); do
  line=$(dotnet "$dll" first-fit "$model")
  echo "run $i: $line"
  echo "${line%% ms*}" >> "$list"
done
echo "first $model fit ($runs fresh processes, load $(cut -d' ' -f1-3 /proc/loadavg)): median $(sort -n "$list" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }') ms"
