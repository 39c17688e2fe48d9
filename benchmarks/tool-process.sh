#!/bin/sh
# Whole-process wall time and peak RSS of the cxmetrics tool on the generated workloads (docs/performance.md, "The tool,
# streaming"). Usage: benchmarks/tool-process.sh PATH/TO/CxMetrics.Cli.dll DATA_DIR [COMMAND...]
# With COMMANDs (e.g. churn support), only the runs of those commands. `report` runs on DATA_DIR/report, a folder holding
# only a link to DATA_DIR/orders.csv (made here), so it measures the one read of orders that feeds the overview, cohorts,
# CLV, inactivity churn and survival.
# DATA_DIR comes from: dotnet run -c Release --project benchmarks/CxMetrics.Benchmarks -- generate-tool-workloads DATA_DIR
# Needs GNU time (/usr/bin/time). Output goes to /dev/null; one line per command on stderr.
set -eu
tool=$1
data=$2
shift 2
only=" $* "
mkdir -p "$data/report"
ln -sf ../orders.csv "$data/report/orders.csv"
for run in "nps $data/nps.csv" "cohorts $data/orders.csv" "clv $data/orders.csv" "churn $data/orders.csv --window 90d" "churn $data/orders.csv --window 90d --segment channel" "support $data/tickets.csv" "report $data/report --window 90d"; do
  command=${run%% *}
  if [ "$only" != "  " ] && [ "${only#* "$command" }" = "$only" ]; then
    continue
  fi
  # shellcheck disable=SC2086
  CXMETRICS_NO_PROGRESS=1 /usr/bin/time -f "$run: %e s wall, %U s user + %S s sys CPU, %M KB peak RSS" dotnet "$tool" $run --format json > /dev/null
done
