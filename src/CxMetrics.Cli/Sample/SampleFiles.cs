namespace CxMetrics.Cli.Sample;

/// <summary>Paths of the bundled sample files (copied next to the tool from the repository's <c>samples/</c> folder).</summary>
internal static class SampleFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "samples", .. parts]);
}
