using System.Diagnostics;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareGrid.Grains.Cases;

/// <summary>Settings of the <see cref="DeadlineSweep"/> (configuration section <c>Deadlines:Sweep</c>).</summary>
public sealed class DeadlineSweepOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Deadlines:Sweep";

    /// <summary>Whether a silo sweeps when it becomes active (default true). Turning it off leaves only the reminders and the activation check.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Task rows read per read-side query, 1–1000 (default 100): one page of one tenant per round.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Case grains checked at once, 1–128 (default 32): bounds the sweep's load on storage and the silo. Measured on Azurite
    /// (docs/deadline-sweep.md), 32 escalated 500 overdue tasks within 30 s where 8 took about 38 s.
    /// </summary>
    public int MaxConcurrentCases { get; set; } = 32;

    /// <summary>Attempts of a sweep that fails as a whole (e.g. storage not reachable yet), 1–20 (default 5), 2 s apart.</summary>
    public int Attempts { get; set; } = 5;

    /// <summary>
    /// Time between the periodic sweeps that run after the first one (default 1 minute; <see cref="TimeSpan.Zero"/>: none,
    /// only the sweep on activation; otherwise 5 seconds to 1 hour). Only one silo of the cluster sweeps periodically — the
    /// active member with the lowest silo address in its membership view — so the read side is queried once per tenant per
    /// interval, not once per silo. It bounds how late a deadline is escalated when its reminder was lost (a silo killed
    /// while it held the reminder, a reminder-table read that failed): the reminder service re-reads its table only every
    /// few minutes (docs/deadline-sweep.md "Periodic sweep").
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What one sweep did.</summary>
/// <param name="Tenants">Tenants looked at (Active and Suspended ones: their reminders run too).</param>
/// <param name="OverdueTasks">Open task rows past their deadline and not escalated yet, as the read side listed them.</param>
/// <param name="Cases">Distinct cases whose deadlines were checked.</param>
/// <param name="Escalated">Tasks these checks escalated (a case already escalated by its activation check, a reminder or another silo counts 0).</param>
/// <param name="Failed">Cases whose check failed twice — during the pages and again after them (logged; the case's reminder, its next activation and the next periodic sweep still escalate it).</param>
/// <param name="Took">How long the sweep ran (wall-clock time).</param>
public sealed record DeadlineSweepResult(int Tenants, int OverdueTasks, int Cases, int Escalated, int Failed, TimeSpan Took);

