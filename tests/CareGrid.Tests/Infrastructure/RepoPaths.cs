namespace CareGrid.Tests.Infrastructure;

/// <summary>Paths inside the repository, found by walking up from the test binaries to the folder holding CareGrid.slnx.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the directory of CareGrid.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run under (Debug or Release), read from the test binaries' path.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    /// <summary>The built service, <c>src/Silo/bin/{Configuration}/net10.0/CareGrid.Silo.dll</c> (the test project references it, so it is built first).</summary>
    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "CareGrid.Silo.dll");

    /// <summary>The Azurite folder: package.json, package-lock.json and azurite.sh.</summary>
    public static string AzuriteDirectory => Path.Combine(Root, "infra", "azurite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareGrid.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CareGrid.slnx above {AppContext.BaseDirectory}.");
    }
}
