using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// One tenant's <see cref="TenantStatistics"/> (<see cref="ITenantStatisticsGrain"/>). Built on the first request (statistics or board) of an activation
/// by paging the tenant's rows from the read side once — the only pass over the tenant, never one per request — then fed by
/// the case and person grains after each write (docs/statistics.md). On the embedded default the rows it keeps are the read
/// side's own instances (<see cref="IKeptRows"/>), not copies.
/// </summary>
[GrainType("tenant-statistics")]
public sealed class TenantStatisticsGrain(
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ITenantStatisticsGrain
{
    /// <summary>Rows read per page while building.</summary>
    private const int PageSize = 1000;

    private TenantStatistics? _projection;

    /// <summary>The build in progress (one per activation, shared by every caller that needs the projection), or null.</summary>
    private Task<TenantStatistics>? _building;

    /// <summary>Rows fed while <see cref="_building"/> runs: applied after its last page, so they win over the pages read.</summary>
    private List<StatisticsFeed>? _fedWhileBuilding;

    private string TenantId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    /// <remarks>
    /// Never waits for a build or a request (it interleaves, <see cref="ITenantStatisticsGrain.Apply"/>): with the projection
    /// built, the rows are applied at once; while a build pages the read side, they are kept and applied after its last page
    /// (a fed row is at least as new as the read side's, so it wins); with nothing built, there is nothing to do, because the
    /// row is already on the read side that the next build reads.
    /// </remarks>
    public Task Apply(StatisticsFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var rows = readModel is IKeptRows kept ? Shared(feed, kept) : feed;
        if (_projection is not null)
        {
            _projection.Apply(rows);
        }
        else if (_building is { IsCompleted: false })
        {
            (_fedWhileBuilding ??= []).Add(rows);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// <paramref name="feed"/> with each row replaced by the instance the in-process read side keeps for it (equal in every
    /// value, <see cref="IKeptRows"/>): the feed's rows are copies made by the grain call, and the projection keeps what it is
    /// given for as long as it is active, so without this every case, task and person would be held twice (docs/memory.md).
    /// </summary>
    internal static StatisticsFeed Shared(StatisticsFeed feed, IKeptRows kept) => new(
        feed.Case is null ? null : kept.Kept(feed.Case),
        feed.Tasks.Count == 0 ? feed.Tasks : [.. feed.Tasks.Select(kept.Kept)],
        feed.Person is null ? null : kept.Kept(feed.Person));

    /// <inheritdoc />
    public async Task<StatisticsReport> Get(StatisticsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var projection = await ProjectionAsync();
        var settings = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettings();
        projection.Recalibrate(settings.Calendar);
        // Unit names cost the tenant's units, not its cases (docs/statistics.md "Cases and tasks").
        var units = await readModel.ListOrganizationsAsync(TenantId);
        var names = units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var report = projection.Report(request, clock.GetUtcNow(), names);
        report.Census = await CensusCoverageReader.ReadAsync(GrainFactory, TenantId, report, settings.Calendar); // docs/statistics.md "People and census"
        report.Activities = await ActivityCountsReader.ReadAsync(GrainFactory, TenantId, report, settings.Calendar); // docs/statistics.md "Activities and hazards"
        return report;
    }

    /// <inheritdoc />
    public async Task<OverdueBoardPage> Board(OverdueBoardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var projection = await ProjectionAsync();
        var settings = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettings();
        projection.Recalibrate(settings.Calendar);
        return projection.Board(request, clock.GetUtcNow());
    }

    /// <inheritdoc />
    public Task Reset()
    {
        _projection = null;
        _building = null;
        _fedWhileBuilding = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The projection, built on first need. Concurrent requests (they interleave, being read-only) share one build, and a
    /// build that failed is tried again by the next request.
    /// </summary>
    private async ValueTask<TenantStatistics> ProjectionAsync()
    {
        if (_projection is not null)
        {
            return _projection;
        }

        if (_building is null || _building.IsCompleted)
        {
            _building = BuildAsync();
        }

        return await _building;
    }

    /// <summary>Pages the tenant's rows from the read side, then applies the rows fed meanwhile (<see cref="Apply"/>).</summary>
    private async Task<TenantStatistics> BuildAsync()
    {
        try
        {
            var settings = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettings();
            var projection = new TenantStatistics(settings.Calendar);
            await ReadAllAsync(after => readModel.QueryCasesAsync(TenantId, new CaseQuery(), PageSize, after), r => r.Id, projection.Apply);
            await ReadAllAsync(after => readModel.QueryTasksAsync(TenantId, new TaskQuery(OpenOnly: false), PageSize, after), r => r.Id, projection.Apply);
            await ReadAllAsync(after => readModel.QueryPeopleAsync(TenantId, PersonQuery.All, PageSize, after), r => r.Id, projection.Apply);
            foreach (var fed in _fedWhileBuilding ?? [])
            {
                projection.Apply(fed);
            }

            return _projection = projection;
        }
        finally
        {
            _fedWhileBuilding = null;
        }
    }

    private static async Task ReadAllAsync<T>(Func<string?, ValueTask<Page<T>>> page, Func<T, string> cursorOf, Action<T> apply)
    {
        string? after = null;
        while (true)
        {
            var p = await page(after);
            foreach (var row in p.Items)
            {
                apply(row);
            }

            if (!p.HasNextPage || p.Items.Count == 0)
            {
                return;
            }

            after = cursorOf(p.Items[^1]);
        }
    }
}
