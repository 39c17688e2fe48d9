namespace CxMetrics.Portable;

/// <summary>The payload of one tally kind, described once for both the binary and the JSON form.</summary>
internal abstract class TallyCodec
{
    public abstract TallyKind Kind { get; }

    /// <summary>The JSON name of the kind.</summary>
    public abstract string Name { get; }

    public abstract Type TallyType { get; }

    public abstract void WriteObject(object tally, TallyFieldWriter writer);

    public abstract object ReadObject(TallyFieldReader reader);
}

/// <summary>A codec for tallies of type <typeparamref name="T"/>.</summary>
internal abstract class TallyCodec<T> : TallyCodec
    where T : class
{
    public override Type TallyType => typeof(T);

    public abstract void Write(T tally, TallyFieldWriter writer);

    public abstract T Read(TallyFieldReader reader);

    public override void WriteObject(object tally, TallyFieldWriter writer) => Write((T)tally, writer);

    public override object ReadObject(TallyFieldReader reader) => Read(reader);
}
