namespace CxMetrics.Tests.Reporting;

/// <summary>
/// Compares an output with its approved file under <c>Reporting/Approved/</c> next to this source file. To re-approve after an
/// intended change, run the snapshot tests with the environment variable <c>CXMETRICS_APPROVE=1</c>: each output is then
/// written over its approved file (review the diff before committing). A missing approved file fails the test.
/// </summary>
internal static class ApprovedFile
{
    private const string ApproveVariable = "CXMETRICS_APPROVE";

    public static void Verify(string name, string actual)
    {
        // Found from the test's output folder, not from the compiler's source path: deterministic CI builds map that to "/_/".
        string path = Path.Combine(RepositoryRoot(), "tests", "CxMetrics.Tests", "Reporting", "Approved", name);
        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no approved file Approved/{name}; run with {ApproveVariable}=1 to create it, then review it");
        string approved = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(approved, actual);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (the folder with CxMetrics.sln) is not above the test's output folder.");
    }
}
