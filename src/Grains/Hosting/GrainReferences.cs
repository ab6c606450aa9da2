namespace CareGrid.Grains.Hosting;

/// <summary>
/// Typed references to string-keyed grains without Orleans' per-call interface lookup. <c>GetGrain&lt;T&gt;(key)</c>
/// resolves the interface's grain interface type through reflection over its attributes on every call; here the grain
/// type and interface type of each interface are taken from the first reference Orleans hands out and reused,
/// so each later call only builds the grain id. The reference is the same one <c>GetGrain&lt;T&gt;</c> returns.
/// </summary>
public static class GrainReferences
{
    /// <summary>The reference to the <typeparamref name="T"/> grain with <paramref name="key"/>.</summary>
    public static T GetRef<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey => Types<T>.Get(grains, key);

    private static class Types<T> where T : IGrainWithStringKey
    {
        private static Resolved? _resolved;

        public static T Get(IGrainFactory grains, string key)
        {
            if (_resolved is { } r)
            {
                return (T)grains.GetGrain(GrainId.Create(r.GrainType, key), r.InterfaceType);
            }

            var grain = grains.GetGrain<T>(key);
            // Only a resolved application grain type is reused ("sys." types, e.g. a reference whose implementation is
            // still being resolved, are not).
            if (grain is GrainReference reference && !reference.GrainId.Type.ToString()!.StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
            {
                _resolved = new Resolved(reference.GrainId.Type, reference.InterfaceType);
            }

            return grain;
        }
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
