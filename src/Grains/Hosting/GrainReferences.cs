namespace CareGrid.Grains.Hosting;

/// <summary>
/// Typed references to string-keyed grains without Orleans' per-call interface lookup. <c>GetGrain&lt;T&gt;(key)</c>
/// resolves the interface's grain interface type through reflection over its attributes on every call; here the grain
/// type and interface type of each interface are taken from the first reference Orleans hands out and reused,
/// so each later call only builds the grain id. The reference is the same one <c>GetGrain&lt;T&gt;</c> returns.
/// </summary>
/// <remarks>
/// References are also kept, per grain factory (a reference belongs to its silo or client) and per interface, up to
/// <see cref="CachedPerType"/> keys (then the cache starts over): building one constructs a proxy whose copiers are
/// resolved from the container, which profiling showed as 3% of a <c>reportConcern</c>. References are
/// immutable and thread-safe, so sharing them between grains and requests is sound.
/// </remarks>
public static class GrainReferences
{
    /// <summary>The reference to the <typeparamref name="T"/> grain with <paramref name="key"/>.</summary>
    public static T GetRef<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey => Types<T>.Get(grains, key);

    /// <summary>Most references kept per grain factory and interface.</summary>
    public const int CachedPerType = 16_384;

    private static class Types<T> where T : IGrainWithStringKey
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IGrainFactory, System.Collections.Concurrent.ConcurrentDictionary<string, T>> Caches = [];

        private static Resolved? _resolved;

        public static T Get(IGrainFactory grains, string key)
        {
            if (_resolved is { } r)
            {
                var cache = Caches.GetValue(grains, static _ => new(StringComparer.Ordinal));
                if (cache.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                if (cache.Count >= CachedPerType)
                {
                    cache.Clear();
                }

                var created = (T)grains.GetGrain(GrainId.Create(r.GrainType, key), r.InterfaceType);
                cache.TryAdd(key, created);
                return created;
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
