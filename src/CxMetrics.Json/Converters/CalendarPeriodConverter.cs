using System.Text.Json;
using CxMetrics.Time;
using NodaTime.Text;

namespace CxMetrics.Json.Converters;

/// <summary>
/// <see cref="CalendarPeriod"/> as <c>{ unit, start, end }</c> (ISO dates, end exclusive). Read back through
/// <see cref="CalendarPeriod.Containing(NodaTime.LocalDate, PeriodUnit, NodaTime.IsoDayOfWeek)"/>; a start that does not
/// begin a period of its unit (e.g. a month starting on the 5th) is rejected. A week starts on the day of its start.
/// </summary>
internal sealed class CalendarPeriodConverter : ObjectConverter<CalendarPeriod>
{
    public override void Write(Utf8JsonWriter writer, CalendarPeriod value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("unit", value.Unit.ToString());
        writer.WriteString("start", LocalDatePattern.Iso.Format(value.Start));
        if (value.HasEnd)
        {
            writer.WriteString("end", LocalDatePattern.Iso.Format(value.End)); // the calendar's last period has no end date
        }
        writer.WriteEndObject();
    }

    protected override CalendarPeriod Create(JsonElement json, JsonSerializerOptions options)
    {
        var unit = Enum<PeriodUnit>(json, "unit");
        var start = Date(json, "start");
        var period = CalendarPeriod.Containing(start, unit, start.DayOfWeek);
        if (period.Start != start)
        {
            throw new JsonException($"{LocalDatePattern.Iso.Format(start)} does not start a {unit} period (that {unit} starts on {LocalDatePattern.Iso.Format(period.Start)}).");
        }

        if (json.TryGetProperty("end", out var end) && end.ValueKind == JsonValueKind.String && !period.HasEnd)
        {
            throw new JsonException($"the {unit} period starting {LocalDatePattern.Iso.Format(start)} is the last of the calendar and has no end, not {end.GetString()}.");
        }

        if (end.ValueKind == JsonValueKind.String && Date(json, "end") != period.End)
        {
            throw new JsonException($"the {unit} period starting {LocalDatePattern.Iso.Format(start)} ends on {LocalDatePattern.Iso.Format(period.End)}, not {end.GetString()}.");
        }

        return period;
    }
}
