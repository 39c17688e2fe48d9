namespace CxMetrics.Tests.Retention;

/// <summary>
/// The <c>aml</c> data of R <c>survival</c> (Miller 1981, Survival Analysis, p. 49): weeks in remission of acute
/// myelogenous leukaemia patients with maintained or non-maintained chemotherapy; <c>+</c> marks a censored time.
/// Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+. Nonmaintained: 5, 5, 8, 8, 12, 16+, 23, 27, 30, 33, 43, 45.
/// </summary>
internal static class AmlData
{
    public static double[] MaintainedTime { get; } = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];

    public static bool[] MaintainedEvent { get; } = [true, true, false, true, true, false, true, true, false, true, false];

    public static double[] NonmaintainedTime { get; } = [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45];

    public static bool[] NonmaintainedEvent { get; } = [true, true, true, true, true, false, true, true, true, true, true, true];

    public static double[] AllTime => [.. MaintainedTime, .. NonmaintainedTime];

    public static bool[] AllEvent => [.. MaintainedEvent, .. NonmaintainedEvent];

    public static int[] AllGroup => [.. MaintainedTime.Select(_ => 0), .. NonmaintainedTime.Select(_ => 1)];
}
