using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The embedded default's intake read side: per tenant, call rows sorted by <see cref="CallRow.SortKeyOf"/> and appointment
/// rows sorted by id, in process memory. Thread-safe (one lock per tenant).
/// </summary>
public sealed class InMemoryIntakeStore : IIntakeStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask UpsertCallAsync(CallRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var tenant = Of(row.TenantId);
        lock (tenant)
        {
            tenant.Calls[row.SortKeyOf()] = row;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<CallRow>> QueryCallsAsync(string tenantId, CallQuery query, int first, string? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ValueTask.FromResult(PageOf(Of(tenantId), t => t.Calls, query.Matches, first, after));
    }

    /// <inheritdoc />
    public ValueTask UpsertAppointmentAsync(AppointmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var tenant = Of(row.TenantId);
        lock (tenant)
        {
            tenant.Appointments[row.Id] = row;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<AppointmentRow>> QueryAppointmentsAsync(string tenantId, AppointmentQuery query, int first, string? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ValueTask.FromResult(PageOf(Of(tenantId), t => t.Appointments, query.Matches, first, after));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListIdsAsync(string tenantId, IntakeKind kind)
    {
        var tenant = Of(tenantId);
        lock (tenant)
        {
            IReadOnlyList<string> ids = kind == IntakeKind.Call ? [.. tenant.Calls.Values.Select(r => r.Id)] : [.. tenant.Appointments.Keys];
            return ValueTask.FromResult(ids);
        }
    }

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId)
    {
        _tenants.TryRemove(tenantId, out _);
        return ValueTask.CompletedTask;
    }

    private Tenant Of(string tenantId) => _tenants.GetOrAdd(tenantId, _ => new Tenant());

    private static Page<T> PageOf<T>(Tenant tenant, Func<Tenant, SortedDictionary<string, T>> rows, Func<T, bool> matches, int first, string? after)
    {
        lock (tenant)
        {
            var items = rows(tenant).Where(kv => after is null || string.CompareOrdinal(kv.Key, after) > 0)
                .Where(kv => matches(kv.Value)).Take(first + 1).Select(kv => kv.Value).ToList();
            var more = items.Count > first;
            return new Page<T>(more ? items[..first] : items, more);
        }
    }

    private sealed class Tenant
    {
        public SortedDictionary<string, CallRow> Calls { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, AppointmentRow> Appointments { get; } = new(StringComparer.Ordinal);
    }
}
