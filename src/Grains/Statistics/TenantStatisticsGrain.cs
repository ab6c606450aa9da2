using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// One tenant's <see cref="TenantStatistics"/> (<see cref="ITenantStatisticsGrain"/>). Built on the first call of an activation
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

    private string TenantId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task Apply(StatisticsFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.IsEmpty)
        {
            return;
        }

        var projection = await ProjectionAsync();
        projection.Apply(readModel is IKeptRows kept ? Shared(feed, kept) : feed);
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
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async ValueTask<TenantStatistics> ProjectionAsync()
    {
        if (_projection is not null)
        {
            return _projection;
        }

        var settings = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettings();
        var projection = new TenantStatistics(settings.Calendar);
        await ReadAllAsync(after => readModel.QueryCasesAsync(TenantId, new CaseQuery(), PageSize, after), r => r.Id, projection.Apply);
        await ReadAllAsync(after => readModel.QueryTasksAsync(TenantId, new TaskQuery(OpenOnly: false), PageSize, after), r => r.Id, projection.Apply);
        await ReadAllAsync(after => readModel.QueryPeopleAsync(TenantId, PersonQuery.All, PageSize, after), r => r.Id, projection.Apply);
        return _projection = projection;
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
