using CxMetrics.Conversion;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="ConversionTally"/>: the unit, the conversions and count, then (per visitor only) each visitor's id
/// and converted flag in ordinal id order, so that equal tallies give equal bytes.
/// </summary>
internal sealed class ConversionTallyCodec : TallyCodec<ConversionTally>
{
    public override TallyKind Kind => TallyKind.Conversion;

    public override string Name => "conversion";

    public override void Write(ConversionTally tally, TallyFieldWriter writer)
    {
        writer.Byte("unit", (byte)tally.Unit);
        writer.Int64("conversions", tally.Conversions);
        writer.Int64("count", tally.Count);
        var visitors = tally.Visitors.ToArray();
        Array.Sort(visitors, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.BeginArray("visitors", visitors.Length);
        foreach (var (id, converted) in visitors)
        {
            writer.BeginItem();
            writer.String("id", id);
            writer.Bool("converted", converted);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override ConversionTally Read(TallyFieldReader reader)
    {
        byte unit = reader.Byte("unit");
        if (!Enum.IsDefined((ConversionUnit)unit))
        {
            throw TallyFieldReader.Invalid($"field 'unit' holds {unit}, not a known conversion unit.");
        }

        long conversions = reader.Int64("conversions"), count = reader.Int64("count");
        int n = reader.BeginArray("visitors", 5);
        ConversionTally tally;
        if ((ConversionUnit)unit == ConversionUnit.Session)
        {
            if (n != 0)
            {
                throw TallyFieldReader.Invalid($"a per-session tally stores no visitors, not {n}.");
            }

            tally = ConversionTally.FromCounts(conversions, count);
        }
        else
        {
            tally = new ConversionTally(ConversionUnit.Visitor);
            string? previous = null;
            for (int i = 0; i < n; i++)
            {
                reader.BeginItem();
                string id = reader.String("id") ?? throw TallyFieldReader.Invalid($"visitor {i} has no id.");
                bool converted = reader.Bool("converted");
                reader.EndItem();
                if (previous is not null && string.CompareOrdinal(previous, id) >= 0)
                {
                    throw TallyFieldReader.Invalid($"visitor ids must be distinct and in ordinal order; '{id}' follows '{previous}'.");
                }

                tally.Add(id, converted);
                previous = id;
            }

            if (tally.Conversions != conversions || tally.Count != count)
            {
                throw TallyFieldReader.Invalid($"the visitors give {tally.Conversions} of {tally.Count} but the header says {conversions} of {count}.");
            }
        }

        reader.EndArray();
        return tally;
    }
}
