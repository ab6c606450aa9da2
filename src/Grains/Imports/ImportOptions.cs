namespace CareGrid.Grains.Imports;

/// <summary>
/// How roster rows land on a busy cluster (section <c>Imports</c>; docs/rosters.md "On a busy cluster"): how many person
/// calls one import and one silo keep in flight, and how often a row whose call failed transiently is tried.
/// </summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Imports";

    /// <summary>Person calls one import keeps in flight (1–256, default 16).</summary>
    public int MaxConcurrentRowsPerImport { get; set; } = 16;

    /// <summary>
    /// Person calls all imports of one silo keep in flight together (1–1024, default 32): twenty schools importing at once
    /// share these, so a busy silo answers each call well inside Orleans' response timeout (30 s).
    /// </summary>
    public int MaxConcurrentRowsPerSilo { get; set; } = 32;

    /// <summary>
    /// Tries of a row whose call failed transiently (a timeout, a silo or storage unavailable, a write conflict) before the
    /// row is reported as not written (1–20, default 5).
    /// </summary>
    public int Attempts { get; set; } = 5;

    /// <summary>Wait before the second try of a row in milliseconds (0–60000, default 1000); it doubles with each further try.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;
}
