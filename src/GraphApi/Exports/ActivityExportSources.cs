using System.Globalization;
using CareGrid.Grains.Activities;
using CareGrid.Grains.Exports;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// <c>activity-plan.csv|.xlsx</c>: a unit's activity plan (R-7.1, docs/activities.md) as one table after the
/// <see cref="ExportAbout"/> table. Mirrors <c>activities</c>: parameter <c>organizationId</c> (required); the unit check is
/// the field's own (<see cref="ActivityUnits"/>: NOT_FOUND, FORBIDDEN outside the caller's units).
/// </summary>
public sealed class ActivityPlanExportSource(IGrainFactory grains, IReadModelStore readModel) : IExportSource
{
    /// <inheritdoc />
    public string Name => "activity-plan";

    /// <inheritdoc />
    public string Field => "activities";

    /// <inheritdoc />
    public IReadOnlyList<string> Parameters { get; } = ["organizationId"];

    /// <inheritdoc />
    public async Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (plan, unit, about) = await ActivityExports.OpenAsync(grains, readModel, request);
        var l = request.Language;
        var table = ExportTable.Of("activity-plan", new LocalizedText("Activity plan", "活动计划").In(l),
            [.. new LocalizedText[] { new("Activity", "活动编号"), new("Title", "名称"), new("Title (Chinese)", "中文名称"), new("Owner", "负责人"),
                new("Deadline", "截止日期"), new("Status", "状态"), new("Overdue", "是否逾期"), new("Evidence notes", "佐证记录数") }.Select(h => h.In(l))],
            (await plan.Activities()).Select(v => (IReadOnlyList<ExportCell>)[ExportCell.Of(v.Activity.Id), ExportCell.Of(v.Activity.Title),
                ExportCell.Of(v.Activity.TitleZh), ExportCell.Of(v.Activity.Owner),
                ExportCell.Of(v.Activity.DueOn is { } d ? ActivityExports.Day(d) : new LocalizedText("Ongoing", "长期").In(l)),
                ExportCell.Of(ActivityExports.Status(v.Activity.Status).In(l)), ExportCell.Of(ActivityExports.YesNo(v.Overdue).In(l)),
                ExportCell.Of(v.Activity.Evidence.Count)]));
        var name = l == ReportLanguage.ZhHans ? $"活动计划_{request.Tenant.Id}_{unit}" : $"activity-plan_{request.Tenant.Id}_{unit}";
        return new ExportDocument(name, $"activity-plan_{request.Tenant.Id}_{unit}", new[] { about, table }.ToAsyncEnumerable(), unit);
    }
}

/// <summary>
/// <c>hazard-ledger.csv|.xlsx</c>: a unit's hazard ledger of the bullying-risk sweep (R-7.6, docs/activities.md), mirroring
/// <c>hazardLedger</c> as <see cref="ActivityPlanExportSource"/> mirrors <c>activities</c>.
/// </summary>
public sealed class HazardLedgerExportSource(IGrainFactory grains, IReadModelStore readModel) : IExportSource
{
    /// <inheritdoc />
    public string Name => "hazard-ledger";

    /// <inheritdoc />
    public string Field => "hazardLedger";

    /// <inheritdoc />
    public IReadOnlyList<string> Parameters { get; } = ["organizationId"];

    /// <inheritdoc />
    public async Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (plan, unit, about) = await ActivityExports.OpenAsync(grains, readModel, request);
        var l = request.Language;
        var table = ExportTable.Of("hazard-ledger", new LocalizedText("Hazard ledger of the bullying-risk sweep", "校园欺凌隐患排查台账").In(l),
            [.. new LocalizedText[] { new("Hazard", "隐患编号"), new("Place", "地点"), new("Hazard found", "隐患情况"), new("Owner", "整改责任人"),
                new("Fix by", "整改期限"), new("Fixed at", "整改完成时间"), new("How fixed", "整改情况"), new("Overdue", "是否逾期") }.Select(h => h.In(l))],
            (await plan.Hazards()).Select(v => (IReadOnlyList<ExportCell>)[ExportCell.Of(v.Hazard.Id), ExportCell.Of(v.Hazard.Place),
                ExportCell.Of(v.Hazard.Hazard), ExportCell.Of(v.Hazard.Owner), ExportCell.Of(ActivityExports.Day(v.Hazard.FixBy)),
                ExportCell.Of(v.Hazard.FixedAt?.ToString("O", CultureInfo.InvariantCulture)), ExportCell.Of(v.Hazard.FixNote),
                ExportCell.Of(ActivityExports.YesNo(v.Overdue).In(l))]));
        var name = l == ReportLanguage.ZhHans ? $"隐患台账_{request.Tenant.Id}_{unit}" : $"hazard-ledger_{request.Tenant.Id}_{unit}";
        return new ExportDocument(name, $"hazard-ledger_{request.Tenant.Id}_{unit}", new[] { about, table }.ToAsyncEnumerable(), unit);
    }
}

/// <summary>What the two ledger exports share: the unit check, the "about" table and the labels in both languages.</summary>
public static class ActivityExports
{
    /// <summary>The unit's grain after the field's own checks, the unit id and the "about" table.</summary>
    public static async Task<(IActivityPlanGrain Plan, string Unit, ExportTable About)> OpenAsync(IGrainFactory grains, IReadModelStore readModel, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = request.Tenant;
        var unit = LocalIds.Check(request.Text("organizationId"), "organizationId");
        var plan = await new ActivityUnits(grains, readModel).PlanAsync(tenant, request.Caller.RequireActor(), unit);
        var names = (await readModel.ListOrganizationsAsync(tenant.Id)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var settings = await grains.GetGrain<ITenantGrain>(tenant.Id).GetSettings();
        var now = request.Services.GetRequiredKeyedService<TimeProvider>(DomainClock.Key).GetUtcNow();
        var about = ExportAbout.Table(new(tenant.Id, unit, false, [unit], names, null, now, settings.Calendar.TimeZoneId) { TenantName = tenant.Name }, request.Language);
        return (plan, unit, about);
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An activity status as people read it.</summary>
    public static LocalizedText Status(ActivityStatus status) => status switch
    {
        ActivityStatus.Planned => new("Planned", "计划中"),
        ActivityStatus.InProgress => new("In progress", "进行中"),
        ActivityStatus.Done => new("Done", "已完成"),
        _ => new("Cancelled", "已取消"),
    };

    /// <summary>Yes or no.</summary>
    public static LocalizedText YesNo(bool value) => value ? new("Yes", "是") : new("No", "否");
}
