using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CxMetrics.Benchmarks.Tool;

if (args is ["generate-tool-workloads", var folder, .. var sizes])
{
    int surveys = sizes.Length > 0 ? int.Parse(sizes[0], System.Globalization.CultureInfo.InvariantCulture) : 5_000_000;
    int orders = sizes.Length > 1 ? int.Parse(sizes[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000;
    int customers = sizes.Length > 2 ? int.Parse(sizes[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    int tickets = sizes.Length > 3 ? int.Parse(sizes[3], System.Globalization.CultureInfo.InvariantCulture) : 3_000_000;
    Directory.CreateDirectory(folder);
    ToolWorkloads.WriteSurveys(Path.Combine(folder, "nps.csv"), surveys);
    ToolWorkloads.WriteOrders(Path.Combine(folder, "orders.csv"), orders, customers);
    ToolWorkloads.WriteTickets(Path.Combine(folder, "tickets.csv"), tickets);
    return;
}

if (args is ["measure-order-memory", .. var memoryRows])
{
    CxMetrics.Benchmarks.Csv.OrderMemory.Measure(memoryRows.Length > 0 ? int.Parse(memoryRows[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000);
    return;
}

if (args is ["first-fit", .. var which])
{
    // One fit in this fresh process, timed with a stopwatch (the data is read first, outside the timing): the cold cost
    // a notebook cell or a service's first request pays. benchmarks/first-fit.sh runs it in many fresh processes.
    var data = CxMetrics.Benchmarks.Lifetime.LifetimeData.Cdnow();
    var process = System.Diagnostics.Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = System.Diagnostics.Stopwatch.StartNew();
    // "none" times nothing: with the runtime's JIT summary (DOTNET_JitStdOutFile, DOTNET_JitDisasmSummary=1) it lists what
    // the set-up alone compiles, so the difference to a fit's list is what the fit compiles.
    double logLikelihood = which switch
    {
        ["pareto"] => CxMetrics.Lifetime.ParetoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0,
        ["none"] => 0,
        _ => CxMetrics.Lifetime.BetaGeoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0,
    };
    watch.Stop();
    process.Refresh();
    double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalMilliseconds:F1} ms (LL {logLikelihood:F4}, CPU {cpuMs:F0} ms in all threads)"));
    return;
}

if (args is ["large-fit", .. var largeFit])
{
    // The realistic 1 M-customer BG/NBD fit taken apart in one process (compression, set-up, one pass, whole fit).
    CxMetrics.Benchmarks.Lifetime.LargeFitProfile.Run(
        largeFit.Length > 0 ? int.Parse(largeFit[0], System.Globalization.CultureInfo.InvariantCulture) : 5,
        largeFit.Length > 1 ? int.Parse(largeFit[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["export-peer-inputs", var peerFolder])
{
    // The exact inputs of the benchmark classes, written for the peer scripts in benchmarks/peers.
    CxMetrics.Benchmarks.Peers.PeerJobs.Export(peerFolder);
    return;
}

if (args is ["peer", var job, var inputs, .. var peerRuns])
{
    // One job timed the way the peer scripts time theirs (benchmarks/peers/run.sh runs both sides alternately).
    CxMetrics.Benchmarks.Peers.PeerJobs.Run(job, inputs, peerRuns.Length > 0 ? int.Parse(peerRuns[0], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

// CI's smoke pass (CXMETRICS_BENCH_SMOKE=1, --job dry) runs a Debug build on the libraries the test stage has already
// built, so it needs no Release build of its own: a dry run's timings are thrown away, and only there is the check that
// every assembly is optimised switched off. Real measurements keep it.
BenchmarkSwitcher.FromAssembly(typeof(ToolWorkloads).Assembly).Run(
    args,
    CxMetrics.Benchmarks.BenchmarkSize.Smoke ? DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator) : null);
