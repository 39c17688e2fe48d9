using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;

namespace CxMetrics.Orleans;

/// <summary>Registers the CxMetrics grains and their serialisers on a silo or a client.</summary>
public static class CxMetricsHostingExtensions
{
    /// <summary>
    /// Adds the CxMetrics grains to a silo. Register a grain storage provider under <see cref="CxMetricsOptions.StorageName"/>
    /// (default <c>cxmetrics</c>) as well, e.g. <c>siloBuilder.AddMemoryGrainStorage("cxmetrics")</c> for a trial or a
    /// durable provider in production.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Changes to the default <see cref="CxMetricsOptions"/>, if any.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddCxMetrics(this ISiloBuilder builder, Action<CxMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddOptions<CxMetricsOptions>()
            .Configure(options => configure?.Invoke(options))
            .Validate(options => !string.IsNullOrWhiteSpace(options.StorageName), "CxMetricsOptions.StorageName must name a grain storage provider.")
            .Validate(options => options.RememberedBatchIds >= 1, "CxMetricsOptions.RememberedBatchIds must be at least 1.");
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(TallyGrain).Assembly));
        return builder;
    }

    /// <summary>Adds the CxMetrics grain interfaces and serialisers to a cluster client.</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder AddCxMetrics(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(ITallyGrain).Assembly));
        return builder;
    }
}
