#!/usr/bin/env bash
# The first BG/NBD (or Pareto/NBD) fit of the CDNOW sample in a fresh process of an application that references the
# CxMetrics *package*, built the way most users build (`dotnet build`, framework-dependent, no RuntimeIdentifier, no
# publish): the package as packed (ReadyToRun code for the machine's platform under runtimes/<rid>/lib/net10.0/, which
# the .NET host picks at run time) against the same package packed as IL only (-p:PackReadyToRun=false). Both apps run
# alternately, RUNS fresh processes each; each run reads the data, then times one fit with a stopwatch (JIT and type
# loading included, runtime start-up excluded). Also prints which CxMetrics.dll the process loaded and how many methods
# the runtime compiled during the fit (its JIT summary, DOTNET_JitStdOutFile). Issue 17 §1 target: ≤ 20 ms.
# Usage: benchmarks/package-first-fit.sh [RUNS] [bgnbd|pareto]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
model=${2:-bgnbd}
repo="$PWD"
work="$(mktemp -d)"
version="0.0.0-firstfit.$(date +%s)"
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
# The unique version keeps an earlier run's packages in the NuGet cache from standing in; they are removed at the end.
trap 'rm -rf "$work" "$cache/cxmetrics/$version-r2r" "$cache/cxmetrics/$version-il"' EXIT

# 1. Pack twice from one build: as shipped (ReadyToRun code inside), and IL only.
dotnet pack src/CxMetrics -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -p:Version="$version-r2r" -v q -nologo > "$work/pack.txt" 2>&1 \
  || { tail -30 "$work/pack.txt" >&2; exit 1; }
dotnet pack src/CxMetrics -c Release --no-build -o "$work/feed" --artifacts-path "$work/artifacts" -p:Version="$version-il" -p:PackReadyToRun=false -v q -nologo >> "$work/pack.txt" 2>&1 \
  || { tail -30 "$work/pack.txt" >&2; exit 1; }

# 2. Two consumer apps outside the repository (so none of its build settings apply), one per package.
for variant in r2r il; do
  app="$work/app-$variant"
  mkdir -p "$app"
  cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
  cat > "$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CxMetrics" Version="$version-$variant" />
  </ItemGroup>
</Project>
XML
  cat > "$app/Program.cs" <<'CS'
using System.Diagnostics;
using System.Globalization;
using CxMetrics.Lifetime;

var rows = File.ReadAllLines(args[0]).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
var data = RfmData.Create(rows.Select(r => P(r[1])).ToArray(), rows.Select(r => P(r[2])).ToArray(), rows.Select(r => P(r[3])).ToArray());
var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
var watch = Stopwatch.StartNew();
double ll = args[1] == "pareto" ? ParetoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0 : BetaGeoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;
watch.Stop();
process.Refresh();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalMilliseconds:F1} ms (LL {ll:F4}, CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms) {Path.GetRelativePath(AppContext.BaseDirectory, typeof(BetaGeoNbd).Assembly.Location)}"));
CS
  dotnet build "$app" -c Release -o "$app/bin" -v q -nologo > "$work/build-$variant.txt" 2>&1 \
    || { tail -30 "$work/build-$variant.txt" >&2; exit 1; }
done

data="$repo/samples/cdnow/cdnow_customers_summary.csv"
run() { dotnet "$work/app-$1/bin/Consumer.dll" "$data" "$model"; }
# The JIT summary of one run each: methods compiled at run time in the whole process (data loading included).
for variant in r2r il; do
  DOTNET_JitStdOutFile="$work/jit-$variant.txt" DOTNET_JitDisasmSummary=1 run "$variant" > /dev/null
  echo "$variant: $(grep -c 'JIT compiled' "$work/jit-$variant.txt") methods JIT-compiled in the process, $(grep 'JIT compiled' "$work/jit-$variant.txt" | grep -c ' CxMetrics\.') of them CxMetrics'"
done
: > "$work/r2r.txt"
: > "$work/il.txt"
for ((i = 1; i <= runs; i++)); do
  for variant in r2r il; do
    line=$(run "$variant")
    echo "run $i $variant: $line"
    echo "${line%% ms*}" >> "$work/$variant.txt"
  done
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "first $model fit from the package ($runs fresh processes each, load $(cut -d' ' -f1-3 /proc/loadavg)): median ReadyToRun package $(median "$work/r2r.txt") ms, IL-only package $(median "$work/il.txt") ms"
