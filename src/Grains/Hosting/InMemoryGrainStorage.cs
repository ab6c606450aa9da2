using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// The embedded default's grain storage: every grain's state held in this process as the bytes of the configured
/// <see cref="IGrainStorageSerializer"/> (Orleans' binary format, as on Azure Table Storage), with an integer version
/// as its ETag. Lost on restart.
/// </summary>
/// <remarks>
/// <para>
/// Orleans' own memory storage keeps each state behind a storage grain, under a string key <c>"{stateName}/{grainId}"</c>
/// and in a <c>GrainState</c> wrapper, and every read and write is a grain call. With 100,000 cases and 100,000 people
/// that is a key string and a wrapper per entity that outlive the grain's activation, and a message hop per write.
/// Here a write is a dictionary update in the caller's turn, and what stays per entity after deactivation is the
/// dictionary node (keyed by the <see cref="GrainId"/>, whose bytes Orleans already holds) and one exact-size byte array.
/// </para>
/// <para>
/// Semantics are those of an ETag-checked store: a write or clear whose <see cref="IGrainState{T}.ETag"/> is not the
/// stored one (or is set when nothing is stored, or null when something is) throws
/// <see cref="InconsistentStateException"/> and changes nothing. Reading a grain with nothing stored gives a new state,
/// a null ETag and <see cref="IGrainState{T}.RecordExists"/> false. Thread-safe.
/// </para>
/// </remarks>
public sealed class InMemoryGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<GrainId, Stored>> _states = new(StringComparer.Ordinal);

    /// <summary>
    /// Versions come from one store-wide counter, never per record: a record cleared and written again gets a version
    /// no earlier holder of an ETag has seen, so a stale writer cannot overwrite it.
    /// </summary>
    private long _lastVersion;

    /// <summary>Number of stored states of <paramref name="stateName"/> (for tests and diagnostics).</summary>
    public int Count(string stateName) => _states.TryGetValue(stateName, out var states) ? states.Count : 0;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_states.TryGetValue(stateName, out var states) && states.TryGetValue(grainId, out var stored))
        {
            grainState.State = serializer.Deserialize<T>(BinaryData.FromBytes(stored.Data)) ?? Activator.CreateInstance<T>();
            grainState.ETag = ETagOf(stored.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = ExactBytes(serializer.Serialize(grainState.State));
        var states = _states.GetOrAdd(stateName, static _ => new ConcurrentDictionary<GrainId, Stored>());
        var expected = grainState.ETag;
        Stored written;
        if (states.TryGetValue(grainId, out var current))
        {
            if (expected != ETagOf(current.Version))
            {
                throw Mismatch(stateName, grainId, ETagOf(current.Version), expected);
            }

            written = new Stored(data, Interlocked.Increment(ref _lastVersion));
            if (!states.TryUpdate(grainId, written, current))
            {
                throw Mismatch(stateName, grainId, "(changed concurrently)", expected);
            }
        }
        else
        {
            if (expected is not null)
            {
                throw Mismatch(stateName, grainId, null, expected);
            }

            written = new Stored(data, Interlocked.Increment(ref _lastVersion));
            if (!states.TryAdd(grainId, written))
            {
                throw Mismatch(stateName, grainId, "(written concurrently)", expected);
            }
        }

        grainState.ETag = ETagOf(written.Version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_states.TryGetValue(stateName, out var states) && states.TryGetValue(grainId, out var current))
        {
            if (grainState.ETag != ETagOf(current.Version))
            {
                throw Mismatch(stateName, grainId, ETagOf(current.Version), grainState.ETag);
            }

            if (!states.TryRemove(new KeyValuePair<GrainId, Stored>(grainId, current)))
            {
                throw Mismatch(stateName, grainId, "(changed concurrently)", grainState.ETag);
            }
        }
        else if (grainState.ETag is not null)
        {
            throw Mismatch(stateName, grainId, null, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The serialized bytes in an array of their own length (the serializer's array when it already is one).</summary>
    private static byte[] ExactBytes(BinaryData data)
    {
        var memory = data.ToMemory();
        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    private static InconsistentStateException Mismatch(string stateName, GrainId grainId, string? stored, string? given) =>
        new($"The stored state '{stateName}' of {grainId} has ETag '{stored ?? "(none)"}', not '{given ?? "(none)"}'; nothing was written.",
            stored ?? "", given ?? "");

    /// <summary>One stored state: the serialized bytes and the version they were written as (a value in the dictionary node, no object of its own).</summary>
    private readonly record struct Stored(byte[] Data, long Version);
}