/// <summary>
/// Escalates the deadlines that fell due while no silo ran (R-1.10; docs/deadline-sweep.md). An Orleans reminder whose due
/// time passed while the cluster was down fires only at its next period, up to <see cref="CaseGrain.ReminderPeriod"/> later —
/// more than the 1-hour police-transport deadline can spare. So each silo, once active, lists from the read side every
/// open, not-yet-escalated task of every tenant whose deadline has passed on the domain clock
/// (<see cref="TaskQuery.UnescalatedOnly"/>, filtered by the store: <c>PartitionKey eq tenant</c>) and calls
/// <see cref="ICaseGrain.CheckDeadlines"/> on its case.
/// </summary>
/// <remarks>
/// Exactly once: the case grain escalates a task only while its <see cref="CaseTask.EscalationCount"/> is 0 and saves that
/// under its storage ETag, so several silos sweeping, reminders firing and the activation check at the same time escalate
/// each task once, with one <c>TaskOverdue</c> timeline entry. The read side may lag the grain state; a case the read side
/// misses is escalated by its activation check or its reminder. Bounded and paced: pages of <see cref="DeadlineSweepOptions.PageSize"/>
/// rows, one page per tenant per round (a tenant with many overdue tasks does not hold up the others), at most
/// <see cref="DeadlineSweepOptions.MaxConcurrentCases"/> grain calls in flight. It runs beside the service, never delaying start-up.
/// </remarks>
public sealed partial class DeadlineSweep(
    IGrainFactory grains,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<DeadlineSweepOptions> options,
    ILogger<DeadlineSweep> logger)
{
    /// <summary>One sweep over every Active and Suspended tenant, at the domain clock's current time.</summary>
    /// <param name="cancellationToken">Cancelled when the silo stops.</param>
    /// <param name="periodic">
    /// True for a periodic sweep (<see cref="DeadlineSweepOptions.Interval"/>): it logs a warning only when it escalated a task
    /// (a reminder that should have fired did not), otherwise at debug level; the sweep on activation always logs one line.
    /// </param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the silo stops).</exception>
    public async Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken = default, bool periodic = false)
    {
        var settings = options.Value;
        var pageSize = Math.Clamp(settings.PageSize, 1, 1000);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(settings.MaxConcurrentCases, 1, 128), CancellationToken = cancellationToken };
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        TenantContext.Clear();
        var tenants = (await grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List())
            .Where(t => t.Status is TenantStatus.Active or TenantStatus.Suspended)
            .Select(t => new TenantCursor(t.Id))
            .ToList();
        var totals = new Totals();
        var pending = tenants;
        while (pending.Count > 0)
        {
            foreach (var tenant in pending)
            {
                await SweepPageAsync(tenant, now, pageSize, parallel, totals);
            }

            pending = [.. pending.Where(t => !t.Done)];
        }

        await RetryFailedAsync(tenants, parallel, totals);

        var result = new DeadlineSweepResult(tenants.Count, totals.Tasks, totals.Cases, totals.Escalated, totals.Failed, Stopwatch.GetElapsedTime(started));
        if (!periodic)
        {
            LogSwept(result.Tenants, result.OverdueTasks, result.Cases, result.Escalated, result.Failed, result.Took.TotalSeconds, now);
        }
        else if (result.Escalated > 0 || result.Failed > 0)
        {
            LogPeriodicEscalated(result.Escalated, result.Cases, result.Failed, now);
        }
        else
        {
            LogPeriodicQuiet(result.Tenants, result.OverdueTasks, result.Took.TotalSeconds);
        }

        return result;
    }

    /// <summary>Reads the next page of one tenant's overdue, unescalated tasks and checks each case on it not checked yet.</summary>
    private async Task SweepPageAsync(TenantCursor tenant, DateTimeOffset now, int pageSize, ParallelOptions parallel, Totals totals)
    {
        var page = await readModel.QueryTasksAsync(tenant.Id, new TaskQuery(DueBefore: now, UnescalatedOnly: true), pageSize, tenant.After);
        tenant.After = page.Items.Count > 0 ? page.Items[^1].Id : tenant.After;
        tenant.Done = !page.HasNextPage || page.Items.Count == 0;
        Interlocked.Add(ref totals.Tasks, page.Items.Count);
        var cases = page.Items.Select(r => r.CaseId).Where(tenant.Checked.Add).ToList();
        await Parallel.ForEachAsync(cases, parallel, async (caseId, _) =>
        {
            Interlocked.Increment(ref totals.Cases);
            if (await CheckCaseAsync(tenant.Id, caseId, totals) is { } failure)
            {
                LogCaseRetried(failure, tenant.Id, caseId);
                tenant.Retry.Add(caseId);
            }
        });
    }

    /// <summary>
    /// The second try of the cases whose check failed during the pages (a call that timed out while the cluster was busy or
    /// a silo not yet declared dead), once every tenant's pages are done; a case failing again is counted and logged.
    /// </summary>
    private async Task RetryFailedAsync(IEnumerable<TenantCursor> tenants, ParallelOptions parallel, Totals totals)
    {
        foreach (var tenant in tenants.Where(t => !t.Retry.IsEmpty))
        {
            await Parallel.ForEachAsync(tenant.Retry, parallel, async (caseId, _) =>
            {
                if (await CheckCaseAsync(tenant.Id, caseId, totals) is { } failure)
                {
                    Interlocked.Increment(ref totals.Failed);
                    LogCaseFailed(failure, tenant.Id, caseId);
                }
            });
        }
    }

    /// <summary>Checks one case's deadlines; null when it answered, otherwise what it failed with.</summary>
    private async Task<Exception?> CheckCaseAsync(string tenantId, string caseId, Totals totals)
    {
        TenantContext.Set(tenantId);
        try
        {
            var escalated = await grains.GetGrain<ICaseGrain>(TenantIds.Key(tenantId, caseId)).CheckDeadlines();
            Interlocked.Add(ref totals.Escalated, escalated);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deadline sweep: {Tenants} tenants, {Tasks} overdue unescalated tasks on {Cases} cases checked, {Escalated} escalated here, {Failed} failed, in {Seconds:F1} s (domain time {Now:O})")]
    private partial void LogSwept(int tenants, int tasks, int cases, int escalated, int failed, double seconds, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Periodic deadline sweep escalated {Escalated} overdue tasks on {Cases} cases whose reminders had not fired ({Failed} cases failed; domain time {Now:O})")]
    private partial void LogPeriodicEscalated(int escalated, int cases, int failed, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Periodic deadline sweep: {Tenants} tenants, {Tasks} overdue unescalated task rows, nothing escalated, in {Seconds:F1} s")]
    private partial void LogPeriodicQuiet(int tenants, int tasks, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep could not check case {Tenant}/{CaseId} yet; it is tried again once the pages are done")]
    private partial void LogCaseRetried(Exception exception, string tenant, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep could not check case {Tenant}/{CaseId}; its reminder and next activation still escalate it")]
    private partial void LogCaseFailed(Exception exception, string tenant, string caseId);

    /// <summary>Where one tenant's sweep stands: the read-side cursor and the cases already checked.</summary>
    private sealed class TenantCursor(string id)
    {
        public string Id { get; } = id;
        public string? After { get; set; }
        public bool Done { get; set; }
        public HashSet<string> Checked { get; } = new(StringComparer.Ordinal);

        public System.Collections.Concurrent.ConcurrentBag<string> Retry { get; } = [];
    }

    /// <summary>Counters shared by the concurrent checks of a sweep.</summary>
    private sealed class Totals
    {
        public int Tasks;
        public int Cases;
        public int Escalated;
        public int Failed;
    }
}
