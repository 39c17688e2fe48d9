using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>The SLA targets of the bundled ServiceNow sample (<c>sla</c> without <c>--target</c>).</summary>
internal static class SupportSection
{
    internal static readonly SlaTarget[] Targets =
    [
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(4) },
        new() { Metric = SlaMetric.FirstResponse, Priority = "1 - Critical", Target = Duration.FromHours(1) },
        new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(30) },
        new() { Metric = SlaMetric.Resolution, Priority = "1 - Critical", Target = Duration.FromHours(8) },
    ];
}
