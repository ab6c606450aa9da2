namespace CareGrid.Benchmarks.Servers;

/// <summary>Paths in the CareGrid repository the benchmark runs from.</summary>
internal static class Repo
{
    /// <summary>The repository root (the folder holding CareGrid.slnx), found from the current folder or the executable's.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CareGrid.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the CareGrid repository (CareGrid.slnx not found).");
    }
}
