namespace CareGrid.Grains.Hosting;

/// <summary>Names of the grain storage providers the grains use; the silo registers them per configuration.</summary>
public static class StorageNames
{
    /// <summary>The storage of all CareGrid grain state.</summary>
    public const string Default = "caregrid";
}
