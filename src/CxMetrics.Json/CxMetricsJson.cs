using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CxMetrics.Json.Converters;
using CxMetrics.Reporting;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CxMetrics.Json;

/// <summary>
/// The one entry point for JSON: options and shortcuts that write and read every CxMetrics result in the documented,
/// versioned schema (<c>docs/json-schema.md</c>, <see cref="SchemaVersion"/>). Field names are camelCase, enums are
/// their member names as strings, NodaTime values are ISO text (<see cref="Instant"/> <c>"2026-11-23T21:30:00Z"</c>,
/// <see cref="LocalDate"/> <c>"2026-11-23"</c>, <see cref="Duration"/> <c>"1:02:03:04.5"</c>, <see cref="Period"/>
/// <c>"P1M2D"</c>, <see cref="Interval"/> <c>{ "start", "end" }</c>), and missing estimates are <c>null</c>.
/// Reflection-free (source-generated, <see cref="CxMetricsJsonContext"/>), so safe for trimmed and Native AOT services.
/// </summary>
/// <example>
/// <code>
/// string json = CxMetricsJson.Serialize(Nps.Of(scores));
/// NpsResult back = CxMetricsJson.Deserialize&lt;NpsResult&gt;(json);
/// </code>
/// </example>
public static class CxMetricsJson
{
    /// <summary>The schema version written by this package; bumped only when a field is renamed, removed or changes meaning (new fields may appear in any version).</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// Read-only options: <see cref="CxMetricsJsonContext"/> as the type-info resolver, camelCase fields, string enums,
    /// NodaTime converters for the TZDB zone provider, nullable annotations and required fields enforced when reading,
    /// finite numbers only (NaN and ±∞ are refused: the core reports a missing or undefined value as <c>null</c>). Copy it with
    /// <c>new JsonSerializerOptions(CxMetricsJson.Options)</c> to change e.g. <see cref="JsonSerializerOptions.WriteIndented"/>.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>The same as <see cref="Options"/>, indented for people.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    /// <typeparam name="T">A type of the core library known to <see cref="CxMetricsJsonContext"/> (every public record is).</typeparam>
    /// <param name="value">The value, e.g. an <c>NpsResult</c>.</param>
    /// <param name="indented">Indent the output.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not part of the context.</exception>
    public static string Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.Serialize(value, TypeInfo<T>(indented ? IndentedOptions : Options));

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    /// <typeparam name="T">A type known to <see cref="CxMetricsJsonContext"/>.</typeparam>
    /// <param name="stream">The destination.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is written.</returns>
    public static Task SerializeAsync<T>(Stream stream, T value, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, value, TypeInfo<T>(Options), cancellationToken);

    /// <summary>Reads a <typeparamref name="T"/> from JSON written by <see cref="Serialize{T}(T, bool)"/> (or by hand, following the schema).</summary>
    /// <typeparam name="T">A type known to <see cref="CxMetricsJsonContext"/>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value; validation of the core's constructors and factories runs where a type has one.</returns>
    /// <exception cref="JsonException">The JSON is malformed, a required field is missing, or a value is invalid.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, TypeInfo<T>(Options)) ?? throw new JsonException($"the JSON is null where a {typeof(T).Name} was expected.");
    }

    /// <summary>Reads a <typeparamref name="T"/> from a UTF-8 JSON stream.</summary>
    /// <typeparam name="T">A type known to <see cref="CxMetricsJsonContext"/>.</typeparam>
    /// <param name="stream">The source.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The JSON is malformed, a required field is missing, or a value is invalid.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync(stream, TypeInfo<T>(Options), cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException($"the JSON is null where a {typeof(T).Name} was expected.");

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>, for <c>JsonSerializer</c> overloads that take a <see cref="JsonTypeInfo{T}"/>.</summary>
    /// <typeparam name="T">A type known to <see cref="CxMetricsJsonContext"/>.</typeparam>
    /// <returns>The type info.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not part of the context.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() => TypeInfo<T>(Options);

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(T), out var info)
            ? (JsonTypeInfo<T>)info
            : throw new NotSupportedException($"{typeof(T)} is not in CxMetricsJsonContext; add it to your own JsonSerializerContext and combine the resolvers.");

    /// <summary>
    /// A copy of <paramref name="options"/> that writes every count of a core result under a small-cell policy, so a shop can
    /// share a results document without exposing a handful of customers: each count field (an <c>int</c> or <c>long</c> —
    /// or a list or matrix of them, as a cohort matrix's sizes and cells — that is not a setting, an identifier or a fit's
    /// bookkeeping such as <c>iterations</c> or <c>degreesOfFreedom</c>) is written as
    /// <see cref="SuppressionOptions.Publish"/> gives it: as it is, rounded to the base, or <c>null</c> when it is a small
    /// cell. Shares, scores and intervals are written as they are. A document written this way is for sharing; it cannot be
    /// read back. With <see cref="SuppressionOptions.None"/> the options are returned unchanged.
    /// </summary>
    /// <param name="options">The options to extend, e.g. <see cref="Options"/>.</param>
    /// <param name="suppression">The policy (the same the report writers apply to tables).</param>
    /// <returns>Read-only options.</returns>
    public static JsonSerializerOptions WithSuppression(JsonSerializerOptions options, SuppressionOptions suppression)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(suppression);
        if (!suppression.IsActive)
        {
            return options;
        }

        var copy = new JsonSerializerOptions(options)
        {
            TypeInfoResolver = (options.TypeInfoResolver ?? CxMetricsJsonContext.Default).WithAddedModifier(CountSuppression.Modifier(suppression)),
        };
        copy.MakeReadOnly();
        return copy;
    }

    /// <summary>Writes <paramref name="value"/> as JSON with its counts under a small-cell policy (see <see cref="WithSuppression"/>).</summary>
    /// <typeparam name="T">A type known to <see cref="CxMetricsJsonContext"/>.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="suppression">The small-cell policy.</param>
    /// <param name="indented">Indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T value, SuppressionOptions suppression, bool indented = false) =>
        JsonSerializer.Serialize(value, TypeInfo<T>(WithSuppression(indented ? IndentedOptions : Options, suppression)));

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            WriteIndented = indented,
            TypeInfoResolver = CxMetricsJsonContext.Default,
        };
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new FiniteDoubleConverter());
        options.Converters.Add(new RatingScaleConverter());
        options.Converters.Add(new CalendarPeriodConverter());
        options.Converters.Add(new TimeUnitConverter());
        options.Converters.Add(new CohortBracketConverter());
        options.Converters.Add(new SurvivalObservationConverter());
        options.Converters.Add(new CartEventRecordConverter());
        options.Converters.Add(new FunnelStepConverter());
        options.Converters.Add(new SubscriptionEventConverter());
        options.Converters.Add(new SupportTicketConverter());
        options.Converters.Add(new ReviewScaleConverter());
        options.Converters.Add(new ReviewConverter());
        options.MakeReadOnly();
        return options;
    }
}
