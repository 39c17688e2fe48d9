#!/bin/sh
# Whole-process wall time, CPU time and peak RSS of the cxmetrics tool reading the generated workloads three ways: the
# built-in CSV reader, --engine duckdb on the same CSV, and the same data as Parquet (docs/performance-duckdb.md).
# Usage: benchmarks/tool-duckdb-process.sh PATH/TO/CxMetrics.Cli.dll DATA_DIR
# DATA_DIR holds nps.csv and orders.csv from:
#   dotnet run -c Release --project benchmarks/CxMetrics.Benchmarks -- generate-tool-workloads DATA_DIR [SURVEYS ORDERS CUSTOMERS]
# and nps.parquet and orders.parquet written from them by DuckDB (types detected by DuckDB):
#   COPY (SELECT * FROM read_csv('nps.csv')) TO 'nps.parquet' (FORMAT parquet)
# Needs GNU time (/usr/bin/time). Output goes to /dev/null; one line per run on stderr, after the load average.
set -eu
tool=$1
data=$2
for run in "nps $data/nps.csv" "nps $data/nps.csv --engine duckdb" "nps $data/nps.parquet" \
           "cohorts $data/orders.csv" "cohorts $data/orders.csv --engine duckdb" "cohorts $data/orders.parquet"; do
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  CXMETRICS_NO_PROGRESS=1 /usr/bin/time -f "$run: %e s wall, %U s user, %M KB peak RSS, %P CPU" dotnet "$tool" $run --format json > /dev/null
done
