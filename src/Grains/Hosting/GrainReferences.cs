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
/// immutable and thread-safe, so sharing them between grains and requests is sound. The bound is small on purpose: a
/// cached reference outlives its grain's activation (with its proxy, per-method copiers and key, about 100–400 bytes), and
/// the hot keys (a tenant's grain, its units, the cases being worked on) are few, while a bulk import or screening round
/// touches each person and case once; at 16,384 per interface a silo kept several MiB per interface after idle
/// deactivation (measured with <c>dotnet-gcdump</c>; docs/memory.md).
/// </remarks>
public static class GrainReferences
{
    /// <summary>The reference to the <typeparamref name="T"/> grain with <paramref name="key"/>.</summary>
    public static T GetRef<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey => Types<T>.Get(grains, key);

    /// <summary>Most references kept per grain factory and interface.</summary>
    public const int CachedPerType = 1_024;

    /// <summary>How many <typeparamref name="T"/> references are kept for <paramref name="grains"/> now (for tests and diagnostics).</summary>
    internal static int CachedCount<T>(IGrainFactory grains) where T : IGrainWithStringKey => Types<T>.Count(grains);

    private static class Types<T> where T : IGrainWithStringKey
    {
        public static int Count(IGrainFactory grains) => Caches.TryGetValue(grains, out var cache) ? cache.Items.Count : 0;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IGrainFactory, Cache> Caches = [];

        private static Resolved? _resolved;

        public static T Get(IGrainFactory grains, string key)
        {
            if (_resolved is { } r)
            {
                var cache = Caches.GetValue(grains, static _ => new Cache());
                if (cache.Items.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                var created = (T)grains.GetGrain(GrainId.Create(r.GrainType, key), r.InterfaceType);
                cache.Add(key, created);
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

        /// <summary>
        /// One factory's references with a count of its own: <c>ConcurrentDictionary.Count</c> takes every lock of the
        /// dictionary, which on a miss per call (a new case per report) made the count the most contended lock of
        /// <c>reportConcern</c> (docs/write-path-profile.md). Adds (misses only) take one small lock around the count, the
        /// clear and the insert, so the bound is exact; hits read the dictionary without it.
        /// </summary>
        private sealed class Cache
        {
            private readonly Lock _adding = new();
            private int _added;

            public System.Collections.Concurrent.ConcurrentDictionary<string, T> Items { get; } = new(StringComparer.Ordinal);

            public void Add(string key, T reference)
            {
                lock (_adding)
                {
                    if (_added >= CachedPerType)
                    {
                        Items.Clear();
                        _added = 0;
                    }

                    if (Items.TryAdd(key, reference))
                    {
                        _added++;
                    }
                }
            }
        }
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
