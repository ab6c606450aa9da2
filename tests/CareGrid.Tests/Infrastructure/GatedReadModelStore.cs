using System.Collections.Concurrent;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// The embedded read side (<see cref="InMemoryReadModelStore"/>) with a gate: a test can hold one tenant's organization list
/// or case queries until it releases them, to keep whoever asks (the statistics grain) busy for as long as it likes, without
/// timing anything. Every other call passes straight through.
/// </summary>
public sealed class GatedReadModelStore : IReadModelStore
{
    private readonly InMemoryReadModelStore _inner = new();
    private readonly ConcurrentDictionary<(string Tenant, ReadModelGate Gate), HeldCalls> _held = new();
    private readonly ConcurrentDictionary<string, int> _organizationReads = new(StringComparer.Ordinal);

    /// <summary>How many times <paramref name="tenantId"/>'s organization list was asked for (counted on arrival, held or not).</summary>
    public int OrganizationReads(string tenantId) => _organizationReads.GetValueOrDefault(tenantId);

    /// <summary>Holds every call of <paramref name="gate"/> for <paramref name="tenantId"/> until the result is released or disposed.</summary>
    public HeldCalls Hold(string tenantId, ReadModelGate gate) =>
        _held[(tenantId, gate)] = new HeldCalls(() => _held.TryRemove((tenantId, gate), out _));

    /// <inheritdoc />
    public ValueTask UpsertCaseAsync(CaseRow row) => _inner.UpsertCaseAsync(row);

    /// <inheritdoc />
    public ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId) => _inner.GetCaseAsync(tenantId, caseId);

    /// <inheritdoc />
    public async ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        await WaitAsync(tenantId, ReadModelGate.Cases);
        return await _inner.QueryCasesAsync(tenantId, query, first, after);
    }

    /// <inheritdoc />
    public ValueTask UpsertOrganizationAsync(OrganizationRow row) => _inner.UpsertOrganizationAsync(row);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId)
    {
        _organizationReads.AddOrUpdate(tenantId, 1, (_, n) => n + 1);
        await WaitAsync(tenantId, ReadModelGate.Organizations);
        return await _inner.ListOrganizationsAsync(tenantId);
    }

    /// <inheritdoc />
    public ValueTask UpsertPersonAsync(PersonRow row) => _inner.UpsertPersonAsync(row);

    /// <inheritdoc />
    public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after) =>
        _inner.QueryPeopleAsync(tenantId, query, first, after);

    /// <inheritdoc />
    public ValueTask UpsertTaskAsync(TaskRow row) => _inner.UpsertTaskAsync(row);

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after) =>
        _inner.QueryTasksAsync(tenantId, query, first, after);

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId) => _inner.PurgeTenantAsync(tenantId);

    private async ValueTask WaitAsync(string tenantId, ReadModelGate gate)
    {
        if (_held.TryGetValue((tenantId, gate), out var held))
        {
            await held.WaitAsync();
        }
    }
}

/// <summary>What <see cref="GatedReadModelStore.Hold"/> can hold.</summary>
public enum ReadModelGate
{
    /// <summary><see cref="IReadModelStore.ListOrganizationsAsync"/> (a statistics report reads the unit names).</summary>
    Organizations,

    /// <summary><see cref="IReadModelStore.QueryCasesAsync"/> (the statistics projection's build pages the cases).</summary>
    Cases,
}
