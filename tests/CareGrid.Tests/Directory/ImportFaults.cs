using System.Collections.Concurrent;
using RequestFailedException = Azure.RequestFailedException;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>What the fault seam does to one try of a person's roster import.</summary>
public enum ImportFault
{
    /// <summary>The call goes through.</summary>
    None,
    /// <summary>The call times out before the person grain runs it (nothing written).</summary>
    TimeoutBefore,
    /// <summary>The person grain runs and stores the row, then the answer times out (written, outcome lost).</summary>
    TimeoutAfter,
    /// <summary>The person grain stores the row, then its read-side row cannot be written (storage 503).</summary>
    ReadSideDown,
    /// <summary>The person grain refuses the row (a permanent error of the row: <c>VALIDATION_FAILED</c> on displayName).</summary>
    Refuse,
}

/// <summary>
/// Test-only fault injection on the real path of a roster import: an incoming grain call filter around
/// <see cref="IPersonGrain.Import"/> (every person call an import makes goes through it, as in production) and a read side
/// that can refuse a person's row once. A plan per tenant names the fault of each (person id, try); the filter also counts the
/// tries per person and the person imports in flight at once, and can hold calls in waves (<see cref="HoldInWavesOf"/>).
/// </summary>
public sealed class ImportFaults : IIncomingGrainCallFilter
{
    public static readonly ImportFaults Shared = new();

    private readonly ConcurrentDictionary<string, Func<string, int, ImportFault>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _tries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _readSideDown = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _peak;
    private int _started;
    private (int Wave, int Total)? _hold;
    private TaskCompletionSource _wave = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sets the fault of each try (1-based) of each person id of <paramref name="tenant"/>.</summary>
    public void Plan(string tenant, Func<string, int, ImportFault> plan) => _plans[tenant] = plan;

    /// <summary>Calls made to <c>Import</c> of person <paramref name="personId"/> of <paramref name="tenant"/>.</summary>
    public int Tries(string tenant, string personId) => _tries.GetValueOrDefault(tenant + "/" + personId);

    /// <summary>The most person imports in flight at once since <see cref="HoldInWavesOf"/>.</summary>
    public int Peak
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    /// <summary>
    /// Holds each person import until <paramref name="wave"/> are in flight together (or the <paramref name="total"/>-th call
    /// arrived), then lets that wave go: with a bound of <paramref name="wave"/> on the silo the peak is exactly
    /// <paramref name="wave"/>; without one, the calls that arrive meanwhile push it higher. Counted, not timed.
    /// </summary>
    public void HoldInWavesOf(int wave, int total)
    {
        lock (_gate)
        {
            _hold = (wave, total);
            _peak = 0;
            _started = 0;
        }
    }

    /// <summary>The read side the test silo uses: the embedded one, refusing a person's row once when the plan says so.</summary>
    public IReadModelStore ReadSide(IReadModelStore inner) => new FlakyReadSide(inner, this);

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not PersonGrain || context.MethodName != nameof(IPersonGrain.Import))
        {
            await context.Invoke();
            return;
        }

        var key = context.TargetId.Key.ToString()!;
        var tenant = key[..key.IndexOf('/', StringComparison.Ordinal)];
        var tries = _tries.AddOrUpdate(key, 1, static (_, n) => n + 1);
        var fault = _plans.TryGetValue(tenant, out var plan) ? plan(key[(tenant.Length + 1)..], tries) : ImportFault.None;
        var release = Enter();
        try
        {
            await release;
            switch (fault)
            {
                case ImportFault.TimeoutBefore:
                    throw new TimeoutException("Injected: response did not arrive on time in 00:00:30");
                case ImportFault.Refuse:
                    throw CareGridException.Validation("displayName", "Injected refusal of the row.");
                case ImportFault.ReadSideDown:
                    _readSideDown[key] = 0;
                    break;
            }

            await context.Invoke();
            if (fault == ImportFault.TimeoutAfter)
            {
                throw new TimeoutException("Injected: response did not arrive on time in 00:00:30");
            }
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private Task Enter()
    {
        lock (_gate)
        {
            _inFlight++;
            _started++;
            _peak = Math.Max(_peak, _inFlight);
            if (_hold is not { } hold)
            {
                return Task.CompletedTask;
            }

            var wave = _wave;
            if (_inFlight >= hold.Wave || _started >= hold.Total)
            {
                _wave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_started >= hold.Total)
                {
                    _hold = null;
                }

                wave.SetResult();
            }

            return wave.Task;
        }
    }

    private bool TakeReadSideFault(string tenant, string personId) => _readSideDown.TryRemove(tenant + "/" + personId, out _);

    /// <summary>The read side that refuses a person's row once when the person's try was planned <see cref="ImportFault.ReadSideDown"/>.</summary>
    private sealed class FlakyReadSide(IReadModelStore inner, ImportFaults faults) : IReadModelStore
    {
        public ValueTask UpsertPersonAsync(PersonRow row) => faults.TakeReadSideFault(row.TenantId, row.Id)
            ? ValueTask.FromException(new RequestFailedException(503, "Injected: the read side's storage is unavailable."))
            : inner.UpsertPersonAsync(row);

        public ValueTask UpsertCaseAsync(CaseRow row) => inner.UpsertCaseAsync(row);

        public ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId) => inner.GetCaseAsync(tenantId, caseId);

        public ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after) => inner.QueryCasesAsync(tenantId, query, first, after);

        public ValueTask UpsertOrganizationAsync(OrganizationRow row) => inner.UpsertOrganizationAsync(row);

        public ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId) => inner.ListOrganizationsAsync(tenantId);

        public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after) => inner.QueryPeopleAsync(tenantId, query, first, after);

        public ValueTask UpsertTaskAsync(TaskRow row) => inner.UpsertTaskAsync(row);

        public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after) => inner.QueryTasksAsync(tenantId, query, first, after);

        public ValueTask PurgeTenantAsync(string tenantId) => inner.PurgeTenantAsync(tenantId);
    }
}
