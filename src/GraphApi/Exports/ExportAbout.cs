using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Exports;
using CareGrid.Grains.Statistics;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// The "about this report" table (key <c>about</c>) every statistics export writes first (docs/statistics.md "Exports"): the
/// tenant, the units asked for or "whole tenant", the period, the as-of instant in the tenant's time zone with the zone id and
/// the language, in the export's language, so a file taken away still says what it counts. Written by the same writers as
/// every table (the formula rule applies).
/// </summary>
public static class ExportAbout
{
    /// <summary>The table key.</summary>
    public const string Key = "about";

    /// <summary>What a report covers: the scope of a request as the export source resolved it.</summary>
    /// <param name="TenantId">The tenant's id.</param>
    /// <param name="OrganizationId">The unit asked for (<c>organizationId</c>), or null.</param>
    /// <param name="IncludeSubtree">Whether the units below <paramref name="OrganizationId"/> are counted.</param>
    /// <param name="Units">The units counted (null: the whole tenant; a Coordinator without a unit: its scope).</param>
    /// <param name="UnitNames">Unit names by id (the tenant's organizations).</param>
    /// <param name="Period">The whole weeks counted, or null for a snapshot (the overdue board).</param>
    /// <param name="AsOf">The instant snapshot figures describe.</param>
    /// <param name="TimeZoneId">The tenant's time zone (IANA id).</param>
    public sealed record Scope(string TenantId, string? OrganizationId, bool IncludeSubtree, IReadOnlyList<string>? Units,
        IReadOnlyDictionary<string, string> UnitNames, StatisticsPeriod? Period, DateTimeOffset AsOf, string TimeZoneId)
    {
        /// <summary>The tenant's name, written before its id (round-34 trial: "租户,shiqiao-town" where 石桥镇 was meant); null: the id alone.</summary>
        public string? TenantName { get; init; }
    }

    /// <summary>The table: two columns (item, value), one row per fact, in <paramref name="language"/>.</summary>
    public static ExportTable Table(Scope scope, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var local = TimeZoneInfo.ConvertTime(scope.AsOf, new WorkingCalendar(scope.TimeZoneId).TimeZone);
        var offset = local.ToString("zzz", CultureInfo.InvariantCulture);
        var asOf = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        (LocalizedText Item, LocalizedText Value)[] facts =
        [
            (new("Tenant", "租户"), TenantText(scope)),
            (new("Units", "统计范围"), Units(scope)),
            (new("Period", "统计期"), Period(scope.Period)),
            (new("As of", "截至时间"), new($"{asOf} ({scope.TimeZoneId}, UTC{offset})", $"{asOf}（{scope.TimeZoneId}，UTC{offset}）")),
            (new("Time zone", "时区"), new(scope.TimeZoneId, scope.TimeZoneId)),
            (new("Language", "语言"), new("English (en)", "简体中文（zh-CN）")),
        ];
        return ExportTable.Of(Key, new LocalizedText("About this report", "关于本报表").In(language),
            [new LocalizedText("Item", "项目").In(language), new LocalizedText("Value", "内容").In(language)],
            facts.Select(f => (IReadOnlyList<ExportCell>)[ExportCell.Of(f.Item.In(language)), ExportCell.Of(f.Value.In(language))]));
    }

    private static LocalizedText TenantText(Scope scope) =>
        string.IsNullOrWhiteSpace(scope.TenantName) || scope.TenantName == scope.TenantId
            ? new(scope.TenantId, scope.TenantId)
            : new($"{scope.TenantName} ({scope.TenantId})", $"{scope.TenantName}（{scope.TenantId}）");

    private static LocalizedText Units(Scope scope)
    {
        if (scope.OrganizationId is { } id)
        {
            var name = $"{scope.UnitNames.GetValueOrDefault(id, id)} ({id})";
            return scope.IncludeSubtree
                ? new($"{name} and the units below it: {Names(scope)}", $"{name}及其下属单位：{Names(scope)}")
                : new(name, name);
        }

        return scope.Units is null
            ? new("Whole tenant (every unit, and records without a unit)", "整个租户（全部单位，含未归属单位的记录）")
            : new($"The units of your scope: {Names(scope)}", $"您权限范围内的单位：{Names(scope)}");
    }

    private static string Names(Scope scope) =>
        string.Join("; ", (scope.Units ?? []).Select(u => $"{scope.UnitNames.GetValueOrDefault(u, u)} ({u})"));

    private static LocalizedText Period(StatisticsPeriod? period)
    {
        if (period is null)
        {
            return new("None: every figure describes the as-of instant", "无：所有数字均为截至时间的状况");
        }

        var from = period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new($"{from} to {to} ({period.Weeks} whole weeks, Monday to Sunday)", $"{from} 至 {to}（共{period.Weeks}个完整周，周一至周日）");
    }
}
