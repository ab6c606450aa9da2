namespace CareGrid.Grains.Tenancy;

/// <summary>Persisted state of a <see cref="TenantGrain"/>; its rules are in <see cref="TenantAggregate"/>.</summary>
[GenerateSerializer, Alias("CareGrid.TenantState")]
public sealed class TenantState
{
    /// <summary>False until onboarded.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Jurisdiction kind.</summary>
    [Id(2)] public TenantKind Kind { get; set; }
    /// <summary>Lifecycle status.</summary>
    [Id(3)] public TenantStatus Status { get; set; }
    /// <summary>Parent tenant id.</summary>
    [Id(4)] public string? ParentId { get; set; }
    /// <summary>IANA time zone of the tenant's calendar.</summary>
    [Id(5)] public string TimeZone { get; set; } = TenantAggregate.DefaultTimeZone;
    /// <summary>Onboarding time (UTC).</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>TenantAdmins named at onboarding.</summary>
    [Id(8)] public List<TenantAdmin> Admins { get; set; } = [];
    /// <summary>Lifecycle and settings history, the newest <see cref="TenantAggregate.MaxHistory"/>: time, trigger, actor, reason (every change is also in the audit log).</summary>
    [Id(9)] public List<string> History { get; set; } = [];
    /// <summary>Protocol settings: calendar and deadlines (null in state written before settings existed: defaults apply).</summary>
    [Id(10)] public TenantSettings? Settings { get; set; }
    /// <summary>When the offboarding export was taken (UTC); deletion needs it.</summary>
    [Id(11)] public DateTimeOffset? ExportedAt { get; set; }
    /// <summary>
    /// Whether the tenant shares its de-identified statistics with its parent tenant's roll-up (<c>setStatisticsSharing</c>,
    /// docs/statistics.md "Roll-up"). Off by default and in state written before it existed.
    /// </summary>
    [Id(12)] public bool StatisticsSharing { get; set; }
}
