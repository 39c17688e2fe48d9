namespace CxMetrics.Orleans;

/// <summary>A <see cref="TallyKey"/> on the wire: its canonical string form.</summary>
[GenerateSerializer]
[Immutable]
public readonly struct TallyKeySurrogate
{
    /// <summary>Creates the surrogate.</summary>
    /// <param name="value">The key's string form.</param>
    public TallyKeySurrogate(string value) => Value = value;

    /// <summary>The key's string form (<see cref="TallyKey.ToString"/>).</summary>
    [Id(0)]
    public string Value { get; }
}

/// <summary>Converts <see cref="TallyKey"/> to and from <see cref="TallyKeySurrogate"/> for Orleans serialisation.</summary>
[RegisterConverter]
public sealed class TallyKeySurrogateConverter : IConverter<TallyKey, TallyKeySurrogate>
{
    /// <inheritdoc/>
    public TallyKey ConvertFromSurrogate(in TallyKeySurrogate surrogate) => TallyKey.Parse(surrogate.Value);

    /// <inheritdoc/>
    public TallyKeySurrogate ConvertToSurrogate(in TallyKey value) => new(value.ToString());
}
