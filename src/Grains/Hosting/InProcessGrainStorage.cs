using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// Grain storage of the embedded default (<c>Storage:Provider=Memory</c>): every grain's state kept in this process
/// as the bytes of the configured <see cref="IGrainStorageSerializer"/> (Orleans' binary format, versioned by
/// <c>[Id]</c>/<c>[Alias]</c>), with optimistic concurrency by ETag. Nothing survives the process; durable mode uses
/// Azure Table storage instead (README "Durable mode").
/// </summary>
/// <remarks>
/// <para>
/// Chosen over Orleans' <c>MemoryGrainStorage</c> by measurement (issue #7, tests/Benchmarks): that provider routes
/// every read and write through a storage grain — a message, a deep copy and a turn on a shared activation per
/// call — while this one is a dictionary operation and one serialization, and keeps one byte array per grain.
/// </para>
/// <para>
/// Semantics match the other providers: a read of a grain never written sets <see cref="IGrainState{T}.RecordExists"/>
/// false and leaves the state the grain was created with; a write or clear whose ETag is not the stored one throws
/// <see cref="InconsistentStateException"/> and changes nothing; a cleared record reads as never written.
/// </para>
/// </remarks>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Stored> _records = new();
    private long _version;

    /// <summary>Number of stored records (every state name of every grain written and not cleared).</summary>
    public int Count => _records.Count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Data));
            grainState.ETag = Tag(stored.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="InconsistentStateException">The stored ETag is not <see cref="IGrainState{T}.ETag"/>.</exception>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var next = new Stored(data, Interlocked.Increment(ref _version));
        Swap((stateName, grainId), grainState.ETag, next);
        grainState.ETag = Tag(next.Version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="InconsistentStateException">The stored ETag is not <see cref="IGrainState{T}.ETag"/>.</exception>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Swap((stateName, grainId), grainState.ETag, null);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Replaces (or with <paramref name="next"/> null removes) the record if its ETag is <paramref name="expected"/>.</summary>
    private void Swap((string, GrainId) key, string? expected, Stored? next)
    {
        while (true)
        {
            if (!_records.TryGetValue(key, out var current))
            {
                if (expected is not null)
                {
                    throw new InconsistentStateException($"The record was removed; the writer expected version {expected}.", "(none)", expected);
                }

                if (next is null || _records.TryAdd(key, next))
                {
                    return;
                }

                continue;
            }

            var stored = Tag(current.Version);
            if (!string.Equals(stored, expected, StringComparison.Ordinal))
            {
                throw new InconsistentStateException($"The record is at version {stored}; the writer expected {expected ?? "no record"}.", stored, expected ?? "(none)");
            }

            var done = next is null
                ? _records.TryRemove(new KeyValuePair<(string, GrainId), Stored>(key, current))
                : _records.TryUpdate(key, next, current);
            if (done)
            {
                return;
            }
        }
    }

    private static string Tag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private sealed record Stored(byte[] Data, long Version);
}

/// <summary>Registers <see cref="InProcessGrainStorage"/>.</summary>
public static class InProcessGrainStorageExtensions
{
    /// <summary>
    /// Adds an <see cref="InProcessGrainStorage"/> named <paramref name="name"/>, serializing with the
    /// <see cref="IGrainStorageSerializer"/> registered under the same key, or else in Orleans' binary format.
    /// </summary>
    public static ISiloBuilder AddInProcessGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddGrainStorage(name, static (services, key) => new InProcessGrainStorage(
            services.GetKeyedService<IGrainStorageSerializer>(key)
            ?? new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>())));
        return silo;
    }
}
