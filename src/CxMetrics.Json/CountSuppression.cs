using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CxMetrics.Reporting;

namespace CxMetrics.Json;

/// <summary>
/// The small-cell policy applied to a results document (<see cref="CxMetricsJson.WithSuppression"/>): every count field of a
/// core type — an <c>int</c> or <c>long</c> field (or a list or matrix of them, as a cohort matrix's sizes and cells) that is
/// not a setting, an identifier or a model's bookkeeping (<see cref="NotCounts"/>) — is written as
/// <see cref="SuppressionOptions.Publish"/> writes it: as it is, rounded, or <c>null</c> when hidden.
/// </summary>
internal static class CountSuppression
{
    /// <summary>Whole-number fields that are not counts of people or events (JSON names).</summary>
    internal static readonly HashSet<string> NotCounts = new(StringComparer.Ordinal)
    {
        "bootstrapResamples", "bucketCount", "columns", "decimals", "degreesOfFreedom", "evaluations", "favourableMax", "favourableMin",
        "first", "frequency", "holdoutFrequency", "iterations", "last", "max", "maxEvaluations", "maxPeriods", "maxRows", "min",
        "minimumCellSize", "minimumCount", "months", "periods", "plannedSampleSizePerArm", "points", "roundingBase", "rows", "score",
        "significant", "unit", "unixTicks",
    };

    public static Action<JsonTypeInfo> Modifier(SuppressionOptions suppression) => info =>
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace?.StartsWith("CxMetrics", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (NotCounts.Contains(property.Name))
            {
                continue;
            }

            Type t = property.PropertyType;
            property.CustomConverter = t == typeof(long) ? new Whole<long>(suppression, v => v)
                : t == typeof(int) ? new Whole<int>(suppression, v => v)
                : t == typeof(long?) ? new Whole<long?>(suppression, v => v)
                : t == typeof(int?) ? new Whole<int?>(suppression, v => v)
                : t == typeof(IReadOnlyList<long>) ? new Series<long>(suppression, v => v)
                : t == typeof(IReadOnlyList<long?>) ? new Series<long?>(suppression, v => v)
                : t == typeof(IReadOnlyList<IReadOnlyList<long?>>) ? new Matrix(suppression)
                : property.CustomConverter;
        }
    };

    private static void Write(Utf8JsonWriter writer, long? value, SuppressionOptions suppression)
    {
        if (value is { } v && suppression.Publish(v) is { } shown)
        {
            writer.WriteNumberValue((long)shown);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private sealed class Whole<T>(SuppressionOptions suppression, Func<T, long?> count) : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a document written with small-cell suppression is for sharing, not for reading back.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => CountSuppression.Write(writer, value is null ? null : count(value), suppression);
    }

    private sealed class Series<T>(SuppressionOptions suppression, Func<T, long?> count) : JsonConverter<IReadOnlyList<T>>
    {
        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a document written with small-cell suppression is for sharing, not for reading back.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> values, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (T v in values)
            {
                CountSuppression.Write(writer, count(v), suppression);
            }

            writer.WriteEndArray();
        }
    }

    private sealed class Matrix(SuppressionOptions suppression) : JsonConverter<IReadOnlyList<IReadOnlyList<long?>>>
    {
        public override IReadOnlyList<IReadOnlyList<long?>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a document written with small-cell suppression is for sharing, not for reading back.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<IReadOnlyList<long?>> rows, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (long? v in row)
                {
                    CountSuppression.Write(writer, v, suppression);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }
    }
}
