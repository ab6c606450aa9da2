using System.Collections.Concurrent;
using CareGrid.Grains.Events;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// A test <see cref="ICareEventSink"/> registered in the test cluster (<see cref="ClusterFixture"/>): keeps every batch it was
/// handed, per tenant, and throws for the tenants a test marks as failing — to prove the case grain's delivery rules
/// (docs/events.md "Delivery").
/// </summary>
public sealed class RecordingCareEventSink : ICareEventSink
{
    /// <summary>The one instance the test cluster's silo uses (the silo runs in the test process).</summary>
    public static RecordingCareEventSink Shared { get; } = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<IReadOnlyList<CareEvent>>> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    /// <summary>Makes the sink throw for <paramref name="tenant"/> (or take its events again when <paramref name="fail"/> is false).</summary>
    public void Fail(string tenant, bool fail = true)
    {
        if (fail)
        {
            _failing[tenant] = true;
        }
        else
        {
            _failing.TryRemove(tenant, out _);
        }
    }

    /// <summary>Every batch taken for <paramref name="tenant"/>, in the order taken.</summary>
    public IReadOnlyList<IReadOnlyList<CareEvent>> Batches(string tenant) =>
        _batches.TryGetValue(tenant, out var batches) ? [.. batches] : [];

    /// <summary>The distinct events taken for <paramref name="tenant"/> (a repeat counted once), in the order first taken.</summary>
    public IReadOnlyList<CareEvent> Events(string tenant) => [.. Batches(tenant).SelectMany(b => b).DistinctBy(e => e.Id)];

    /// <inheritdoc />
    public Task AcceptAsync(IGrainFactory grains, IReadOnlyList<CareEvent> events)
    {
        var tenant = events[0].TenantId;
        if (_failing.ContainsKey(tenant))
        {
            throw new InvalidOperationException($"The test sink refuses events of {tenant}.");
        }

        _batches.GetOrAdd(tenant, _ => new ConcurrentQueue<IReadOnlyList<CareEvent>>()).Enqueue([.. events]);
        return Task.CompletedTask;
    }
}
