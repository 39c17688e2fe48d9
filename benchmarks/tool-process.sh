#!/bin/sh
# Whole-process wall time and peak RSS of the cxmetrics tool on the generated workloads (docs/performance.md, "The tool,
# streaming"). Usage: benchmarks/tool-process.sh PATH/TO/CxMetrics.Cli.dll DATA_DIR
# DATA_DIR comes from: dotnet run -c Release --project benchmarks/CxMetrics.Benchmarks -- generate-tool-workloads DATA_DIR
# Needs GNU time (/usr/bin/time). Output goes to /dev/null; one line per command on stderr.
set -eu
tool=$1
data=$2
for run in "nps $data/nps.csv" "cohorts $data/orders.csv" "clv $data/orders.csv"; do
  # shellcheck disable=SC2086
  CXMETRICS_NO_PROGRESS=1 /usr/bin/time -f "$run: %e s wall, %M KB peak RSS, %P CPU" dotnet "$tool" $run --format json > /dev/null
done
